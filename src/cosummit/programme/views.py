"""The public agenda: days as a grid or a list, sessions, speakers, venue screens, print.

Every page shows the latest release only; before the first one, a page says
the programme is not published yet. Participants' own pages (stars, their
agenda, their calendar feed) are in `my_views.py`.
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cosummit.proposals.discussion import language_label

from . import agenda, queries
from .agenda_forms import AgendaFilterForm
from .agenda_queries import released_entries
from .models import Day, Session, Slot
from .stars import starred_session_ids

VIEWS = ("grid", "list")
# Words each card of the day view repeats, translated once per page.
CARD_LABELS = {
    "language": _("Session language"),
    "interpretation": _("Interpretation into"),
    "star": _("Add to my agenda"),
    "starred": _("In my agenda"),
}


def now() -> dt.datetime:
    """The current time; venue screens and the default day read it (tests set the clock)."""
    return timezone.now()


def _not_published(request, summit):
    return render(
        request, "programme/agenda_not_published.html", {"summit": summit, "section": "agenda"}
    )


def day_names(summit) -> dict:
    """Each programme day's name (a translated text, maybe empty), by date."""
    return {day.date: day.name for day in Day.objects.filter(summit=summit)}


def _chosen_day(requested: str, days: list[dt.date], today: dt.date):
    """The day asked for, else today when the summit is on, else the first; and whether
    the request named a day that has no session."""
    if requested:
        try:
            wanted = dt.date.fromisoformat(requested)
        except ValueError:
            wanted = None
        if wanted in days:
            return wanted, False
        return (days[0] if days else None), True
    if today in days:
        return today, False
    return (days[0] if days else None), False


def agenda_page(request, summit):
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    if release is None:
        return _not_published(request, summit)
    tz = summit.tz
    slots = released_entries(summit, release)
    form = AgendaFilterForm(request.GET, slots=slots)
    form.is_valid()
    filters = form.filters()
    shown = agenda.filter_slots(slots, filters)
    days_with_sessions = agenda.by_day(slots, tz)
    shown_by_day = agenda.by_day(shown, tz)
    days = list(days_with_sessions)
    day, unknown_day = _chosen_day(request.GET.get("day", ""), days, now().astimezone(tz).date())
    view = request.GET.get("view", "grid")
    if view not in VIEWS:
        view = "grid"
    day_slots = shown_by_day.get(day, [])
    grid = agenda.day_grid(day_slots) if view == "grid" and day_slots else None
    names = day_names(summit)
    tabs = [
        {
            "date": date,
            "name": names.get(date, ""),
            "count": len(shown_by_day.get(date, [])),
            "is_current": date == day,
        }
        for date in days
    ]
    return render(
        request,
        "programme/agenda.html",
        {
            "summit": summit,
            "release": release,
            "form": form,
            "filters": filters,
            "is_filtered": filters.is_active,
            "tabs": tabs,
            "day": day,
            "day_name": names.get(day, ""),
            "unknown_day": unknown_day,
            "view": view,
            "grid": grid,
            "grid_too_big": view == "grid" and bool(day_slots) and grid is None,
            "groups": agenda.by_start(day_slots) if view == "list" or grid is None else [],
            "count": len(day_slots),
            "total": len(shown),
            "starred": starred_session_ids(summit, request.user),
            "sessions_url": reverse("programme:agenda", kwargs={"summit": summit.slug})
            + "sessions/",
            "here": request.get_full_path(),
            "labels": CARD_LABELS,
            "section": "agenda",
        },
    )


def released_slot_or_404(release, session_id: int) -> Slot:
    slot = (
        queries.released_slots(release)
        .filter(session_id=session_id)
        .prefetch_related("session__pitches__speakers")
        .first()
    )
    if slot is None:
        raise Http404
    return slot


def session_page(request, summit, session):
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    if release is None:
        raise Http404
    slot = released_slot_or_404(release, session)
    stars = starred_session_ids(summit, request.user)
    return render(
        request,
        "programme/session_detail.html",
        {
            "summit": summit,
            "release": release,
            "slot": slot,
            "session": slot.session,
            "pitches": list(slot.session.pitches.all())
            if slot.session.kind == Session.Kind.PITCHES
            else [],
            "is_starred": slot.session_id in stars,
            "language_name": language_label(slot.session.language),
            "interpretation_names": [
                language_label(code) for code in slot.session.interpretation or []
            ],
            "section": "agenda",
            "day_name": day_names(summit).get(slot.starts_at.astimezone(summit.tz).date(), ""),
        },
    )


def _speakers(slots) -> dict[int, dict]:
    """Each speaker of the released slots with their slots, by speaker id, names in order."""
    found: dict[int, dict] = {}
    for slot in slots:
        for speaker in slot.session.speakers.all():
            entry = found.setdefault(speaker.pk, {"speaker": speaker, "slots": []})
            entry["slots"].append(slot)
    return dict(
        sorted(found.items(), key=lambda item: (item[1]["speaker"].name.casefold(), item[0]))
    )


def speaker_list(request, summit):
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    if release is None:
        return _not_published(request, summit)
    speakers = _speakers(released_entries(summit, release))
    return render(
        request,
        "programme/speaker_list.html",
        {
            "summit": summit,
            "release": release,
            "speakers": list(speakers.values()),
            "section": "speakers",
        },
    )


def speaker_page(request, summit, speaker):
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    if release is None:
        raise Http404
    entry = _speakers(released_entries(summit, release)).get(speaker)
    if entry is None:
        raise Http404
    return render(
        request,
        "programme/speaker_detail.html",
        {
            "summit": summit,
            "release": release,
            "speaker": entry["speaker"],
            "slots": entry["slots"],
            "section": "speakers",
        },
    )


def now_page(request, summit):
    """For the venue's screens: what runs now and what comes next, room by room."""
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    if release is None:
        return _not_published(request, summit)
    moment = now()
    tz = summit.tz
    today = moment.astimezone(tz).date()
    start_of_day = dt.datetime.combine(today, dt.time.min, tzinfo=tz)
    slots = list(
        queries.released_slots(release).filter(
            ends_at__gt=moment, starts_at__lt=start_of_day + dt.timedelta(days=1)
        )
    )
    whole_venue, rooms = agenda.now_and_next(slots, moment, tz)
    later_today = [slot for slot in slots if slot.starts_at > moment]
    upcoming = None
    if not later_today and not whole_venue and not any(room.now for room in rooms):
        upcoming = (
            queries.released_slots(release).filter(starts_at__gt=moment).order_by("starts_at")
        ).first()
    return render(
        request,
        "programme/now.html",
        {
            "summit": summit,
            "release": release,
            "moment": moment,
            # Venue screens reload the page by themselves; people reading it
            # on their own device are not interrupted (WCAG 2.2.1).
            "screen": request.GET.get("screen") == "1",
            "whole_venue": whole_venue,
            "next_whole_venue": agenda.next_whole_venue(slots, moment, tz),
            "rooms": rooms,
            "upcoming": upcoming,
        },
    )


def print_page(request, summit):
    summit, release = queries.get_released_programme_for_user(request.user, summit)
    if release is None:
        return _not_published(request, summit)
    names = day_names(summit)
    days = [
        {"date": date, "name": names.get(date, ""), "groups": agenda.by_start(slots)}
        for date, slots in agenda.by_day(released_entries(summit, release), summit.tz).items()
    ]
    return render(
        request,
        "programme/print.html",
        {"summit": summit, "release": release, "days": days, "section": "print"},
    )
