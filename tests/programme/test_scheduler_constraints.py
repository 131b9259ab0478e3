"""The scheduler keeps each hard constraint (small exact cases); `violations` names each breach."""

from dataclasses import replace

import pytest

from cosummit.programme.scheduler import (
    NoSchedule,
    Placement,
    Session,
    TimeSlot,
    Unavailable,
    greedy,
    schedule,
    violations,
)
from tests.programme.scheduler_helpers import DAY_1, DAY_2, NOTHING, hours, problem, rooms


def solve(p):
    solution = schedule(p, time_limit=5)
    assert violations(p, solution.placements) == []
    return solution.placements


def test_two_sessions_in_one_room_take_different_slots():
    p = problem(hours(DAY_1, 2), rooms(50), [Session(1, 60), Session(2, 60)], weights=NOTHING)
    placed = solve(p)
    assert {placed[1].slot, placed[2].slot} == {1, 2}
    assert placed[1].room == placed[2].room == 1


def test_a_speaker_is_never_in_two_sessions_at_once():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50),
        [Session(1, 60, speakers=(7,)), Session(2, 60, speakers=(7, 8))],
        weights=NOTHING,
    )
    placed = solve(p)
    assert placed[1].slot != placed[2].slot


def test_a_speaker_is_only_placed_when_available():
    p = problem(
        hours(DAY_1, 3),
        rooms(50),
        [Session(1, 60, speakers=(7,))],
        unavailable=(Unavailable(7, DAY_1, 9 * 60, 11 * 60),),
        weights=NOTHING,
    )
    assert solve(p) == {1: Placement(1, 3)}


def test_a_session_gets_a_room_with_every_feature_it_needs():
    p = problem(
        hours(DAY_1, 1),
        rooms(500, 20, features={2: {"booth:fr", "step_free"}}),
        [Session(1, 60, needs=frozenset({"booth:fr", "step_free"}), audience=300)],
    )
    assert solve(p) == {1: Placement(2, 1)}


def test_a_session_gets_a_room_with_at_least_its_minimum_capacity():
    # Without the minimum, the attendee term would put both sessions side by side
    # in the big and the small room; with it, the one declaring 80 needs the big room.
    p = problem(
        hours(DAY_1, 2),
        rooms(100, 30),
        [Session(1, 60, min_capacity=80, audience=80), Session(2, 60, audience=20)],
        weights=NOTHING,
    )
    placed = solve(p)
    assert placed[1].room == 1


def test_a_session_larger_than_every_room_has_no_schedule():
    p = problem(hours(DAY_1, 1), rooms(100, 30), [Session(1, 60, min_capacity=150)])
    with pytest.raises(NoSchedule) as raised:
        schedule(p, time_limit=5)
    assert (raised.value.code, raised.value.details) == ("no_room_fits", {"session": 1})
    assert violations(p, {1: Placement(1, 1)}) == [("room_too_small", (1, 1))]


def test_a_pinned_session_stays_where_it_is_pinned():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 500),
        [Session(1, 60, audience=400, pinned=Placement(1, 2)), Session(2, 60)],
    )
    placed = solve(p)
    assert placed[1] == Placement(1, 2)


def test_a_session_is_only_on_its_track_days():
    p = problem(
        hours(DAY_1, 1) + hours(DAY_2, 1, first_id=2),
        rooms(50),
        [Session(1, 60, track="cso", days=frozenset({DAY_2}))],
        weights=NOTHING,
    )
    assert solve(p) == {1: Placement(1, 2)}


def test_a_long_session_holds_back_to_back_slots_of_one_day_only():
    # Half-hour slots 09:00-10:30, a lunch gap, 11:00-11:30; then day 2 at 09:00.
    slots = (
        TimeSlot(1, DAY_1, 540, 570),
        TimeSlot(2, DAY_1, 570, 600),
        TimeSlot(3, DAY_1, 600, 630),
        TimeSlot(4, DAY_1, 660, 690),
        TimeSlot(5, DAY_2, 540, 570),
    )
    p = problem(slots, rooms(50), [Session(1, 90)], weights=NOTHING)
    assert solve(p) == {1: Placement(1, 1)}
    bad = {1: Placement(1, 2)}
    assert violations(p, bad) == [("does_not_fit", (1, 2))]


def test_sessions_holding_several_slots_do_not_overlap_in_a_room():
    slots = tuple(TimeSlot(n, DAY_1, 540 + 30 * (n - 1), 570 + 30 * (n - 1)) for n in range(1, 5))
    p = problem(slots, rooms(50), [Session(1, 60), Session(2, 60)], weights=NOTHING)
    placed = solve(p)
    assert sorted(p.slot for p in placed.values()) == [1, 3]
    assert violations(p, {1: Placement(1, 1), 2: Placement(1, 2)}) == [("room_clash", (1, 1, 2))]


def test_violations_names_every_kind_of_breach():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50, features={2: {"projector"}}),
        [
            Session(1, 60, speakers=(7,), needs=frozenset({"projector"})),
            Session(2, 60, speakers=(7,), days=frozenset({DAY_2})),
            Session(3, 60, pinned=Placement(2, 2)),
            Session(4, 60, speakers=(9,)),
            Session(5, 60),
        ],
        unavailable=(Unavailable(9, DAY_1, 600, 660),),
    )
    placements = {
        1: Placement(1, 1),
        2: Placement(1, 1),
        3: Placement(2, 1),
        4: Placement(2, 2),
        6: Placement(1, 1),
    }
    assert violations(p, placements) == [
        ("unknown_session", (6,)),
        ("unplaced", (5,)),
        ("missing_features", (1, 1)),
        ("wrong_day", (2, DAY_1)),
        ("pinned_moved", (3,)),
        ("speaker_unavailable", (9, 4)),
        ("room_clash", (1, 1, 2)),
        ("speaker_clash", (7, 1, 2)),
    ]


def test_violations_names_unknown_rooms_and_slots():
    p = problem(hours(DAY_1, 1), rooms(50), [Session(1, 60), Session(2, 60)])
    assert violations(p, {1: Placement(9, 1), 2: Placement(1, 9)}) == [
        ("unknown_room", (1, 9)),
        ("unknown_slot", (2, 9)),
    ]


def test_the_greedy_keeps_the_hard_constraints_too():
    p = problem(
        hours(DAY_1, 3),
        rooms(50, 50, features={1: {"projector"}}),
        [
            Session(1, 60, speakers=(1,), needs=frozenset({"projector"})),
            Session(2, 60, speakers=(1,)),
            Session(3, 120, pinned=Placement(1, 2)),
            Session(4, 60, speakers=(2,)),
        ],
        unavailable=(Unavailable(2, DAY_1, 540, 600),),
    )
    placed = greedy(p)
    assert violations(p, placed) == []
    assert placed[1] == Placement(1, 1)
    assert placed[3] == Placement(1, 2)


@pytest.mark.parametrize("field", ["slots", "rooms", "sessions"])
def test_repeated_ids_are_refused_as_malformed(field):
    p = problem(hours(DAY_1, 1), rooms(50), [Session(1, 60)])
    doubled = replace(p, **{field: getattr(p, field) * 2})
    with pytest.raises(ValueError, match="must be unique"):
        schedule(doubled, time_limit=1)


def test_overlapping_slots_are_refused_as_malformed():
    slots = (TimeSlot(1, DAY_1, 540, 600), TimeSlot(2, DAY_1, 570, 630))
    with pytest.raises(ValueError, match="Slots 1 and 2 overlap"):
        schedule(problem(slots, rooms(50), [Session(1, 60)]), time_limit=1)
