"""The organisers' registration pages: overview, settings, questions, registrations.

Every view finds its objects through the `*_for_organiser` helpers of
`organiser_queries.py`, which answer 404 to anyone who does not organise the
summit, and writes through `domain.py` (or `question_editing.py`).
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cosummit.core.question_editing import (
    dependants_consequences,
    move_as_posted,
    question_rows,
)
from cosummit.summits.queries import get_summit_for_organiser

from . import badges, charts, domain, exports, queries, question_editing
from . import organiser_queries as organiser
from .models import ACTIVE_STATUSES, Category, RegistrationSetup, Status
from .organiser_forms import (
    AddRegistrationForm,
    MessageForm,
    QuestionForm,
    RegistrationFilterForm,
    RegistrationSetupForm,
)

PAGE_SIZE = 50


def _render(request, template: str, event, **context):
    return render(
        request,
        f"registration/organise/{template}",
        {"summit": event.summit, "event": event, "section": "registrations", **context},
    )


def _list_url(event, filters: organiser.RegistrationFilters | None = None) -> str:
    url = reverse(
        "registration_organise:list", kwargs={"summit": event.summit.slug, "event": event.slug}
    )
    query = filters.as_query() if filters else {}
    return f"{url}?{urlencode(query)}" if query else url


# The summit's overview


STATE_LABELS = {
    organiser.RegistrationState.NOT_SET_UP: gettext_lazy("Not set up"),
    organiser.RegistrationState.DISABLED: gettext_lazy("Turned off"),
    organiser.RegistrationState.NOT_OPEN_YET: gettext_lazy("Not open yet"),
    organiser.RegistrationState.OPEN: gettext_lazy("Open"),
    organiser.RegistrationState.CLOSED: gettext_lazy("Closed"),
}


@login_required
def overview(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    now = timezone.now()
    events = list(organiser.events_with_registration_counts(summit))
    for event in events:
        event.setup = organiser.setup_of(event)
        event.state = organiser.registration_state(event.setup, now)
        event.state_label = STATE_LABELS[event.state]
    return render(
        request,
        "registration/organise/overview.html",
        {"summit": summit, "section": "registrations", "events": events},
    )


# Settings


@login_required
def setup_edit(request, summit, event):
    event = organiser.get_event_for_organiser(request.user, summit, event)
    existing = organiser.setup_of(event)
    shown = existing or RegistrationSetup(event_id=event.pk)
    quotas = {quota.category: quota.capacity for quota in shown.quotas.all()} if existing else {}
    seats_taken = queries.seats_taken(existing) if existing else 0
    data = request.POST if request.method == "POST" else None
    form = RegistrationSetupForm(
        data, instance=copy.copy(shown), event=event, quotas=quotas, seats_taken=seats_taken
    )
    if form.is_valid():
        setup = queries.get_setup(event)
        domain.update_registration_setup(setup, by=request.user, **form.setup_values)
        domain.set_quotas(setup, quotas=form.quota_values, by=request.user)
        messages.success(request, _("The registration settings were saved."))
        if form.capacity_below_seats_taken:
            messages.warning(
                request,
                ngettext(
                    "The capacity is now below the %(count)d seat already taken: nobody "
                    "loses their seat, but nobody new gets one until enough people cancel.",
                    "The capacity is now below the %(count)d seats already taken: nobody "
                    "loses their seat, but nobody new gets one until enough people cancel.",
                    seats_taken,
                )
                % {"count": seats_taken},
            )
        return redirect(
            "registration_organise:settings", summit=event.summit.slug, event=event.slug
        )
    return _render(request, "settings.html", event, form=form, seats_taken=seats_taken)


# Questions


@login_required
def questions(request, summit, event):
    event = organiser.get_event_for_organiser(request.user, summit, event)
    questions = organiser.questions_of(event)
    rows = question_rows(
        questions,
        namespace="registration_organise",
        summit=event.summit.slug,
        event=event.slug,
    )
    return _render(request, "questions.html", event, questions=questions, rows=rows)


@login_required
def question_create(request, summit, event):
    event = organiser.get_event_for_organiser(request.user, summit, event)
    data = request.POST if request.method == "POST" else None
    existing = organiser.setup_of(event)
    # Before registration is set up, the form shows with the defaults of an unsaved setup.
    form = QuestionForm(data, setup=existing or RegistrationSetup(event_id=event.pk))
    if form.is_valid():
        setup = queries.get_setup(event)
        question = question_editing.create_question(setup, by=request.user, **form.question_values)
        messages.success(request, _("The question “%(label)s” was added.") % {"label": question})
        return redirect(
            "registration_organise:questions", summit=event.summit.slug, event=event.slug
        )
    return _render(request, "question_form.html", event, form=form, question=None)


@login_required
def question_edit(request, summit, event, question):
    question = organiser.get_question_for_organiser(request.user, summit, event, question)
    event = question.setup.event
    data = request.POST if request.method == "POST" else None
    form = QuestionForm(data, instance=copy.copy(question), setup=question.setup)
    if form.is_valid():
        question_editing.update_question(question, by=request.user, **form.question_values)
        messages.success(request, _("The question “%(label)s” was saved.") % {"label": question})
        return redirect(
            "registration_organise:questions", summit=event.summit.slug, event=event.slug
        )
    return _render(request, "question_form.html", event, form=form, question=question)


@login_required
def question_delete(request, summit, event, question):
    question = organiser.get_question_for_organiser(request.user, summit, event, question)
    event = question.setup.event
    back = reverse(
        "registration_organise:questions", kwargs={"summit": event.summit.slug, "event": event.slug}
    )
    if request.method == "POST":
        question_editing.delete_question(question, by=request.user)
        messages.success(request, _("The question “%(label)s” was deleted.") % {"label": question})
        return redirect(back)
    consequences = [
        _("Answers already given to it stay in the registrations but are no longer shown."),
        *dependants_consequences(question),
    ]
    return render(
        request,
        "summits/organise/confirm_delete.html",
        {
            "summit": event.summit,
            "section": "registrations",
            "heading": _("Delete the question “%(label)s”?") % {"label": question},
            "consequences": consequences,
            "cancel_url": back,
        },
    )


@login_required
@require_POST
def question_move(request, summit, event, question):
    question = organiser.get_question_for_organiser(request.user, summit, event, question)
    event = question.setup.event
    move_as_posted(request, question, question_editing.move_question)
    return redirect("registration_organise:questions", summit=event.summit.slug, event=event.slug)


# Registrations


@login_required
def registration_list(request, summit, event):
    event = organiser.get_event_for_organiser(request.user, summit, event)
    filter_form = RegistrationFilterForm(request.GET)
    filters = filter_form.filters
    registrations = organiser.filter_registrations(organiser.event_registrations(event), filters)
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = organiser.counts_by_status_and_category(event)
    per_day = organiser.registrations_per_day(event)
    query = filters.as_query()
    return _render(
        request,
        "registration_list.html",
        event,
        setup=organiser.setup_of(event),
        filter_form=filter_form,
        filters=filters,
        filter_query=urlencode(query),
        page=page,
        counts_by_status=[
            (status, label, counts.by_status.get(status, 0)) for status, label in Status.choices
        ],
        counts_by_category=[
            (category, label, counts.by_category.get(category, 0))
            for category, label in Category.choices
        ],
        total=counts.total,
        per_day=per_day,
        chart=charts.bar_chart(per_day),
        approvable=Status.AWAITING_APPROVAL,
        cancellable=ACTIVE_STATUSES,
    )


@login_required
def export_csv(request, summit, event):
    event = organiser.get_event_for_organiser(request.user, summit, event)
    filters = RegistrationFilterForm(request.GET).filters
    registrations = organiser.filter_registrations(organiser.event_registrations(event), filters)
    registrations = registrations.select_related("event__summit")
    text = exports.registrations_csv(
        registrations, organiser.questions_of(event), language=get_language()
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, exports.csv_filename(event))
    return response


@login_required
def badges_pdf(request, summit, event):
    event = organiser.get_event_for_organiser(request.user, summit, event)
    filters = RegistrationFilterForm(request.GET).filters
    confirmed = organiser.event_registrations(event).filter(status=Status.CONFIRMED)
    registrations = organiser.filter_registrations(confirmed, filters).select_related(
        "event__summit"
    )
    pdf = badges.badges_pdf(
        badges.badge_of(registration) for registration in registrations.order_by("name", "pk")
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"badges-{event.summit.slug}-{event.slug}.pdf"
    )
    return response


@login_required
def registration_add(request, summit, event):
    event = organiser.get_event_for_organiser(request.user, summit, event)
    data = request.POST if request.method == "POST" else None
    form = AddRegistrationForm(
        data, questions=organiser.questions_of(event), initial={"language": get_language()}
    )
    if form.is_valid():
        registrant = domain.Registrant(
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            organisation=form.cleaned_data["organisation"],
            organisation_type=form.cleaned_data["organisation_type"],
            country=form.cleaned_data["country"],
            language=form.cleaned_data["language"],
            answers=form.cleaned_answers,
        )
        try:
            registration = domain.add_registration(event, registrant=registrant, by=request.user)
        except domain.AlreadyRegistered as error:
            form.add_error(
                "email",
                _("%(email)s is already registered for this event (%(status)s).")
                % {
                    "email": registrant.email,
                    "status": error.registration.get_status_display(),
                },
            )
        except domain.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is registered: %(status)s.")
                % {"name": registration.name, "status": registration.get_status_display()},
            )
            return redirect(_list_url(event))
    return _render(request, "registration_add.html", event, form=form)


def _act(request, summit, event, registration, action, done: str):
    registration = organiser.get_registration_for_organiser(
        request.user, summit, event, registration
    )
    event = registration.event
    try:
        action(registration, by=request.user)
    except domain.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"name": registration.name})
    filters = RegistrationFilterForm(request.POST).filters
    return redirect(_list_url(event, filters))


@login_required
@require_POST
def registration_approve(request, summit, event, registration):
    return _act(
        request,
        summit,
        event,
        registration,
        domain.approve_registration,
        _("The registration of %(name)s is approved; their ticket is on its way."),
    )


@login_required
@require_POST
def registration_reject(request, summit, event, registration):
    return _act(
        request,
        summit,
        event,
        registration,
        domain.reject_registration,
        _("The registration of %(name)s is rejected; they were told by e-mail."),
    )


@login_required
@require_POST
def registration_cancel(request, summit, event, registration):
    return _act(
        request,
        summit,
        event,
        registration,
        domain.cancel_registration,
        _("The registration of %(name)s is cancelled; they were told by e-mail."),
    )


@login_required
def message(request, summit, event):
    """Write to the registrants matching the filters: write, check, then send."""
    event = organiser.get_event_for_organiser(request.user, summit, event)
    source = request.POST if request.method == "POST" else request.GET
    filters = RegistrationFilterForm(source).filters
    recipients = organiser.message_recipients(event, filters)
    recipient_count = recipients.count()
    form = MessageForm(request.POST if request.method == "POST" else None)
    confirming = False
    if form.is_valid() and "edit" not in request.POST:
        if recipient_count == 0:
            form.add_error(None, _("Nobody matches these filters: no message was sent."))
        elif request.POST.get("confirmed") == "yes":
            sent = domain.message_registrants(
                event,
                registrations=recipients,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                by=request.user,
            )
            messages.success(
                request,
                ngettext(
                    "The message is on its way to %(count)d person.",
                    "The message is on its way to %(count)d people.",
                    sent,
                )
                % {"count": sent},
            )
            return redirect(_list_url(event, filters))
        else:
            confirming = True
    return _render(
        request,
        "message.html",
        event,
        form=form,
        filters=filters,
        status_label=Status(filters.status).label if filters.status else "",
        category_label=Category(filters.category).label if filters.category else "",
        recipient_count=recipient_count,
        confirming=confirming,
        back_url=_list_url(event, filters),
    )
