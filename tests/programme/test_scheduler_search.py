"""The search on a problem too large for one model: time limit, progress reports, results."""

import itertools
import time

import pytest

from cosummit.programme.scheduler import (
    evaluate,
    greedy,
    schedule,
    violations,
    weighted_total,
)
from tests.programme.scheduler_helpers import medium_problem


def test_the_search_keeps_its_time_limit_and_reports_progress_every_second():
    p = medium_problem()
    reports = []
    solution = schedule(p, time_limit=2.0, on_progress=reports.append)
    assert 1.5 <= solution.seconds <= 3.0
    assert violations(p, solution.placements) == []
    times = [r.seconds for r in reports]
    assert max(b - a for a, b in itertools.pairwise([0.0, *times])) < 1.0
    assert reports[-1].stage == "done"
    assert reports[-1].best_total == solution.total
    assert [r.best_total for r in reports if r.best_total is not None] == sorted(
        (r.best_total for r in reports if r.best_total is not None), reverse=True
    )
    assert solution.first_feasible_seconds is not None
    assert solution.first_feasible_seconds <= solution.seconds
    assert solution.rounds["tried"] >= 1


def test_the_search_beats_the_first_fit_greedy_and_reports_its_own_objective_exactly():
    p = medium_problem()
    solution = schedule(p, time_limit=2.0, seed=1)
    assert solution.status == "feasible"
    assert solution.objective == evaluate(p, solution.placements)
    assert solution.total == weighted_total(p.weights, solution.objective)
    baseline = evaluate(p, greedy(p))
    assert solution.total < weighted_total(p.weights, baseline)
    assert solution.objective["attendee_conflicts"] < baseline["attendee_conflicts"]


class Cancelled(Exception):
    pass


def test_a_progress_callback_that_raises_stops_the_search_at_once():
    p = medium_problem()
    calls = []

    def cancel_when_searching(report):
        calls.append(report.stage)
        if report.stage == "search":
            raise Cancelled

    started = time.perf_counter()
    with pytest.raises(Cancelled):
        schedule(p, time_limit=10, on_progress=cancel_when_searching)
    assert time.perf_counter() - started < 2.0
    assert calls[-1] == "search"
