"""The automatic scheduler: places sessions in rooms and time slots with OR-Tools CP-SAT.

A pure module: it takes a `Problem` of plain dataclasses and returns a
`Solution`; it imports nothing from Django, so that the site's job, the
`python -m cosummit schedule` command, the tests and `bench/scheduler.py`
all run the same code. docs/scheduling.md documents the JSON form of a
problem and of a solution.

Time is a grid of `TimeSlot`s, the same for every room. A session starts at
one slot and holds as many following, back-to-back slots of the same day
as its duration needs.

Hard constraints (every returned schedule keeps them): every session placed
once; a room holds one session at a time; no speaker in two sessions at
once; no speaker placed when unavailable; a room has the capacity-free
features a session needs (equipment, step-free access, interpretation
booths); pinned sessions stay; a session only on the days its track may use.

Objectives, weighted and reported one by one (`Solution.objective`):
attendee conflicts, audience over room capacity, tracks spread over several
rooms, popular sessions bunched on the same day, and, in fewest-changes
mode, sessions moved from the previous schedule.
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


@dataclass(frozen=True)
class ProgressReport:
    seconds: float
    best_total: int | None
    stage: str  # such as "greedy", "search"


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
    """The best schedule found within `time_limit` seconds."""
    raise NotImplementedError


def evaluate(problem: Problem, placements: Mapping[int, Placement]) -> dict[str, int]:
    """The raw objective terms of any complete schedule, by the names of `Weights`."""
    raise NotImplementedError


def violations(problem: Problem, placements: Mapping[int, Placement]) -> list[tuple[str, tuple]]:
    """Every hard constraint that `placements` breaks, as (code, ids involved)."""
    raise NotImplementedError


def greedy(problem: Problem) -> dict[int, Placement]:
    """A quick schedule that keeps the hard constraints, as a baseline and a first hint."""
    raise NotImplementedError
