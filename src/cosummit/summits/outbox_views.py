"""The organiser's outbox page: the summit's mail, its delivery, and sending again.

Messages held for checking (the decisions on proposals, for instance) are
listed with their text; organisers send them one by one or all together.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from django.views.decorators.http import require_POST

from cosummit.core.mail import NotRetryable, release_held, retry_message
from cosummit.core.models import OutboxMessage

from . import outbox_queries, queries

PER_PAGE = 50


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=pgettext_lazy("mail", "Status"),
        choices=[("", gettext_lazy("All messages")), *OutboxMessage.Status.choices],
        required=False,
    )


HELD = OutboxMessage.Status.HELD


@login_required
def outbox(request, summit):
    """The summit's mail; a POST sends every message held for checking."""
    summit = queries.get_summit_for_organiser(request.user, summit)
    if request.method == "POST":
        return release_all_held(request, summit)
    form = OutboxFilterForm(request.GET if "status" in request.GET else None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = Paginator(outbox_queries.summit_outbox(summit, status=status), PER_PAGE).get_page(
        request.GET.get("page")
    )
    by_status = outbox_queries.outbox_counts(summit)
    # Delivery statuses; held messages, not delivered yet, are counted apart.
    counts = [
        (value, label, by_status[value])
        for value, label in OutboxMessage.Status.choices
        if value != HELD
    ]
    return render(
        request,
        "summits/organise/outbox.html",
        {
            "summit": summit,
            "section": "outbox",
            "form": form,
            "status": status,
            "page": page,
            "counts": counts,
            "held_count": by_status[HELD],
            "total": sum(by_status.values()),
            "retryable": (OutboxMessage.Status.QUEUED, OutboxMessage.Status.FAILED, HELD),
        },
    )


def release_all_held(request, summit):
    """Send every message of the summit held for checking, then list the outbox again."""
    released = release_held(summit.slug, by=request.user)
    if released:
        messages.success(
            request,
            ngettext(
                "%(count)d held message will be sent in a moment.",
                "%(count)d held messages will be sent in a moment.",
                released,
            )
            % {"count": released},
        )
    else:
        messages.info(request, _("No message was held for checking: nothing was sent."))
    return redirect(reverse("organise:outbox", kwargs={"summit": summit.slug}))


@login_required
@require_POST
def outbox_retry(request, summit, message):
    summit = queries.get_summit_for_organiser(request.user, summit)
    message = outbox_queries.get_outbox_message_for_organiser(request.user, summit, message)
    recipients = ", ".join(message.to)
    try:
        message = retry_message(message, by=request.user)
    except NotRetryable:
        messages.error(
            request,
            _("The message to %(recipients)s was sent already; it is not sent twice.")
            % {"recipients": recipients},
        )
    else:
        context = {"recipients": recipients}
        if message.status == OutboxMessage.Status.SENT:
            messages.success(request, _("The message to %(recipients)s was sent.") % context)
        elif message.status == OutboxMessage.Status.FAILED:
            messages.error(
                request,
                _("The message to %(recipients)s could not be sent; its error is listed.")
                % context,
            )
        else:
            messages.success(
                request, _("The message to %(recipients)s will be sent in a moment.") % context
            )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("organise:outbox", kwargs={"summit": summit.slug}))
