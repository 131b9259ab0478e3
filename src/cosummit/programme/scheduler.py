"""The automatic scheduler: places sessions in rooms and time slots with OR-Tools CP-SAT.

A pure module: it takes a `Problem` of plain dataclasses and returns a
`Solution`; it imports nothing from Django, so that the site's job, the
`python -m cosummit schedule` command, the tests and `bench/scheduler.py`
all run the same code. docs/scheduling.md documents the JSON form of a
problem and of a solution.

Time is a grid of `TimeSlot`s, the same for every room. A session starts at
one slot and holds as many following, back-to-back slots of the same day
as its duration needs; two sessions overlap when they hold a common slot.

Hard constraints (every returned schedule keeps them; `violations` checks
them): every session placed once; a room holds one session at a time; no
speaker in two sessions at once; no speaker placed when unavailable; the
room has the features a session needs (equipment, step-free access,
interpretation booths); pinned sessions stay; a session only on the days
its track may use. Room capacity is soft (the `over_capacity` term).

Objective terms, weighted and reported one by one (`Solution.objective`),
defined exactly in docs/scheduling.md:

- attendee_conflicts: for each attendee, the pairs of their sessions that
  overlap, summed;
- over_capacity: expected audience beyond the room's capacity, summed;
- track_rooms: for each track and day, the distinct rooms it uses minus one;
- popular_spread: the tenth of the sessions with the largest audience,
  beyond an even share (rounded up) per day, summed over days;
- changes (fewest-changes mode): sessions of `Problem.previous` placed
  elsewhere.

The search (greedy start, then large-neighbourhood search with CP-SAT) is
in `scheduler_search.py`; the arrays it works on in `scheduler_data.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class TimeSlot:
    id: int
    day: str  # ISO date, such as "2016-12-07"
    start: int  # minutes from midnight
    end: int


@dataclass(frozen=True)
class Room:
    id: int
    capacity: int
    # Equipment codes, "step_free" and "booth:<language>".
    features: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Placement:
    room: int
    slot: int  # the TimeSlot the session starts in


@dataclass(frozen=True)
class Session:
    id: int
    duration: int  # minutes
    speakers: tuple[int, ...] = ()
    track: str | None = None
    # Features the room must have, as in `Room.features`.
    needs: frozenset[str] = frozenset()
    # Expected audience: the larger of the declared audience and the interest shown.
    audience: int = 0
    # Seats the room must have (a hard rule), such as the audience the speakers
    # declared; the interest shown beyond it only costs `over_capacity`.
    min_capacity: int = 0
    # Days the session may be on (its track's days); None for any day.
    days: frozenset[str] | None = None
    pinned: Placement | None = None


@dataclass(frozen=True)
class Unavailable:
    speaker: int
    day: str
    start: int  # minutes from midnight
    end: int


@dataclass(frozen=True)
class Weights:
    attendee_conflicts: int = 10  # per attendee and pair of their sessions at the same time
    over_capacity: int = 1  # per person expected beyond a room's capacity
    track_rooms: int = 20  # per room beyond the first that a track uses on a day
    popular_spread: int = 1  # see docs/scheduling.md
    changes: int = 100  # per session placed elsewhere than in `Problem.previous`


@dataclass(frozen=True)
class Problem:
    slots: tuple[TimeSlot, ...]
    rooms: tuple[Room, ...]
    sessions: tuple[Session, ...]
    unavailable: tuple[Unavailable, ...] = ()
    # One tuple per attendee: the sessions they support or starred.
    interests: tuple[tuple[int, ...], ...] = ()
    weights: Weights = Weights()
    # Fewest-changes mode: the schedule to stay close to.
    previous: Mapping[int, Placement] = field(default_factory=dict)


@dataclass
class Solution:
    placements: dict[int, Placement]
    # "optimal", "feasible"; a problem without any schedule raises `NoSchedule`.
    status: str
    # Raw value of each objective term, before weights, by the names of `Weights`.
    objective: dict[str, int]
    total: int  # the weighted sum
    seconds: float
    first_feasible_seconds: float | None
    # Rounds of the large-neighbourhood search: "tried", "improved", "proven" (optimal).
    rounds: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ProgressReport:
    seconds: float
    best_total: int | None
    stage: str  # "greedy" (first schedule), "search" (improving it), "done"


class NoSchedule(Exception):
    """No schedule keeps every hard constraint; `code` and `details` say why."""

    def __init__(self, code: str, details: dict | None = None):
        super().__init__(code, details)
        self.code = code
        self.details = details or {}


def schedule(
    problem: Problem,
    *,
    time_limit: float = 30.0,
    on_progress: Callable[[ProgressReport], None] | None = None,
    seed: int = 0,
) -> Solution:
    """The best schedule found within `time_limit` seconds.

    `on_progress`, when given, is called from the calling thread after the
    greedy start and at least every half second while searching, with the
    elapsed seconds and the best weighted total so far (None before the first
    complete schedule). Raises `NoSchedule` when no schedule exists (or none
    was found in time: code "time_limit"), `ValueError` when the problem is
    malformed (repeated ids, unknown rooms or slots, overlapping slots).
    """
    from cosummit.programme import scheduler_search

    return scheduler_search.run(problem, time_limit=time_limit, on_progress=on_progress, seed=seed)


def evaluate(problem: Problem, placements: Mapping[int, Placement]) -> dict[str, int]:
    """The raw objective terms of any complete schedule, by the names of `Weights`.

    Sessions missing from `placements` count in no term; placements of
    sessions the problem does not have (such as fixed items left out of it)
    are ignored.
    """
    from cosummit.programme.scheduler_data import Prepared

    data = Prepared(problem)
    known = {sid: place for sid, place in placements.items() if sid in data.index}
    return data.terms(*data.arrays(known))


def weighted_total(weights: Weights, terms: Mapping[str, int]) -> int:
    """The weighted sum of raw objective terms."""
    return sum(getattr(weights, name) * value for name, value in terms.items())


def violations(problem: Problem, placements: Mapping[int, Placement]) -> list[tuple[str, tuple]]:
    """Every hard constraint that `placements` breaks, as (code, ids involved).

    Codes: "unknown_session" (session), "unknown_room" (session, room),
    "unknown_slot" (session, slot), "unplaced" (session), "does_not_fit"
    (session, slot: not enough back-to-back slots of that day from there),
    "missing_features" (session, room), "wrong_day" (session, day),
    "speaker_unavailable" (speaker, session), "pinned_moved" (session),
    "room_clash" (room, session, session), "speaker_clash" (speaker, session,
    session).
    """
    from cosummit.programme.scheduler_data import Prepared

    data = Prepared(problem)
    found = []
    known = {}
    for sid, placement in sorted(placements.items()):
        if sid not in data.index:
            found.append(("unknown_session", (sid,)))
        elif placement.room not in data.room_index:
            found.append(("unknown_room", (sid, placement.room)))
        elif placement.slot not in data.slot_index:
            found.append(("unknown_slot", (sid, placement.slot)))
        else:
            known[sid] = placement
    found += [("unplaced", (s.id,)) for s in problem.sessions if s.id not in placements]
    room, start = data.arrays(known)
    return found + data.breaches(room, start, range(data.n))


def greedy(problem: Problem) -> dict[int, Placement]:
    """A quick schedule that keeps the hard constraints, as a baseline and a first hint.

    First fit: pinned sessions first; then the most constrained sessions
    first (fewest possible (room, start) pairs, longest,
    most attendee pairs), each at the earliest start where a room is free, in
    the smallest room that seats its expected audience (the largest room when
    none does). It ignores the objective. Raises `NoSchedule` with the
    causes `schedule` detects cheaply, or "greedy_failed" (session) when it
    paints itself into a corner.
    """
    from cosummit.programme.scheduler_data import (
        Board,
        Prepared,
        check_feasibility,
        insertion_order,
    )

    data = Prepared(problem)
    check_feasibility(data)
    board = Board(data, data.pin_room, data.pin_start)
    for i in insertion_order(data, data.free):
        if not board.insert(i, cost_aware=False):
            raise NoSchedule("greedy_failed", {"session": data.sessions[i].id})
    return data.placements(board.room, board.start)
