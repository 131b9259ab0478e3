"""The automatic scheduler as a job of the task worker (`core.jobs`).

`problem_for_summit` turns a summit's programme into the plain
`scheduler.Problem` the pure scheduler works on: each day's time grid, the
rooms and what they offer, the sessions to place with their speakers, needs,
expected audience and allowed days, the speakers' unavailabilities and who
is interested in what. `run_schedule_job` runs the scheduler on it and keeps
the result as a draft: each session's room and start, with the objective
broken down, next to the same objective for the working agenda. Nothing in
the agenda changes until an organiser applies the draft
(`releases.apply_schedule_draft`).
"""

import datetime as dt
import math
from dataclasses import asdict, dataclass

from cosummit.core.jobs import JobFailed, Progress
from cosummit.core.models import Job
from cosummit.summits.models import Room, Summit

from . import scheduler
from .grid import day_slots
from .models import Day, Release, Session, Slot, Unavailability
from .queries import expected_audience, interest_by_session, latest_release

SCHEDULE_JOB = "programme.schedule"

# Where a fewest-changes run takes the schedule to stay close to.
FROM_WORKING = "working"
FROM_RELEASE = "release"
MODES = ("scratch", FROM_WORKING, FROM_RELEASE)

MIN_TIME_LIMIT = 5
MAX_TIME_LIMIT = 300


def _minutes(moment: dt.datetime, tz) -> tuple[dt.date, int]:
    local = moment.astimezone(tz)
    return local.date(), local.hour * 60 + local.minute


