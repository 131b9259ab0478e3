"""Reads of the scheduler's runs for the organisers' pages and the API.

A run is a `core.models.Job` of kind "programme.schedule"; its draft is in
its result (see `jobs.run_schedule_job`).
"""

import datetime as dt
from dataclasses import dataclass, fields

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cosummit.accounts.models import User
from cosummit.core.models import Job

from . import scheduler
from .jobs import SCHEDULE_JOB, draft_place
from .models import Session, Slot
from .release_queries import summit_room_names
from .schedule_forms import WEIGHT_LABELS
from .warnings import agenda_warnings

# What the scheduler says it is doing, for the page that follows it.
STAGES = {
    "start": gettext_lazy("preparing the problem"),
    "greedy": gettext_lazy("finding a first schedule"),
    "search": gettext_lazy("improving the schedule"),
}

RECENT_RUNS = 10


def schedule_jobs(summit):
    return Job.objects.filter(kind=SCHEDULE_JOB, summit_slug=summit.slug).select_related(
        "created_by"
    )


def get_schedule_job(summit, job_id: int) -> Job:
    """A scheduler run of `summit`; 404 for any other job."""
    job = schedule_jobs(summit).filter(pk=job_id).first()
    if job is None:
        raise Http404
    return job


def job_progress(job: Job) -> dict:
    """How far a run is: seconds elapsed, its time limit, best total so far and stage."""
    limit = float(job.arguments.get("time_limit") or 0)
    started = job.started_at or job.created_at
    end = job.finished_at or timezone.now()
    seconds = max(0, int((end - started).total_seconds()))
    stage = job.progress.get("stage", "")
    return {
        "seconds": seconds,
        "time_limit": int(limit),
        "shown_seconds": min(seconds, int(limit)) if limit else seconds,
        "best_total": job.progress.get("best_total"),
        "stage": stage,
        "stage_label": STAGES.get(stage, STAGES["search"]) if stage else "",
    }


def _title(summit, pk) -> str:
    session = Session.objects.filter(summit=summit, pk=pk).only("title").first()
    return session.title if session else str(pk)


def _person(pk) -> str:
    person = User.objects.filter(pk=pk).only("name", "email").first()
    return str(person) if person else str(pk)


def failure_message(summit, job: Job) -> str:
    """Why a failed run found no schedule, in the organiser's language."""
    code = job.result.get("code", "error")
    details = job.result.get("details") or {}
    session = _title(summit, details.get("session")) if "session" in details else ""
    if code == "no_days":
        return _("The programme has no day yet: add its days first.")
    if code == "no_rooms":
        return _("The summit has no room yet: add the venues’ rooms first.")
    if code == "no_sessions":
        return _("There is no session to place yet.")
    if code == "pinned_off_grid":
        return _(
            "The pinned session “%(session)s” does not start in a slot of its day’s grid: move "
            "it into the grid or unpin it."
        ) % {"session": session}
    if code == "pinned_clash":
        return _(
            "Pinned sessions hold the same room or the same speaker at the same time: move "
            "or unpin one of them."
        )
    if code == "pinned_not_allowed":
        return _(
            "The pinned session “%(session)s” breaks a rule where it is (its room, its day or "
            "a speaker’s availability): move it or unpin it."
        ) % {"session": session}
    if code == "no_room_fits":
        return _(
            "No room has what the session “%(session)s” needs: the equipment, step-free access "
            "or interpretation booths it asks for, and as many seats as its expected audience."
        ) % {"session": session}
    if code == "no_time_fits":
        reason = details.get("reason")
        if reason == "too_long":
            message = _("The session “%(session)s” is longer than the day’s grid allows.")
        elif reason == "days":
            message = _(
                "The session “%(session)s” has no day it may be on: check its track’s days."
            )
        elif reason == "pinned":
            message = _("The pinned sessions leave no room and time for the session “%(session)s”.")
        else:
            message = _(
                "The speakers of the session “%(session)s” are unavailable at every time it "
                "could take place."
            )
        return message % {"session": session}
    if code == "not_enough_room_time":
        return _(
            "The sessions need %(needed)d room slots but the rooms offer only %(available)d. "
            "Add rooms or days, or shorten sessions."
        ) % {
            "needed": details.get("needed_slots", 0),
            "available": details.get("available_slots", 0),
        }
    if code == "speaker_overbooked":
        return _("%(person)s speaks in more sessions than their available time can hold.") % {
            "person": _person(details.get("speaker"))
        }
    if code == "time_limit":
        return _("No schedule was found within the time limit. Run it again with more time.")
    if code == "error":
        return _("The scheduler stopped on an error. Try again, or tell the platform’s team.")
    if session:
        return _(
            "No schedule keeps every rule: the session “%(session)s” cannot be placed. Check its "
            "speakers’ availability, its track’s days, the rooms it needs and the pinned "
            "sessions."
        ) % {"session": session}
    return _(
        "No schedule keeps every rule at once. Check the speakers’ availability, the tracks’ "
        "days, the rooms’ capacity and equipment, and the pinned sessions."
    )


