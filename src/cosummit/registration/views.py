"""The participant's side of registration: the form, and the private pages.

The private pages are reached by the token in their address, without an
account; anyone with the link sees them, so they are never cached by shared
caches and never send their address to another site.
"""

import functools
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cosummit.core.questions import display_answer
from cosummit.summits.models import Event

from . import domain, protection, queries, tickets
from .availability import availability
from .forms import EditRegistrationForm, RegistrationForm
from .models import Registration, RegistrationSetup, Status

# Statuses whose hold runs out at `hold_expires_at`.
HOLDING_STATUSES = (Status.HELD, Status.OFFERED)


def private(view):
    """Headers for a page whose address is its only key."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        # Not "no-referrer": with it, browsers send "Origin: null" with the
        # page's own forms, which Django's CSRF check rightly refuses.
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


# Registering


def _event_open_to_the_public(summit_slug: str, event_slug: str):
    """The published event of a published summit, its setup read in the same query.

    Organisers see unpublished summits and events elsewhere, but nobody
    registers for one: anything unpublished is 404 here, for everyone.
    """
    event = (
        Event.objects.filter(
            summit__slug=summit_slug,
            summit__is_published=True,
            slug=event_slug,
            is_published=True,
        )
        .select_related("summit__venue", "venue", "registration_setup")
        .first()
    )
    if event is None:
        raise Http404
    try:
        setup = event.registration_setup
    except RegistrationSetup.DoesNotExist:
        setup = None
    return event.summit, event, setup


@require_http_methods(["GET", "POST"])
def register(request, summit, event):
    summit, event, setup = _event_open_to_the_public(summit, event)
    # A valid POST is counted again by `domain.register`, under the lock: the
    # seats left are counted here only for a page that shows them.
    state = availability(event, setup=setup, count=request.method != "POST")
    context = {"summit": summit, "event": event, "setup": setup, "availability": state}
    if not state.is_open:
        return render(request, "registration/register.html", context)

    user = request.user if request.user.is_authenticated else None
    form_options = {
        "questions": list(setup.questions.select_related("depends_on")),
        "user": user,
        "consent": bool(setup.consent_text),
        "category_required": setup.quotas.exists(),
    }
    if request.method == "POST":
        email = user.email if user else request.POST.get("email", "")
        if not protection.within_rate_limits(request, email):
            return render(request, "429.html", status=429)
        form = RegistrationForm(request.POST, **form_options)
        if form.is_valid() and form.spend_check():
            return _register(request, form, context)
        form.prepare_checks()
        # The form is shown again: with the seats left, as on a GET.
        context["availability"] = availability(event, setup=setup)
    else:
        form = RegistrationForm(**form_options)
    return render(request, "registration/register.html", context | {"form": form})


def _register(request, form, context):
    data = form.cleaned_data
    registrant = domain.Registrant(
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        organisation_type=data["organisation_type"],
        country=data["country"],
        language=get_language(),
        answers=form.cleaned_answers,
        consented=bool(data.get("consent")),
        user=form.user,
    )
    try:
        registration = domain.register(context["event"], registrant=registrant)
    except domain.AlreadyRegistered as error:
        outcome = {"outcome": "already", "registration": error.registration}
    except domain.RegistrationClosed as error:
        return render(
            request,
            "registration/register.html",
            context | {"availability": availability(context["event"]), "closed": error.message},
        )
    except domain.RegistrationError as error:
        form.add_error(None, error.message)
        form.prepare_checks()
        state = availability(context["event"], setup=context["setup"])
        return render(
            request, "registration/register.html", context | {"form": form, "availability": state}
        )
    else:
        outcome = {
            "outcome": registration.status,
            "registration": registration,
            "position": queries.waiting_position(registration),
        }
    registration = outcome["registration"]
    outcome["email"] = registrant.email
    # The private link proves that the person reads this mailbox: it is shown
    # here only to the account it belongs to, never to whoever typed the address.
    outcome["is_mine"] = form.user is not None and registration.user_id == form.user.pk
    return render(request, "registration/registered.html", context | outcome)


# The private pages


def _is_erased(registration: Registration) -> bool:
    return registration.name == domain.ERASED_NAME and registration.email.endswith("@invalid")


def _hold_expired(registration: Registration, now) -> bool:
    return (
        registration.status in HOLDING_STATUSES
        and registration.hold_expires_at is not None
        and registration.hold_expires_at <= now
    )


def _can_change(registration: Registration) -> bool:
    return registration.is_active and not _is_erased(registration)


def _answers(registration: Registration, questions) -> list[dict]:
    """The registrant's answers with their questions, in the form's order."""
    shown = []
    for question in questions:
        key = str(question.pk)
        if key in registration.answers:
            answer = registration.answers[key]
            shown.append(
                {
                    "question": question,
                    "value": answer,
                    "display": display_answer(question, answer),
                }
            )
    return shown


def _questions(registration: Registration) -> list:
    return list(registration.event.registration_setup.questions.select_related("depends_on"))


def _private_context(registration: Registration, **extra) -> dict:
    now = timezone.now()
    hold_expired = _hold_expired(registration, now)
    return {
        "registration": registration,
        "event": registration.event,
        "summit": registration.event.summit,
        "setup": registration.event.registration_setup,
        "hold_expired": hold_expired,
        "can_confirm": registration.status in HOLDING_STATUSES and not hold_expired,
        "can_change": _can_change(registration),
        "erased": _is_erased(registration),
        **extra,
    }


@private
@require_GET
def detail(request, token):
    registration = queries.registration_for_token(token)
    extra = {
        "position": queries.waiting_position(registration),
        "answers": _answers(registration, _questions(registration)),
    }
    if registration.status == Status.CONFIRMED:
        extra["qr_svg"] = tickets.qr_svg(registration)
    return render(request, "registration/detail.html", _private_context(registration, **extra))


@private
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button; only POST confirms, since mail scanners follow links."""
    registration = queries.registration_for_token(token)
    # A hold past its deadline goes to the domain too, which releases the seat.
    if request.method == "POST" and registration.status in HOLDING_STATUSES:
        try:
            registration = domain.confirm_registration(registration)
        except domain.HoldExpired:
            registration.refresh_from_db()
            return render(
                request, "registration/confirm.html", _private_context(registration, expired=True)
            )
        except domain.RegistrationError as error:
            messages.error(request, error.message)
            return redirect("registration:detail", token=token)
        if registration.status == Status.AWAITING_APPROVAL:
            messages.success(
                request,
                _(
                    "Thank you: your e-mail address is confirmed. The organisers approve "
                    "each registration; we will write to you once they have."
                ),
            )
        else:
            messages.success(
                request,
                _("Your registration is confirmed. We have sent your ticket by e-mail."),
            )
        return redirect("registration:detail", token=token)
    return render(request, "registration/confirm.html", _private_context(registration))


