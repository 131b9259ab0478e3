from allauth.decorators import rate_limit
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from . import domain, queries
from .forms import DeleteAccountForm, ProfileForm
from .language import remember_language


@login_required
@never_cache
def profile(request):
    return render(
        request, "accounts/profile.html", {"team_roles": queries.team_roles_of(request.user)}
    )


@login_required
@never_cache
def profile_edit(request):
    form = ProfileForm.for_user(request.user, request.POST or None)
    if not form.is_valid():
        return render(request, "accounts/profile_edit.html", {"form": form})
    domain.update_profile(request.user, **form.cleaned_data)
    language = request.user.preferred_language
    with translation.override(language):
        messages.success(request, _("Your profile is saved."))
        response = redirect("accounts:profile")
    remember_language(response, language)
    return response


@login_required
@never_cache
def data_export(request):
    data = domain.export_personal_data(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"cosummit-personal-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@never_cache
@rate_limit(action="reauthenticate")
def account_delete(request):
    """Ask for the password, then delete; organisers who are the last of a summit must wait."""
    blocking_summits = list(queries.summits_where_last_organiser(request.user))
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if not blocking_summits and form.is_valid():
        try:
            domain.delete_account(request.user)
        except domain.LastOrganiserError as refusal:
            blocking_summits = refusal.summits
        else:
            logout(request)
            messages.success(
                request, _("Your account and your personal data are deleted. Goodbye!")
            )
            return redirect("home")
    return render(
        request,
        "accounts/account_delete.html",
        {"form": form, "blocking_summits": blocking_summits},
    )
