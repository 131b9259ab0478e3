"""The page where people manage their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import queries
from .domain import create_api_token, revoke_api_token
from .forms import ApiTokenForm


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    """List the user's tokens; on POST, create one and show its secret, once.

    The secret is in this one answer only (never stored, never cached), so the
    page is rendered directly instead of redirecting after the POST.
    """
    may_create = queries.can_have_api_tokens(request.user)
    form = ApiTokenForm()
    created = raw = None
    status = 200
    if request.method == "POST":
        if not may_create:
            status = 403
        else:
            form = ApiTokenForm(request.POST)
            if form.is_valid():
                created, raw = create_api_token(request.user, name=form.cleaned_data["name"])
                form = ApiTokenForm()
    return render(
        request,
        "api/token_list.html",
        {
            "tokens": queries.tokens_of(request.user),
            "may_create": may_create,
            "form": form,
            "created": created,
            "raw_token": raw,
        },
        status=status,
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = queries.get_api_token_for_user(request.user, pk)
    revoke_api_token(token, by=request.user)
    messages.success(
        request,
        _("The token “%(name)s” is revoked: programs using it can no longer reach the API.")
        % {"name": token.name},
    )
    return redirect("api_tokens:list")
