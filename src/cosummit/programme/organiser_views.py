"""The organisers' agenda builder: overview, days, sessions, pitch sessions,
speakers' unavailabilities, the grid per day, the unscheduled list and warnings.

Only the summit's organisers reach these pages: everyone else gets 404,
through `summits.queries.get_summit_for_organiser`. Writes go through
`builder.py`; every form works without JavaScript, and the grid's drag and
drop posts to the same place form.
"""

import copy
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cosummit.core.organiser_editing import save_from_form
from cosummit.summits.queries import get_summit_for_organiser

from . import builder, builder_queries, organiser_forms
from .builder_cards import CardRenderer
from .models import Session, Slot, Unavailability
from .warnings import agenda_warnings, warning_rows, warnings_by_session

PAGE_SIZE = 100


def render_organise(request, template: str, summit, part: str, *, status=200, **context):
    """A page of the programme's organiser area, `part` marking it in the menu."""
    return render(
        request,
        f"programme/organise/{template}",
        {"summit": summit, "section": "programme", "part": part, **context},
        status=status,
    )


def _delete_or_confirm(
    request, summit, part: str, *, row, delete, deleted: str, heading: str, consequences, back: str
):
    """Delete `row` on POST, else ask to confirm, saying what deleting does.

    On POST: `delete(row, by=user)`, the `deleted` message (the row as
    `%(name)s`), back to the list named `back`. Otherwise the confirmation
    page with `heading` and the sentences `consequences()` returns.
    """
    if request.method == "POST":
        try:
            delete(row, by=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, deleted % {"name": row})
        return redirect(back, summit=summit.slug)
    return render_organise(
        request,
        "confirm_delete.html",
        summit,
        part,
        heading=heading % {"name": row},
        consequences=consequences(),
        cancel_url=reverse(back, kwargs={"summit": summit.slug}),
    )


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _next_or(request, default: str) -> str:
    """The `next` address sent with a form when it is a page of this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    is_local_path = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if is_local_path else default


# Overview and warnings


@login_required
def index(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    days = builder_queries.days_of(summit)
    slots = Slot.objects.filter(
        session__summit=summit, release__isnull=True, session__pitch_session__isnull=True
    )
    warnings = agenda_warnings(summit)
    figures = {
        "sessions": Session.objects.filter(summit=summit).count(),
        "placed": slots.filter(starts_at__isnull=False).count(),
        "unscheduled": slots.filter(starts_at__isnull=True).count(),
        "warnings": len(warnings),
        "unavailabilities": Unavailability.objects.filter(summit=summit).count(),
    }
    return render_organise(request, "index.html", summit, "index", days=days, figures=figures)


@login_required
def warning_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    days = builder_queries.days_of(summit)
    rows = warning_rows(summit, agenda_warnings(summit), days)
    return render_organise(request, "warnings.html", summit, "warnings", rows=rows)


# Days


@login_required
def day_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    return render_organise(
        request, "day_list.html", summit, "days", days=builder_queries.days_of(summit)
    )


@login_required
def day_edit(request, summit, day=None):
    summit = get_summit_for_organiser(request.user, summit)
    existing = builder_queries.get_day_for_summit(summit, day) if day is not None else None
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.DayForm(
        data, instance=copy.copy(existing) if existing else None, summit=summit
    )
    if save_from_form(
        request,
        form,
        existing=existing,
        create=lambda **fields: builder.create_day(summit, by=request.user, **fields),
        update=lambda day, **fields: builder.update_day(day, by=request.user, **fields),
        added=_("The day “%(name)s” was added."),
        saved=_("The day “%(name)s” was saved."),
    ):
        return redirect("programme_organise:days", summit=summit.slug)
    heading = _("Edit the day “%(name)s”") % {"name": existing} if existing else _("Add a day")
    return render_organise(
        request,
        "object_form.html",
        summit,
        "days",
        form=form,
        heading=heading,
        cancel_url=reverse("programme_organise:days", kwargs={"summit": summit.slug}),
    )


@login_required
def day_delete(request, summit, day):
    summit = get_summit_for_organiser(request.user, summit)
    day = builder_queries.get_day_for_summit(summit, day)
    return _delete_or_confirm(
        request,
        summit,
        "days",
        row=day,
        delete=builder.delete_day,
        deleted=_("The day “%(name)s” was deleted."),
        heading=_("Delete the day “%(name)s”?"),
        consequences=lambda: [
            _(
                "Sessions placed on this day stay where they are, with a warning "
                "until you add the day again or move them."
            )
        ],
        back="programme_organise:days",
    )


# Sessions


@login_required
def session_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    filters = organiser_forms.SessionFilterForm(request.GET or None, summit=summit)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    sessions = builder_queries.sessions_for_list(
        summit,
        q=chosen.get("q", ""),
        kind=chosen.get("kind", ""),
        track=chosen.get("track"),
        state=chosen.get("state", ""),
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_organise(
        request,
        "session_list.html",
        summit,
        "sessions",
        filters=filters,
        page=page,
        query=query.urlencode(),
    )


def _session_data(form) -> dict:
    return dict(form.cleaned_data)


@login_required
def session_edit(request, summit, session=None):
    summit = get_summit_for_organiser(request.user, summit)
    existing = (
        builder_queries.get_session_for_builder(summit, session) if session is not None else None
    )
    if request.method == "POST":
        form = organiser_forms.SessionForm(
            request.POST, instance=copy.copy(existing) if existing else None, summit=summit
        )
    else:
        initial = {}
        if existing is None and request.GET.get("kind") in Session.Kind.values:
            initial["kind"] = request.GET["kind"]
            initial["takes_whole_venue"] = request.GET["kind"] == Session.Kind.BREAK
            initial["is_pinned"] = request.GET["kind"] in (
                Session.Kind.BREAK,
                Session.Kind.PLENARY,
            )
        form = organiser_forms.SessionForm(
            instance=copy.copy(existing) if existing else None, initial=initial, summit=summit
        )
    if save_from_form(
        request,
        form,
        existing=existing,
        create=lambda **fields: builder.create_session(summit, by=request.user, **fields),
        update=lambda session, **fields: builder.update_session(session, by=request.user, **fields),
        added=_("The session “%(name)s” was added."),
        saved=_("The session “%(name)s” was saved."),
    ):
        return redirect(
            _next_or(request, reverse("programme_organise:sessions", args=[summit.slug]))
        )
    heading = (
        _("Edit the session “%(name)s”") % {"name": existing} if existing else _("Add a session")
    )
    return render_organise(
        request,
        "session_form.html",
        summit,
        "sessions",
        form=form,
        session=existing,
        heading=heading,
        cancel_url=reverse("programme_organise:sessions", kwargs={"summit": summit.slug}),
    )


@login_required
def session_delete(request, summit, session):
    summit = get_summit_for_organiser(request.user, summit)
    session = builder_queries.get_session_for_builder(summit, session)
    return _delete_or_confirm(
        request,
        summit,
        "sessions",
        row=session,
        delete=builder.delete_session,
        deleted=_("The session “%(name)s” was deleted."),
        heading=_("Delete the session “%(name)s”?"),
        consequences=lambda: _session_delete_consequences(session),
        back="programme_organise:sessions",
    )


def _session_delete_consequences(session) -> list[str]:
    consequences = [
        _("Its place in the working agenda and in earlier releases is deleted with it.")
    ]
    if session.proposal_id is not None:
        consequences.append(_("Its proposal stays confirmed, with no session."))
    pitches = session.pitches.count()
    if pitches:
        consequences.append(
            _("Its %(count)d pitches become sessions on their own, not placed.")
            % {"count": pitches}
        )
    return consequences


@login_required
def session_place(request, summit, session):
    """The "Set room and time" form; drag and drop posts here too, asking for JSON."""
    summit = get_summit_for_organiser(request.user, summit)
    session = builder_queries.get_session_for_builder(summit, session)
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.PlaceForm(data, session=session)
    if request.method == "POST":
        if form.is_valid():
            try:
                builder.place_session(
                    session,
                    room=form.cleaned_data["room"],
                    starts_at=form.cleaned_data["starts_at"],
                    by=request.user,
                )
            except ValidationError as error:
                # Changed by someone else since the form was checked, such as
                # the pitch grouped into a pitch session meanwhile.
                form.add_error(None, error)
        if form.is_valid():
            if _wants_json(request):
                return JsonResponse({"placed": True})
            messages.success(request, _("“%(name)s” was placed.") % {"name": session})
            return redirect(_next_or(request, _grid_url(summit, form.cleaned_data["starts_at"])))
        if _wants_json(request):
            errors = [str(message) for messages_ in form.errors.values() for message in messages_]
            return JsonResponse({"placed": False, "errors": errors}, status=422)
    else:
        slot = builder.working_slot(session)
        form.initial = {
            "room": slot.room_id,
            "starts_at": builder_queries.local_input(slot.starts_at, summit.tz) or None,
        }
    return render_organise(
        request,
        "place_form.html",
        summit,
        "grid",
        form=form,
        session=session,
        next=_next_or(request, ""),
    )


def _grid_url(summit, starts_at) -> str:
    date = starts_at.astimezone(summit.tz).date().isoformat()
    return reverse("programme_organise:grid", kwargs={"summit": summit.slug, "day": date})


@login_required
@require_POST
def session_unschedule(request, summit, session):
    summit = get_summit_for_organiser(request.user, summit)
    session = builder_queries.get_session_for_builder(summit, session)
    builder.unschedule_session(session, by=request.user)
    if _wants_json(request):
        return JsonResponse({"placed": False})
    messages.success(request, _("“%(name)s” is no longer placed.") % {"name": session})
    return redirect(
        _next_or(request, reverse("programme_organise:unscheduled", args=[summit.slug]))
    )


@login_required
@require_POST
def session_pin(request, summit, session):
    summit = get_summit_for_organiser(request.user, summit)
    session = builder_queries.get_session_for_builder(summit, session)
    pinned = request.POST.get("pinned") == "1"
    builder.set_pinned(session, pinned=pinned, by=request.user)
    if pinned:
        messages.success(request, _("“%(name)s” is pinned.") % {"name": session})
    else:
        messages.success(request, _("“%(name)s” is no longer pinned.") % {"name": session})
    return redirect(_next_or(request, reverse("programme_organise:sessions", args=[summit.slug])))


@login_required
def session_pitches(request, summit, session):
    summit = get_summit_for_organiser(request.user, summit)
    session = builder_queries.get_session_for_builder(summit, session)
    if session.kind != Session.Kind.PITCHES:
        messages.error(request, _("Only a pitch session groups pitches."))
        return redirect("programme_organise:session_edit", summit=summit.slug, session=session.pk)
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.PitchesForm(data, pitch_session=session)
    if form.is_valid():
        chosen = list(form.cleaned_data["pitches"])
        chosen_ids = {pitch.pk for pitch in chosen}
        try:
            # All or nothing: a refused grouping leaves the pitches as they were.
            with transaction.atomic():
                for pitch in session.pitches.exclude(pk__in=chosen_ids):
                    builder.ungroup_pitch(pitch, by=request.user)
                builder.group_pitches(session, pitches=chosen, by=request.user)
        except ValidationError as error:
            form.add_error("pitches", error)
        else:
            messages.success(
                request,
                _("The pitch session “%(name)s” now has %(count)d pitches.")
                % {"name": session, "count": len(chosen)},
            )
            return redirect("programme_organise:sessions", summit=summit.slug)
    return render_organise(
        request,
        "pitches_form.html",
        summit,
        "sessions",
        form=form,
        session=session,
    )


# Speakers' unavailabilities


@login_required
def unavailability_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.UnavailabilityForm(data, summit=summit)
    if form.is_valid():
        fields = form.cleaned_data
        builder.add_unavailability(
            summit,
            user=fields["speaker"],
            starts_at=fields["starts_at"],
            ends_at=fields["ends_at"],
            note=fields["note"],
            by=request.user,
        )
        messages.success(
            request, _("%(name)s's unavailability was added.") % {"name": fields["speaker"].name}
        )
        return redirect("programme_organise:unavailabilities", summit=summit.slug)
    unavailabilities = Unavailability.objects.filter(summit=summit).select_related("user")
    return render_organise(
        request,
        "unavailability_list.html",
        summit,
        "unavailabilities",
        form=form,
        unavailabilities=unavailabilities,
    )


@login_required
@require_POST
def unavailability_delete(request, summit, unavailability):
    summit = get_summit_for_organiser(request.user, summit)
    found = builder_queries.get_unavailability_or_404(summit, unavailability)
    builder.delete_unavailability(found, by=request.user)
    messages.success(request, _("The unavailability was deleted."))
    return redirect("programme_organise:unavailabilities", summit=summit.slug)


# The grid and the unscheduled list


@login_required
def grid_first_day(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    days = builder_queries.days_of(summit)
    if not days:
        messages.error(request, _("Add the programme's days first: the grid is drawn per day."))
        return redirect("programme_organise:days", summit=summit.slug)
    return redirect("programme_organise:grid", summit=summit.slug, day=days[0].date.isoformat())


@login_required
def grid(request, summit, day):
    summit = get_summit_for_organiser(request.user, summit)
    day = builder_queries.get_day_or_404(summit, day)
    warnings = warnings_by_session(agenda_warnings(summit))
    day_grid = builder_queries.day_grid(summit, day, warnings)
    unscheduled = builder_queries.unscheduled_items(summit, day_grid.rooms)
    default_start = builder_queries.local_input(
        day_grid.rows[0].starts_at if day_grid.rows else None, summit.tz
    )
    cards = CardRenderer(request, summit, here=request.get_full_path(), default_start=default_start)
    for item in [*day_grid.items(), *unscheduled]:
        item.html = cards.render(item)
    for item in day_grid.elsewhere:
        item.html = cards.render(item, show_room=True)
    return render_organise(
        request,
        "grid.html",
        summit,
        "grid",
        grid=day_grid,
        days=builder_queries.days_of(summit),
        unscheduled=unscheduled,
    )


@login_required
def unscheduled(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    days = builder_queries.days_of(summit)
    items = builder_queries.unscheduled_items(summit, builder_queries.rooms_of(summit))
    first_start = None
    if days:
        first_start = dt.datetime.combine(days[0].date, days[0].starts, tzinfo=summit.tz)
    cards = CardRenderer(
        request,
        summit,
        here=request.get_full_path(),
        default_start=builder_queries.local_input(first_start, summit.tz),
    )
    for item in items:
        item.html = cards.render(item)
    return render_organise(request, "unscheduled.html", summit, "unscheduled", items=items)