@private
@require_http_methods(["GET", "POST"])
def edit(request, token):
    registration = queries.registration_for_token(token)
    if not _can_change(registration):
        messages.error(request, _("This registration can no longer be changed."))
        return redirect("registration:detail", token=token)
    setup = registration.event.registration_setup
    options = {
        "registration": registration,
        "questions": _questions(registration),
        "category_required": setup.quotas.exists(),
    }
    if request.method == "POST":
        form = EditRegistrationForm(request.POST, **options)
        if form.is_valid():
            data = form.cleaned_data
            try:
                domain.update_registration(
                    registration,
                    answers=form.cleaned_answers,
                    name=data["name"],
                    organisation=data["organisation"],
                    organisation_type=data["organisation_type"],
                    country=data["country"],
                )
            except domain.RegistrationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Your registration is updated."))
                return redirect("registration:detail", token=token)
    else:
        form = EditRegistrationForm(**options)
    return render(request, "registration/edit.html", _private_context(registration, form=form))


@private
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    registration = queries.registration_for_token(token)
    if not registration.is_active:
        messages.error(request, _("This registration is not active: there is nothing to cancel."))
        return redirect("registration:detail", token=token)
    if request.method == "POST":
        try:
            domain.cancel_registration(registration)
        except domain.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Your registration is cancelled. We have sent you an e-mail.")
            )
        return redirect("registration:detail", token=token)
    return render(request, "registration/cancel.html", _private_context(registration))


def _ticket(token: str) -> Registration:
    registration = queries.registration_for_token(token)
    if registration.status != Status.CONFIRMED:
        raise Http404
    return registration


@private
@require_GET
def ics(request, token):
    registration = _ticket(token)
    response = HttpResponse(tickets.ticket_ics(registration), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return response


@private
@require_GET
def qr(request, token):
    registration = _ticket(token)
    return HttpResponse(tickets.qr_png(registration), content_type="image/png")


def personal_data(registration: Registration, questions) -> dict:
    """Everything kept about a registration, as the registrant downloads it."""
    event = registration.event
    known = {str(question.pk) for question in questions}
    answers = [
        {
            "question": str(item["question"].label),
            "answer": item["value"],
            "as_shown": item["display"],
        }
        for item in _answers(registration, questions)
    ]
    # Answers to questions the organisers removed since are still kept: list them too.
    answers += [
        {"question": None, "answer": value, "as_shown": str(value)}
        for key, value in registration.answers.items()
        if key not in known
    ]
    return {
        "event": {
            "summit": str(event.summit.name),
            "title": str(event.title),
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
        },
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "organisation_type": registration.organisation_type,
        "country": registration.country.code or "",
        "category": registration.category,
        "language": registration.language,
        "status": registration.status,
        "code": registration.code,
        "account": registration.user.email if registration.user_id else None,
        "registered_at": registration.created_at,
        "waiting_since": registration.waiting_since,
        "confirm_before": registration.hold_expires_at,
        "confirmed_at": registration.confirmed_at,
        "cancelled_at": registration.cancelled_at,
        "checked_in_at": registration.checked_in_at,
        "consent_version": registration.consent_version,
        "consented_at": registration.consented_at,
        "answers": answers,
    }


@private
@require_GET
def data(request, token):
    registration = queries.registration_for_token(token)
    body = json.dumps(
        personal_data(registration, _questions(registration)),
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="registration-{registration.code}.json"'
    )
    return response


@private
@require_http_methods(["GET", "POST"])
def delete(request, token):
    """Erase the registrant's personal data; GET asks first."""
    registration = queries.registration_for_token(token)
    if _is_erased(registration):
        return render(request, "registration/deleted.html", _private_context(registration))
    if request.method == "POST":
        # The domain cancels an active registration first, so that its seat
        # goes to someone else.
        domain.erase_personal_data(registration)
        return render(request, "registration/deleted.html", _private_context(registration))
    return render(request, "registration/delete.html", _private_context(registration))


# A signed-in person's registrations


@login_required
@require_GET
def my_registrations(request):
    registrations = list(queries.registrations_of_user(request.user))
    return render(request, "registration/mine.html", {"registrations": registrations})
