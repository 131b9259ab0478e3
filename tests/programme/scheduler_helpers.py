"""Small scheduling problems for the scheduler's tests."""

import random

from cosummit.programme.scheduler import Problem, Room, Session, TimeSlot, Weights

DAY_1 = "2026-06-01"
DAY_2 = "2026-06-02"


def hours(day: str, count: int, *, first_id: int = 1, start: int = 9 * 60) -> tuple[TimeSlot, ...]:
    """`count` back-to-back one-hour slots of `day`, numbered from `first_id`."""
    return tuple(
        TimeSlot(first_id + n, day, start + 60 * n, start + 60 * (n + 1)) for n in range(count)
    )


def rooms(*capacities: int, features=None) -> tuple[Room, ...]:
    features = features or {}
    return tuple(
        Room(number, capacity, frozenset(features.get(number, ())))
        for number, capacity in enumerate(capacities, start=1)
    )


def sessions(count: int, **fields) -> tuple[Session, ...]:
    return tuple(Session(id=number, duration=60, **fields) for number in range(1, count + 1))


def problem(slots, room_list, session_list, **fields) -> Problem:
    return Problem(
        slots=tuple(slots), rooms=tuple(room_list), sessions=tuple(session_list), **fields
    )


ONLY_CONFLICTS = Weights(
    attendee_conflicts=1, over_capacity=0, track_rooms=0, popular_spread=0, changes=0
)
NOTHING = Weights(attendee_conflicts=0, over_capacity=0, track_rooms=0, popular_spread=0, changes=0)


def medium_problem(seed: int = 3) -> Problem:
    """70 sessions, 8 rooms, 2 days of 8 hours, 600 attendees: past the single-model size."""
    rng = random.Random(seed)
    slots = tuple(
        TimeSlot(1 + d * 8 + h, f"2026-06-0{d + 1}", 540 + 60 * h, 600 + 60 * h)
        for d in range(2)
        for h in range(8)
    )
    rooms = tuple(Room(r, rng.choice([30, 60, 120])) for r in range(1, 9))
    sessions = tuple(
        Session(
            n,
            rng.choice([60, 60, 120]),
            speakers=(rng.randrange(60),),
            track=rng.choice("abcd"),
            audience=rng.randrange(10, 150),
        )
        for n in range(1, 71)
    )
    interests = tuple(tuple(rng.sample(range(1, 71), rng.randint(3, 8))) for _ in range(600))
    return Problem(slots=slots, rooms=rooms, sessions=sessions, interests=interests)
