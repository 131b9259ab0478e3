"""Property tests: every schedule returned keeps every hard constraint; tiny ones are optimal."""

import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cosummit.programme.scheduler import (
    NoSchedule,
    Placement,
    Problem,
    Room,
    Session,
    TimeSlot,
    Unavailable,
    Weights,
    evaluate,
    greedy,
    schedule,
    violations,
    weighted_total,
)
from cosummit.programme.scheduler_data import Prepared

DAYS = ("2026-06-01", "2026-06-02")
FEATURES = ("projector", "step_free", "booth:fr")


@st.composite
def problems(draw, max_sessions=6):
    slots, number = [], 1
    days_used = DAYS[: draw(st.integers(1, 2))]
    for day in days_used:
        minute = 540
        for _ in range(draw(st.integers(2, 5))):
            length = draw(st.sampled_from([30, 60]))
            slots.append(TimeSlot(number, day, minute, minute + length))
            number += 1
            # Sometimes a break, which a long session cannot span.
            minute += length + draw(st.sampled_from([0, 0, 0, 30]))
    rooms = [
        Room(r, draw(st.integers(0, 100)), frozenset(draw(st.sets(st.sampled_from(FEATURES)))))
        for r in range(1, draw(st.integers(1, 3)) + 1)
    ]
    present = sorted(set().union(*(room.features for room in rooms)))
    sessions = []
    for sid in range(1, draw(st.integers(1, max_sessions)) + 1):
        pinned = None
        if draw(st.integers(0, 14)) == 0:
            pinned = Placement(draw(st.sampled_from(rooms)).id, draw(st.sampled_from(slots)).id)
        days = draw(st.sampled_from([None, None, None, *(frozenset({d}) for d in days_used)]))
        sessions.append(
            Session(
                id=sid,
                duration=draw(st.sampled_from([30, 60, 60, 90])),
                speakers=tuple(draw(st.sets(st.integers(1, 4), max_size=2))),
                track=draw(st.sampled_from([None, "a", "b"])),
                needs=draw(st.sampled_from([frozenset()] * 4 + [frozenset({f}) for f in present])),
                audience=draw(st.integers(0, 120)),
                min_capacity=draw(st.sampled_from([0, 0, 0, 50])),
                days=days,
                pinned=pinned,
            )
        )
    ids = [s.id for s in sessions]
    unavailable = [
        Unavailable(
            draw(st.integers(1, 4)),
            draw(st.sampled_from(DAYS)),
            540,
            draw(st.sampled_from([570, 600, 660])),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    interests = [
        tuple(draw(st.lists(st.sampled_from(ids), max_size=4)))
        for _ in range(draw(st.integers(0, 8)))
    ]
    previous = {}
    if draw(st.booleans()):
        for sid in ids:
            if draw(st.booleans()):
                previous[sid] = Placement(
                    draw(st.sampled_from(rooms)).id, draw(st.sampled_from(slots)).id
                )
    weights = Weights(
        attendee_conflicts=draw(st.integers(0, 10)),
        over_capacity=draw(st.integers(0, 2)),
        track_rooms=draw(st.integers(0, 20)),
        popular_spread=draw(st.integers(0, 5)),
        changes=draw(st.integers(0, 50)),
    )
    return Problem(
        slots=tuple(slots),
        rooms=tuple(rooms),
        sessions=tuple(sessions),
        unavailable=tuple(unavailable),
        interests=tuple(interests),
        weights=weights,
        previous=previous,
    )


def every_schedule(p: Problem):
    """Every placement of every session, by brute force (tiny problems only)."""
    places = [Placement(room.id, slot.id) for room in p.rooms for slot in p.slots]
    for choice in itertools.product(places, repeat=len(p.sessions)):
        yield {s.id: place for s, place in zip(p.sessions, choice, strict=True)}


def fast_breaks(data: Prepared, p: Problem, placements) -> bool:
    room, start = data.arrays(placements)
    return bool(data.breaches(room, start, np.arange(data.n)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_schedule_returned_keeps_every_hard_constraint(p):
    try:
        solution = schedule(p, time_limit=2)
    except NoSchedule as refusal:
        assert refusal.code in {
            "no_room_fits",
            "no_time_fits",
            "not_enough_room_time",
            "speaker_overbooked",
            "pinned_clash",
            "pinned_not_allowed",
            "infeasible",
        }
        return
    assert violations(p, solution.placements) == []
    assert solution.objective == evaluate(p, solution.placements)
    assert solution.total == weighted_total(p.weights, solution.objective)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_every_greedy_schedule_keeps_every_hard_constraint(p):
    try:
        placements = greedy(p)
    except NoSchedule:
        return
    assert violations(p, placements) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(max_sessions=3))
def test_tiny_problems_are_solved_to_the_brute_force_optimum_or_have_no_schedule(p):
    data = Prepared(p)
    best = None
    for placements in every_schedule(p):
        if not fast_breaks(data, p, placements):
            total = weighted_total(p.weights, data.terms(*data.arrays(placements)))
            best = total if best is None else min(best, total)
    try:
        solution = schedule(p, time_limit=5)
    except NoSchedule:
        assert best is None
        return
    assert solution.status == "optimal"
    assert solution.total == best