def moment_of(day: str, minutes: int, tz) -> dt.datetime:
    """The aware datetime of `minutes` from midnight on the ISO date `day`, in `tz`."""
    date = dt.date.fromisoformat(day)
    return dt.datetime.combine(date, dt.time(minutes // 60, minutes % 60), tzinfo=tz)


def _features(equipment, *, step_free: bool, booths) -> frozenset[str]:
    """Equipment codes, step-free access and interpretation booths, as the scheduler names them."""
    features = set(equipment or [])
    if step_free:
        features.add("step_free")
    features.update(f"booth:{language}" for language in booths or [])
    return frozenset(features)


def room_features(room: Room) -> frozenset[str]:
    """What a room offers, as the scheduler names it."""
    return _features(room.equipment, step_free=room.is_step_free, booths=room.interpretation_booths)


def session_needs(session: Session) -> frozenset[str]:
    """What a session needs of its room, as the scheduler names it."""
    return _features(
        session.equipment,
        step_free=session.needs_step_free_access,
        booths=session.interpretation,
    )


def is_to_place(session: Session) -> bool:
    """Whether the scheduler places the session: not a pitch of a pitch session, nor a
    fixed item holding the whole venue (those are cut out of the grid)."""
    return session.pitch_session_id is None and not session.takes_whole_venue


def draft_place(place: dict | None, session: Session, room_ids) -> tuple | None:
    """Where applying a draft puts `session`, given its `place` in the draft's placements:
    (room id, start, end), or None when the session stays where it is.

    It stays when the draft does not place it, when it is pinned, a pitch
    of a pitch session or a whole-venue item (it may have become one since
    the run), or when the draft's room is not in `room_ids` any more. The
    end follows the session's duration today, else the draft's.
    """
    if place is None or session.is_pinned or not is_to_place(session):
        return None
    if place["room"] not in room_ids:
        return None
    starts_at = dt.datetime.fromisoformat(place["starts_at"])
    if session.duration is None:
        return place["room"], starts_at, dt.datetime.fromisoformat(place["ends_at"])
    return place["room"], starts_at, starts_at + dt.timedelta(minutes=session.duration)


@dataclass
class Grid:
    """The summit's time grid, and how to find a grid slot from a time."""

    slots: tuple[scheduler.TimeSlot, ...]
    tz: object

    def slot_at(self, moment: dt.datetime | None) -> scheduler.TimeSlot | None:
        """The grid slot that `moment` falls in, or None outside the grid."""
        if moment is None:
            return None
        date, minute = _minutes(moment, self.tz)
        day = date.isoformat()
        for slot in self.slots:
            if slot.day == day and slot.start <= minute < slot.end:
                return slot
        return None

    def starts_at(self, slot_id: int) -> dt.datetime:
        slot = next(slot for slot in self.slots if slot.id == slot_id)
        return moment_of(slot.day, slot.start, self.tz)


def summit_grid(summit: Summit, days=None) -> Grid:
    """Every day's slots, numbered from 0 in time order, without the whole-venue fixed items."""
    tz = summit.tz
    blocked: dict[dt.date, list[tuple[int, int]]] = {}
    fixed = Slot.objects.filter(
        session__summit=summit,
        session__takes_whole_venue=True,
        release__isnull=True,
        starts_at__isnull=False,
    ).values_list("starts_at", "ends_at")
    for starts_at, ends_at in fixed:
        date, start = _minutes(starts_at, tz)
        end_date, end = _minutes(ends_at or starts_at, tz)
        blocked.setdefault(date, []).append((start, end if end_date == date else 24 * 60))
    slots = []
    for day in days if days is not None else Day.objects.filter(summit=summit):
        starts = day.starts.hour * 60 + day.starts.minute
        ends = day.ends.hour * 60 + day.ends.minute
        for start, end in day_slots(starts, ends, day.slot_minutes, blocked.get(day.date, ())):
            slots.append(
                scheduler.TimeSlot(id=len(slots), day=day.date.isoformat(), start=start, end=end)
            )
    return Grid(slots=tuple(slots), tz=tz)


def _allowed_days(days) -> dict:
    """Track id → the ISO days it may be on (None for any day), by the track–day rule."""
    named: dict[int, set[str]] = {}
    open_days = set()
    for day in days:
        track_ids = [track.pk for track in day.tracks.all()]
        if not track_ids:
            open_days.add(day.date.isoformat())
        for track_id in track_ids:
            named.setdefault(track_id, set()).add(day.date.isoformat())
    # A track no day names (and a session with no track) may use any day not
    # reserved to other tracks: every day when no day is reserved.
    unnamed = None if len(open_days) == len(days) else frozenset(open_days)
    return {"named": {pk: frozenset(iso) for pk, iso in named.items()}, "unnamed": unnamed}


def _placement(grid: Grid, slot: Slot | None) -> scheduler.Placement | None:
    if slot is None or slot.room_id is None:
        return None
    grid_slot = grid.slot_at(slot.starts_at)
    if grid_slot is None:
        return None
    return scheduler.Placement(room=slot.room_id, slot=grid_slot.id)


def working_placements(summit: Summit, grid: Grid) -> dict[int, scheduler.Placement]:
    """The working agenda's places on the grid, for the sessions placed on it."""
    slots = Slot.objects.filter(
        session__summit=summit, release__isnull=True, starts_at__isnull=False
    ).only("session_id", "room_id", "starts_at")
    placements = {slot.session_id: _placement(grid, slot) for slot in slots}
    return {pk: placement for pk, placement in placements.items() if placement is not None}


def release_placements(release: Release | None, grid: Grid) -> dict[int, scheduler.Placement]:
    if release is None:
        return {}
    slots = Slot.objects.filter(release=release, starts_at__isnull=False).only(
        "session_id", "room_id", "starts_at"
    )
    placements = {slot.session_id: _placement(grid, slot) for slot in slots}
    return {pk: placement for pk, placement in placements.items() if placement is not None}


def problem_for_summit(
    summit: Summit, *, fewest_changes_from: str | None = None, weights=None
) -> scheduler.Problem:
    """The summit's programme as a problem for the scheduler.

    `fewest_changes_from` is None to schedule from scratch, "working" to
    stay close to the working agenda, or "release" to stay close to the
    latest release. Raises `scheduler.NoSchedule` ("no_days", "no_rooms",
    "no_sessions") when there is nothing to schedule, and ("pinned_off_grid")
    when a pinned session does not start in a slot of the grid.
    """
    days = list(Day.objects.filter(summit=summit).prefetch_related("tracks"))
    if not days:
        raise scheduler.NoSchedule("no_days")
    grid = summit_grid(summit, days)
    rooms = list(Room.objects.filter(venue__summit=summit).order_by("venue", "position", "pk"))
    if not rooms:
        raise scheduler.NoSchedule("no_rooms")
    sessions = [
        session
        for session in Session.objects.filter(summit=summit)
        .select_related("track")
        .prefetch_related("speakers", "slots")
        .order_by("pk")
        if is_to_place(session)
    ]
    if not sessions:
        raise scheduler.NoSchedule("no_sessions")
    allowed = _allowed_days(days)
    interest = interest_by_session(summit)
    shortest_slot = min(day.slot_minutes for day in days)
    problem_sessions = []
    for session in sessions:
        working = next((slot for slot in session.slots.all() if slot.release_id is None), None)
        # A session without a duration yet takes the shortest slot of the grid.
        duration = session.duration or shortest_slot
        pinned = None
        if session.is_pinned and working is not None and working.starts_at is not None:
            pinned = _placement(grid, working)
            if pinned is None:
                raise scheduler.NoSchedule("pinned_off_grid", {"session": session.pk})
            duration = _pinned_minutes(grid, pinned, working, duration)
        problem_sessions.append(
            scheduler.Session(
                id=session.pk,
                duration=duration,
                speakers=tuple(sorted(speaker.pk for speaker in session.speakers.all())),
                track=session.track.slug if session.track else None,
                needs=session_needs(session),
                audience=expected_audience(session, interest),
                min_capacity=session.expected_audience or 0,
                days=allowed["named"].get(session.track_id, allowed["unnamed"]),
                pinned=pinned,
            )
        )
    placed_ids = {session.pk for session in sessions}
    pitch_of = dict(
        Session.objects.filter(summit=summit, pitch_session__isnull=False).values_list(
            "pk", "pitch_session_id"
        )
    )
    by_person: dict[int, set[int]] = {}
    for session_id, people in interest.items():
        session_id = pitch_of.get(session_id, session_id)
        if session_id in placed_ids:
            for person in people:
                by_person.setdefault(person, set()).add(session_id)
    speaker_ids = {speaker for session in problem_sessions for speaker in session.speakers}
    if fewest_changes_from == FROM_WORKING:
        previous = working_placements(summit, grid)
    elif fewest_changes_from == FROM_RELEASE:
        previous = release_placements(latest_release(summit), grid)
    else:
        previous = {}
    return scheduler.Problem(
        slots=grid.slots,
        rooms=tuple(
            scheduler.Room(id=room.pk, capacity=room.capacity, features=room_features(room))
            for room in rooms
        ),
        sessions=tuple(problem_sessions),
        unavailable=_unavailable(summit, speaker_ids, days),
        # Only people interested in two sessions or more can have a conflict.
        interests=tuple(
            tuple(sorted(ids)) for _person, ids in sorted(by_person.items()) if len(ids) > 1
        ),
        weights=weights or scheduler.Weights(),
        previous={pk: placement for pk, placement in previous.items() if pk in placed_ids},
    )


def _pinned_minutes(grid: Grid, pinned: scheduler.Placement, working: Slot, duration: int) -> int:
    """How long a pinned session holds its room from the start of its grid slot: longer than
    its duration when it starts inside the slot, so that it holds every slot it overlaps, as
    far as the slots that follow it back to back (past them, it is the builder's warning)."""
    ends_at = working.ends_at or working.starts_at + dt.timedelta(minutes=duration)
    held = math.ceil((ends_at - grid.starts_at(pinned.slot)).total_seconds() / 60)
    first = last = grid.slots[pinned.slot]
    for following in grid.slots[pinned.slot + 1 :]:
        if following.day != last.day or following.start != last.end:
            break
        last = following
    return max(duration, min(held, last.end - first.start))


def _unavailable(summit, speaker_ids, days) -> tuple[scheduler.Unavailable, ...]:
    """The speakers' unavailabilities, cut by day of the programme, in wall-clock minutes.

    Minutes count as the grid does (the clock's hour and minute), so that a
    day whose clocks change still lines up with its grid.
    """
    tz = summit.tz
    found = []
    for absence in Unavailability.objects.filter(summit=summit, user_id__in=speaker_ids):
        for day in days:
            midnight = dt.datetime.combine(day.date, dt.time(0), tzinfo=tz)
            start = max(absence.starts_at, midnight)
            end = min(
                absence.ends_at,
                dt.datetime.combine(day.date + dt.timedelta(days=1), dt.time(0), tzinfo=tz),
            )
            if start < end:
                found.append(
                    scheduler.Unavailable(
                        speaker=absence.user_id,
                        day=day.date.isoformat(),
                        start=_wall_minutes(start, day.date, tz),
                        end=_wall_minutes(end, day.date, tz, round_up=True),
                    )
                )
    return tuple(found)


def _wall_minutes(moment: dt.datetime, date: dt.date, tz, *, round_up: bool = False) -> int:
    """Minutes from `date`'s midnight to `moment` as the clock in `tz` shows them (1440 at
    the next midnight); a part minute counts as a whole one when `round_up`."""
    local = moment.astimezone(tz)
    minutes = (local.date() - date).days * 24 * 60 + local.hour * 60 + local.minute
    if round_up and (local.second or local.microsecond):
        minutes += 1
    return minutes


def weights_from(arguments: dict) -> scheduler.Weights:
    given = arguments.get("weights") or {}
    defaults = asdict(scheduler.Weights())
    return scheduler.Weights(
        **{name: int(given.get(name, value)) for name, value in defaults.items()}
    )


def run_schedule_job(job: Job, progress: Progress) -> dict:
    """Schedule the summit of `job` into a draft; return the draft as JSON.

    Arguments: `time_limit` (seconds), `mode` ("scratch", "working" or
    "release") and `weights` (by the names of `scheduler.Weights`). The
    result gives each placed session's room and start and end (ISO, in the
    summit's time zone), the status, the objective terms and their weighted
    total, and the same for the working agenda when it places every session.
    Raises JobFailed with the code and details of `scheduler.NoSchedule`.
    """
    summit = Summit.objects.get(slug=job.summit_slug)
    mode = job.arguments.get("mode", "scratch")
    weights = weights_from(job.arguments)
    time_limit = float(job.arguments.get("time_limit", 30))
    try:
        problem = problem_for_summit(
            summit,
            fewest_changes_from=mode if mode in (FROM_WORKING, FROM_RELEASE) else None,
            weights=weights,
        )
        progress(stage="start", seconds=0, best_total=None, time_limit=time_limit)
        solution = scheduler.schedule(
            problem,
            time_limit=time_limit,
            on_progress=lambda report: progress(
                stage=report.stage, seconds=round(report.seconds, 1), best_total=report.best_total
            ),
        )
    except scheduler.NoSchedule as error:
        raise JobFailed({"code": error.code, "details": error.details}) from error
    grid = Grid(slots=problem.slots, tz=summit.tz)
    durations = {session.id: session.duration for session in problem.sessions}
    placements = {}
    for session_id, placement in solution.placements.items():
        starts_at = grid.starts_at(placement.slot)
        placements[str(session_id)] = {
            "room": placement.room,
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + dt.timedelta(minutes=durations[session_id])).isoformat(),
        }
    return {
        "mode": mode,
        "time_limit": time_limit,
        "weights": asdict(weights),
        "status": solution.status,
        "objective": dict(solution.objective),
        "total": solution.total,
        "seconds": round(solution.seconds, 2),
        "first_feasible_seconds": solution.first_feasible_seconds,
        "placements": placements,
        "working": _working_objective(summit, problem, grid),
    }


def _working_objective(summit, problem: scheduler.Problem, grid: Grid) -> dict | None:
    """The objective of the working agenda, when it places every session on the grid."""
    current = working_placements(summit, grid)
    if any(session.id not in current for session in problem.sessions):
        return None
    terms = scheduler.evaluate(problem, current)
    return {"objective": dict(terms), "total": scheduler.weighted_total(problem.weights, terms)}
