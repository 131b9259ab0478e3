"""Small scheduling problems for the scheduler's tests."""

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