@dataclass
class Term:
    name: str
    label: str
    weight: int
    draft: int | None
    working: int | None


def objective_terms(job: Job) -> list[Term]:
    """Each objective term of the draft next to the working agenda's, with its weight."""
    result = job.result
    weights = result.get("weights") or {}
    draft = result.get("objective") or {}
    working = (result.get("working") or {}).get("objective") or {}
    return [
        Term(
            name=field.name,
            label=str(WEIGHT_LABELS.get(field.name, field.name)),
            weight=weights.get(field.name, field.default),
            draft=draft.get(field.name),
            working=working.get(field.name) if result.get("working") else None,
        )
        for field in fields(scheduler.Weights)
    ]


@dataclass
class Move:
    session: int
    title: str
    room_before: object
    starts_before: dt.datetime | None
    room_after: object
    starts_after: dt.datetime


def draft_moves(summit, job: Job, room_names: dict | None = None) -> list[Move]:
    """The sessions applying the draft places elsewhere than the working agenda does, by new
    start; `room_names` as `summit_room_names(summit)` gives them, read when not given."""
    placements = job.result.get("placements") or {}
    if room_names is None:
        room_names = summit_room_names(summit)
    moves = []
    working = Slot.objects.filter(session__summit=summit, release__isnull=True).select_related(
        "session"
    )
    for slot in working:
        new = draft_place(placements.get(str(slot.session_id)), slot.session, room_names)
        if new is None:
            continue
        room_after, starts_at, _ends_at = new
        if slot.room_id == room_after and slot.starts_at == starts_at:
            continue
        moves.append(
            Move(
                session=slot.session_id,
                title=slot.session.title,
                room_before=room_names.get(slot.room_id, "") if slot.room_id else "",
                starts_before=slot.starts_at,
                room_after=room_names[room_after],
                starts_after=starts_at,
            )
        )
    moves.sort(key=lambda move: (move.starts_after, move.title))
    return moves


def draft_agenda(summit, job: Job, room_ids=None) -> list[dict]:
    """The working agenda as it would be once the draft is applied, as plain placements.

    The draft's places, except for the sessions applying it leaves where
    they are: pinned ones, those the draft does not place (the fixed items
    holding every room, sessions created since the run), those grouped into
    a pitch session since, and those it puts in a room no longer there
    (the summit's rooms are `room_ids`, read when not given).
    """
    placements = job.result.get("placements") or {}
    if room_ids is None:
        room_ids = set(summit_room_names(summit))
    agenda = []
    working = Slot.objects.filter(session__summit=summit, release__isnull=True).select_related(
        "session"
    )
    for slot in working:
        new = draft_place(placements.get(str(slot.session_id)), slot.session, room_ids)
        if new is not None:
            room, starts_at, ends_at = new
        elif slot.starts_at is not None:
            room, starts_at, ends_at = slot.room_id, slot.starts_at, slot.ends_at
        else:
            continue
        agenda.append(
            {"session": slot.session_id, "room": room, "starts_at": starts_at, "ends_at": ends_at}
        )
    return agenda


def draft_warnings(summit, job: Job, room_ids=None) -> list:
    """The builder's warnings on the agenda the draft would make."""
    return agenda_warnings(summit, draft_agenda(summit, job, room_ids))
