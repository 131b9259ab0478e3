"""Each objective term: exact values from `evaluate`, and the scheduler minimising it."""

from cosummit.programme.scheduler import (
    Placement,
    Session,
    Weights,
    evaluate,
    schedule,
    violations,
    weighted_total,
)
from tests.programme.scheduler_helpers import (
    DAY_1,
    DAY_2,
    NOTHING,
    ONLY_CONFLICTS,
    hours,
    problem,
    rooms,
)

ZERO_TERMS = {
    "attendee_conflicts": 0,
    "over_capacity": 0,
    "track_rooms": 0,
    "popular_spread": 0,
    "changes": 0,
}


def test_attendee_conflicts_count_each_attendees_overlapping_pairs():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50, 50),
        [Session(n, 60) for n in range(1, 5)],
        interests=((1, 2, 3), (1, 2), (3, 4), (1, 1, 2)),
        weights=NOTHING,
    )
    # Sessions 1, 2, 3 at 09:00, session 4 at 10:00: the first attendee has
    # three overlapping pairs, the second one, the third none, the fourth
    # (who starred session 1 twice) one.
    placements = {1: Placement(1, 1), 2: Placement(2, 1), 3: Placement(3, 1), 4: Placement(1, 2)}
    assert evaluate(p, placements)["attendee_conflicts"] == 5


def test_the_scheduler_separates_sessions_that_share_attendees():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50),
        [Session(n, 60) for n in range(1, 5)],
        interests=((1, 2), (1, 2), (3, 4)),
        weights=ONLY_CONFLICTS,
    )
    solution = schedule(p, time_limit=5)
    placed = solution.placements
    assert placed[1].slot != placed[2].slot
    assert placed[3].slot != placed[4].slot
    assert solution.objective == ZERO_TERMS
    assert solution.status == "optimal"


def test_over_capacity_counts_people_beyond_the_room_and_the_big_session_gets_the_big_room():
    p = problem(
        hours(DAY_1, 1),
        rooms(30, 100),
        [Session(1, 60, audience=120), Session(2, 60, audience=40)],
    )
    assert evaluate(p, {1: Placement(1, 1), 2: Placement(2, 1)})["over_capacity"] == 90 + 0
    solution = schedule(p, time_limit=5)
    assert solution.placements == {1: Placement(2, 1), 2: Placement(1, 1)}
    assert solution.objective["over_capacity"] == 20 + 10
    assert solution.total == 30


def test_track_rooms_counts_rooms_beyond_the_first_per_track_and_day():
    p = problem(
        hours(DAY_1, 2) + hours(DAY_2, 2, first_id=3),
        rooms(50, 50),
        [Session(n, 60, track="data") for n in range(1, 5)] + [Session(5, 60)],
        weights=Weights(attendee_conflicts=0, over_capacity=0, popular_spread=0),
    )
    # Day 1: rooms 1 and 2 (one too many); day 2: room 1 only; session 5 has no track.
    placements = {
        1: Placement(1, 1),
        2: Placement(2, 2),
        3: Placement(1, 3),
        4: Placement(1, 4),
        5: Placement(2, 3),
    }
    assert evaluate(p, placements)["track_rooms"] == 1
    solution = schedule(p, time_limit=5)
    assert solution.objective["track_rooms"] == 0
    assert violations(p, solution.placements) == []


def test_popular_spread_counts_popular_sessions_beyond_an_even_share_per_day():
    # 20 sessions: the 2 with the largest audience are popular; 2 days, so 1 a day.
    session_list = [Session(n, 60, audience=100 if n <= 2 else 10) for n in range(1, 21)]
    p = problem(
        hours(DAY_1, 10) + hours(DAY_2, 10, first_id=11),
        rooms(500, 500),
        session_list,
        weights=Weights(attendee_conflicts=0, over_capacity=0, track_rooms=0, popular_spread=5),
    )
    same_day = {n: Placement(1 + (n - 1) % 2, 1 + (n - 1) // 2) for n in range(1, 21)}
    assert evaluate(p, same_day)["popular_spread"] == 1
    solution = schedule(p, time_limit=5)
    days = {1 if solution.placements[n].slot <= 10 else 2 for n in (1, 2)}
    assert days == {1, 2}
    assert solution.objective["popular_spread"] == 0


def test_changes_count_sessions_placed_elsewhere_than_before():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50),
        [Session(1, 60), Session(2, 60), Session(3, 60)],
        previous={1: Placement(1, 1), 2: Placement(2, 1)},
    )
    placements = {1: Placement(1, 1), 2: Placement(1, 2), 3: Placement(2, 2)}
    assert evaluate(p, placements)["changes"] == 1


def test_the_total_is_the_weighted_sum_of_the_terms():
    weights = Weights(attendee_conflicts=3, over_capacity=2, track_rooms=7, popular_spread=11)
    p = problem(
        hours(DAY_1, 1),
        rooms(10, 10),
        [Session(1, 60, audience=15, track="a"), Session(2, 60, audience=12, track="a")],
        interests=((1, 2),),
        weights=weights,
    )
    solution = schedule(p, time_limit=5)
    assert solution.objective == {
        "attendee_conflicts": 1,
        "over_capacity": 5 + 2,
        "track_rooms": 1,
        "popular_spread": 0,
        "changes": 0,
    }
    assert solution.total == 3 * 1 + 2 * 7 + 7 * 1 == weighted_total(weights, solution.objective)


def test_a_schedule_with_nothing_to_optimise_costs_nothing():
    p = problem(hours(DAY_1, 1), rooms(50), [Session(1, 60)])
    solution = schedule(p, time_limit=5)
    assert solution.objective == ZERO_TERMS
    assert solution.total == 0
    assert solution.status == "optimal"


def test_evaluate_ignores_placements_of_sessions_the_problem_does_not_have():
    p = problem(hours(DAY_1, 1), rooms(10), [Session(1, 60, audience=15)])
    assert evaluate(p, {1: Placement(1, 1), 99: Placement(1, 1)}) == ZERO_TERMS | {
        "over_capacity": 5
    }
