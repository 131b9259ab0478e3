"""Problems without a schedule raise `NoSchedule` with a code naming the cause."""

import pytest

from cosummit.programme import scheduler_search
from cosummit.programme.scheduler import (
    NoSchedule,
    Placement,
    Session,
    Unavailable,
    greedy,
    schedule,
)
from tests.programme.scheduler_helpers import DAY_1, DAY_2, hours, problem, rooms


def refusal(p) -> NoSchedule:
    with pytest.raises(NoSchedule) as caught:
        schedule(p, time_limit=5)
    return caught.value


def test_a_session_needing_a_feature_no_room_has_is_refused_with_its_id():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, features={1: {"projector"}}),
        [Session(1, 60), Session(2, 60, needs=frozenset({"booth:es"}))],
    )
    error = refusal(p)
    assert (error.code, error.details) == ("no_room_fits", {"session": 2})


def test_a_session_longer_than_any_run_of_slots_is_refused():
    error = refusal(problem(hours(DAY_1, 2), rooms(50), [Session(1, 180)]))
    assert (error.code, error.details) == ("no_time_fits", {"session": 1, "reason": "too_long"})


def test_a_session_whose_track_days_have_no_slot_is_refused():
    p = problem(hours(DAY_1, 2), rooms(50), [Session(1, 60, days=frozenset({DAY_2}))])
    error = refusal(p)
    assert (error.code, error.details) == ("no_time_fits", {"session": 1, "reason": "days"})


def test_a_session_whose_speaker_is_never_available_is_refused():
    p = problem(
        hours(DAY_1, 2),
        rooms(50),
        [Session(1, 60, speakers=(4,))],
        unavailable=(Unavailable(4, DAY_1, 0, 24 * 60),),
    )
    error = refusal(p)
    assert error.details == {"session": 1, "reason": "speaker_unavailable"}


def test_a_session_with_every_place_taken_by_pinned_sessions_is_refused():
    p = problem(
        hours(DAY_1, 1),
        rooms(50, 50, features={2: {"projector"}}),
        [Session(1, 60, pinned=Placement(2, 1)), Session(2, 60, needs=frozenset({"projector"}))],
    )
    error = refusal(p)
    assert (error.code, error.details) == ("no_time_fits", {"session": 2, "reason": "pinned"})


def test_more_sessions_than_room_time_is_refused():
    error = refusal(problem(hours(DAY_1, 2), rooms(50, 50), [Session(n, 60) for n in range(1, 6)]))
    assert error.code == "not_enough_room_time"
    assert error.details == {"needed_slots": 5, "available_slots": 4}


def test_more_sessions_needing_a_feature_than_its_rooms_hold_is_refused():
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50, 50, features={1: {"booth:fr"}}),
        [Session(n, 60, needs=frozenset({"booth:fr"})) for n in range(1, 4)],
    )
    error = refusal(p)
    assert error.code == "not_enough_room_time"
    assert error.details == {"needed_slots": 3, "available_slots": 2, "feature": "booth:fr"}


def test_a_speaker_with_more_sessions_than_time_is_refused():
    p = problem(
        hours(DAY_1, 3),
        rooms(50, 50),
        [Session(n, 60, speakers=(8,)) for n in range(1, 4)],
        unavailable=(Unavailable(8, DAY_1, 9 * 60, 10 * 60),),
    )
    error = refusal(p)
    assert error.code == "speaker_overbooked"
    assert error.details == {
        "speaker": 8,
        "sessions": [1, 2, 3],
        "needed_slots": 3,
        "available_slots": 2,
    }


def test_two_pinned_sessions_in_one_room_at_once_are_refused():
    p = problem(
        hours(DAY_1, 2),
        rooms(50),
        [Session(1, 120, pinned=Placement(1, 1)), Session(2, 60, pinned=Placement(1, 2))],
    )
    error = refusal(p)
    assert (error.code, error.details) == ("pinned_clash", {"room": 1, "sessions": [1, 2]})


def test_two_pinned_sessions_of_one_speaker_at_once_are_refused():
    p = problem(
        hours(DAY_1, 1),
        rooms(50, 50),
        [
            Session(1, 60, speakers=(3,), pinned=Placement(1, 1)),
            Session(2, 60, speakers=(3,), pinned=Placement(2, 1)),
        ],
    )
    error = refusal(p)
    assert (error.code, error.details) == ("pinned_clash", {"speaker": 3, "sessions": [1, 2]})


def test_a_pinned_session_breaking_its_own_constraints_is_refused():
    p = problem(
        hours(DAY_1, 1),
        rooms(50),
        [Session(1, 60, needs=frozenset({"projector"}), pinned=Placement(1, 1))],
    )
    error = refusal(p)
    assert (error.code, error.details) == (
        "pinned_not_allowed",
        {"session": 1, "reason": "missing_features"},
    )


def test_a_problem_the_quick_checks_miss_is_found_infeasible_by_the_solver():
    # Three sessions pairwise sharing a speaker need three different hours; there are two.
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50),
        [
            Session(1, 60, speakers=(1, 3)),
            Session(2, 60, speakers=(1, 2)),
            Session(3, 60, speakers=(2, 3)),
        ],
    )
    error = refusal(p)
    assert (error.code, error.details) == ("infeasible", {})


def test_the_greedy_says_which_session_it_could_not_place():
    # First fit puts session 1 (needing the projector) at 09:00, which leaves
    # session 3 (same speaker 5; speaker 6 busy at 10:00) nowhere; the search
    # finds the schedule.
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50, features={1: {"projector"}}),
        [
            Session(1, 60, speakers=(5,), needs=frozenset({"projector"})),
            Session(2, 60, needs=frozenset({"projector"})),
            Session(3, 60, speakers=(5, 6)),
        ],
        unavailable=(Unavailable(6, DAY_1, 600, 660),),
    )
    with pytest.raises(NoSchedule) as caught:
        greedy(p)
    assert (caught.value.code, caught.value.details) == ("greedy_failed", {"session": 3})
    assert schedule(p, time_limit=5).placements == {
        1: Placement(1, 2),
        2: Placement(1, 1),
        3: Placement(2, 1),
    }


def test_past_the_single_model_size_the_sessions_the_greedy_left_out_are_repaired(monkeypatch):
    # The same trap as above, on the path of large problems (no single model):
    # the search frees the sessions around the one left out.
    monkeypatch.setattr(scheduler_search, "WHOLE_MODEL_SESSIONS", 0)
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50, features={1: {"projector"}}),
        [
            Session(1, 60, speakers=(5,), needs=frozenset({"projector"})),
            Session(2, 60, needs=frozenset({"projector"})),
            Session(3, 60, speakers=(5, 6)),
        ],
        unavailable=(Unavailable(6, DAY_1, 600, 660),),
    )
    solution = schedule(p, time_limit=2)
    assert solution.placements == {1: Placement(1, 2), 2: Placement(1, 1), 3: Placement(2, 1)}
    assert solution.status == "feasible"


def test_past_the_single_model_size_an_infeasible_problem_is_still_found_infeasible(monkeypatch):
    monkeypatch.setattr(scheduler_search, "WHOLE_MODEL_SESSIONS", 0)
    p = problem(
        hours(DAY_1, 2),
        rooms(50, 50),
        [
            Session(1, 60, speakers=(1, 3)),
            Session(2, 60, speakers=(1, 2)),
            Session(3, 60, speakers=(2, 3)),
        ],
    )
    assert refusal(p).code == "infeasible"
