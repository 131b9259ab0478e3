"""Fewest-changes mode: re-planning from a previous schedule moves as little as it can."""

from dataclasses import replace

from cosummit.programme.scheduler import Placement, Session, Weights, schedule, violations
from tests.programme.scheduler_helpers import DAY_1, hours, medium_problem, problem, rooms


def grid_problem(**fields):
    """Nine sessions filling three rooms for three hours, attendees who like pairs of them."""
    return problem(
        hours(DAY_1, 3),
        rooms(50, 50, 50),
        [Session(n, 60, speakers=(n,)) for n in range(1, 10)],
        interests=((1, 4), (2, 5), (3, 6), (4, 7), (5, 8), (6, 9)),
        **fields,
    )


PREVIOUS = {n: Placement(1 + (n - 1) % 3, 1 + (n - 1) // 3) for n in range(1, 10)}


def test_a_previous_schedule_that_keeps_every_constraint_is_kept_whole():
    p = grid_problem(previous=PREVIOUS)
    solution = schedule(p, time_limit=5)
    assert solution.placements == PREVIOUS
    assert solution.objective["changes"] == 0


def test_pinning_one_session_elsewhere_moves_only_the_session_in_its_way():
    # Session 1 pinned into session 5's place: session 5 must go, to the place
    # session 1 left; nothing else needs to move.
    sessions = tuple(
        replace(s, pinned=Placement(2, 2)) if s.id == 1 else s for s in grid_problem().sessions
    )
    p = grid_problem(previous=PREVIOUS)
    p = replace(p, sessions=sessions)
    solution = schedule(p, time_limit=5)
    moved = {sid for sid, place in solution.placements.items() if PREVIOUS[sid] != place}
    assert moved == {1, 5}
    assert solution.placements[5] == Placement(1, 1)
    assert solution.objective["changes"] == 2
    assert violations(p, solution.placements) == []


def test_without_a_change_weight_the_schedule_may_move_freely_to_cut_conflicts():
    # Previous: sessions 1 and 2, liked by the same attendees, at the same hour.
    base = problem(
        hours(DAY_1, 2),
        rooms(50, 50),
        [Session(n, 60) for n in range(1, 5)],
        interests=((1, 2),) * 5,
        previous={1: Placement(1, 1), 2: Placement(2, 1), 3: Placement(1, 2), 4: Placement(2, 2)},
    )
    heavy = schedule(replace(base, weights=Weights(changes=1000)), time_limit=5)
    assert heavy.objective["changes"] == 0
    assert heavy.objective["attendee_conflicts"] == 5
    light = schedule(replace(base, weights=Weights(changes=1)), time_limit=5)
    assert light.objective["attendee_conflicts"] == 0
    assert light.objective["changes"] == 2


def test_sessions_new_since_the_previous_schedule_count_no_change():
    p = grid_problem(previous={n: PREVIOUS[n] for n in range(1, 9)})
    solution = schedule(p, time_limit=5)
    assert solution.objective["changes"] == 0
    assert solution.placements[9] == Placement(3, 3)


def test_re_planning_a_large_programme_after_pinning_sessions_elsewhere_stays_close():
    p = medium_problem()
    first = schedule(p, time_limit=1.0, seed=2)
    # Pin 3 sessions into the places of 3 others: those must move.
    movers, taken = p.sessions[:3], [p.sessions[10], p.sessions[20], p.sessions[30]]
    places = {s.id: first.placements[t.id] for s, t in zip(movers, taken, strict=True)}
    sessions = tuple(replace(s, pinned=places.get(s.id)) for s in p.sessions)
    again = replace(p, sessions=sessions, previous=first.placements)
    assert violations(again, {**first.placements, **places}) != []
    solution = schedule(again, time_limit=1.5, seed=2)
    assert violations(again, solution.placements) == []
    moved = {sid for sid, place in solution.placements.items() if first.placements[sid] != place}
    assert {s.id for s in movers} <= moved
    assert solution.objective["changes"] == len(moved)
    # The 3 pinned, the 3 in their way, and a few whose move pays for itself.
    assert len(moved) <= 3 + 3 + 7
