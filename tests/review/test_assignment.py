"""The reviewer assignment solver, alone: no database.

Small instances are checked against every possible assignment; larger random
ones against the rules every assignment must keep. Affinities in the brute-force
tests are whole numbers, so that sums compare exactly.
"""

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cosummit.review.assignment import (
    AssignmentProblem,
    NoAssignment,
    assign_reviewers,
)

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def brute_force(problem: AssignmentProblem) -> list[frozenset]:
    """Every assignment that keeps the rules, as sets of (reviewer, proposal) pairs."""
    affinity = np.asarray(problem.affinity)
    reviewers, proposals = affinity.shape

    def per(value, count):
        return [value] * count if isinstance(value, int) else list(value)

    needed = per(problem.reviews_per_proposal, proposals)
    min_load = per(problem.min_load, reviewers)
    max_load = per(problem.max_load, reviewers)
    conflicts, fixed = set(problem.conflicts), set(problem.fixed)
    choices = []
    for proposal in range(proposals):
        allowed = [r for r in range(reviewers) if (r, proposal) not in conflicts]
        choices.append(
            [
                group
                for group in itertools.combinations(allowed, needed[proposal])
                if all(r in group for r, q in fixed if q == proposal)
            ]
        )
    found = []
    for groups in itertools.product(*choices):
        loads = [0] * reviewers
        for group in groups:
            for reviewer in group:
                loads[reviewer] += 1
        if all(low <= n <= high for low, n, high in zip(min_load, loads, max_load, strict=True)):
            found.append(frozenset((r, q) for q, group in enumerate(groups) for r in group))
    return found


def per_proposal(affinity, pairs, proposals: int) -> list[float]:
    sums = [0.0] * proposals
    for reviewer, proposal in pairs:
        sums[proposal] += affinity[reviewer][proposal]
    return sums


def assert_keeps_the_rules(problem: AssignmentProblem, result) -> None:
    affinity = np.asarray(problem.affinity)
    reviewers, proposals = affinity.shape
    needed = np.broadcast_to(problem.reviews_per_proposal, proposals)
    min_load = np.broadcast_to(problem.min_load, reviewers)
    max_load = np.broadcast_to(problem.max_load, reviewers)
    pairs = set(result.pairs)
    assert len(pairs) == len(result.pairs)
    assert list(result.pairs) == sorted(result.pairs)
    per_proposal_count = [sum(1 for _, q in pairs if q == p) for p in range(proposals)]
    loads = [sum(1 for r, _ in pairs if r == reviewer) for reviewer in range(reviewers)]
    assert per_proposal_count == list(needed)
    assert all(low <= n <= high for low, n, high in zip(min_load, loads, max_load, strict=True))
    assert list(result.reviewer_loads) == loads
    assert pairs.isdisjoint(set(problem.conflicts))
    assert set(problem.fixed) <= pairs
    assert result.total_affinity == pytest.approx(sum(affinity[r, q] for r, q in pairs))


@st.composite
def small_problems(draw, max_reviewers=4, max_proposals=4):
    reviewers = draw(st.integers(1, max_reviewers))
    proposals = draw(st.integers(1, max_proposals))
    affinity = draw(
        st.lists(
            st.lists(st.integers(-3, 9), min_size=proposals, max_size=proposals),
            min_size=reviewers,
            max_size=reviewers,
        )
    )
    k = draw(st.integers(1, min(2, reviewers)))
    min_load = draw(st.lists(st.integers(0, 2), min_size=reviewers, max_size=reviewers))
    max_load = [low + draw(st.integers(0, 3)) for low in min_load]
    pairs = [(r, q) for r in range(reviewers) for q in range(proposals)]
    conflicts = draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True))
    fixed = draw(
        st.lists(
            st.sampled_from([pair for pair in pairs if pair not in conflicts] or pairs),
            max_size=2,
            unique=True,
        )
    )
    fixed = [pair for pair in fixed if pair not in conflicts]
    return AssignmentProblem(
        affinity=[[float(a) for a in row] for row in affinity],
        reviews_per_proposal=k,
        min_load=min_load,
        max_load=max_load,
        conflicts=conflicts,
        fixed=fixed,
    )


@FAST
@given(small_problems())
def test_best_total_equals_the_brute_force_optimum_or_none_exists(problem):
    possible = brute_force(problem)
    affinity = problem.affinity
    if not possible:
        with pytest.raises(NoAssignment):
            assign_reviewers(problem)
        return
    result = assign_reviewers(problem)
    best = max(sum(affinity[r][q] for r, q in pairs) for pairs in possible)
    assert result.total_affinity == best
    assert result.is_optimal is True
    assert_keeps_the_rules(problem, result)


@FAST
@given(small_problems(max_reviewers=4, max_proposals=3))
def test_fairness_equals_the_brute_force_lowest_then_total_optimum(problem):
    possible = brute_force(problem)
    if not possible:
        with pytest.raises(NoAssignment):
            assign_reviewers(problem, fairness=True)
        return
    affinity = problem.affinity
    proposals = len(affinity[0])
    best = max(
        (min(per_proposal(affinity, pairs, proposals)), sum(affinity[r][q] for r, q in pairs))
        for pairs in possible
    )
    result = assign_reviewers(problem, fairness=True, time_limit=10)
    assert (result.lowest_proposal_affinity, result.total_affinity) == best
    assert (result.is_optimal, result.fairness) == (True, True)
    assert_keeps_the_rules(problem, result)


@st.composite
def medium_problems(draw):
    reviewers = draw(st.integers(3, 15))
    proposals = draw(st.integers(1, 30))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    affinity = np.round(rng.random((reviewers, proposals)) * (rng.random() < 0.8), 3)
    k = draw(st.integers(1, 3))
    average = proposals * k / reviewers
    min_load = draw(st.integers(0, math.floor(average)))
    max_load = max(min_load, math.ceil(average) + draw(st.integers(0, 2)))
    conflict_mask = rng.random((reviewers, proposals)) < draw(st.sampled_from([0.0, 0.1, 0.3]))
    conflicts = [tuple(map(int, pair)) for pair in np.argwhere(conflict_mask)]
    free = [tuple(map(int, pair)) for pair in np.argwhere(~conflict_mask)]
    fixed_count = draw(st.integers(0, min(5, len(free))))
    fixed = [free[i] for i in rng.choice(len(free), size=fixed_count, replace=False)]
    return AssignmentProblem(
        affinity=affinity,
        reviews_per_proposal=k,
        min_load=min_load,
        max_load=max_load,
        conflicts=conflicts,
        fixed=fixed,
    )


@settings(max_examples=40, deadline=None)
@given(medium_problems())
def test_every_assignment_found_keeps_counts_loads_conflicts_and_fixed_pairs(problem):
    try:
        result = assign_reviewers(problem)
    except NoAssignment as error:
        assert error.code in {
            "too_many_fixed_reviews",
            "fixed_reviews_above_max_load",
            "too_few_reviewers_for_proposal",
            "loads_too_small",
            "too_few_proposals_for_reviewer",
            "infeasible",
        }
        return
    assert_keeps_the_rules(problem, result)
    fair = assign_reviewers(problem, fairness=True, time_limit=5)
    assert_keeps_the_rules(problem, fair)
    assert fair.lowest_proposal_affinity >= result.lowest_proposal_affinity - 1e-9
    assert fair.total_affinity <= result.total_affinity + 1e-9


@settings(max_examples=30, deadline=None)
@given(medium_problems(), st.integers(1, 5))
def test_maximum_loads_below_the_reviews_needed_are_refused_as_too_small(problem, short):
    reviewers = len(problem.affinity)
    proposals = len(problem.affinity[0])
    needed = proposals * problem.reviews_per_proposal
    capacity = max(0, needed - short)
    max_load = [capacity // reviewers + (r < capacity % reviewers) for r in range(reviewers)]
    squeezed = AssignmentProblem(
        affinity=problem.affinity,
        reviews_per_proposal=problem.reviews_per_proposal,
        max_load=max_load,
    )
    with pytest.raises(NoAssignment) as refused:
        assign_reviewers(squeezed)
    assert refused.value.code in {"loads_too_small", "too_few_reviewers_for_proposal"}
    if refused.value.code == "loads_too_small":
        assert refused.value.details == {"reviews": needed, "capacity": capacity}


def test_best_total_may_leave_a_proposal_badly_served_which_fairness_avoids():
    problem = AssignmentProblem(
        affinity=[[10.0, 1.0], [2.0, 0.0]], reviews_per_proposal=1, max_load=1
    )
    best = assign_reviewers(problem)
    fair = assign_reviewers(problem, fairness=True)
    assert (best.pairs, best.total_affinity, best.lowest_proposal_affinity) == (
        ((0, 0), (1, 1)),
        10.0,
        0.0,
    )
    assert (fair.pairs, fair.total_affinity, fair.lowest_proposal_affinity) == (
        ((0, 1), (1, 0)),
        3.0,
        1.0,
    )


def test_fixed_pairs_stay_even_when_their_affinity_is_poor_and_count_towards_loads():
    problem = AssignmentProblem(
        affinity=[[0.0, 5.0, 5.0], [5.0, 1.0, 0.0], [5.0, 0.0, 1.0]],
        reviews_per_proposal=1,
        max_load=1,
        fixed=[(0, 0)],
    )
    result = assign_reviewers(problem)
    assert result.pairs == ((0, 0), (1, 1), (2, 2))
    assert (result.total_affinity, result.reviewer_loads) == (2.0, (1, 1, 1))


def test_conflicts_are_never_assigned_even_at_the_best_affinity():
    problem = AssignmentProblem(
        affinity=[[9.0, 9.0], [1.0, 1.0]], reviews_per_proposal=1, conflicts=[(0, 1)]
    )
    assert assign_reviewers(problem).pairs == ((0, 0), (1, 1))


def test_negative_affinities_are_avoided_when_possible():
    problem = AssignmentProblem(
        affinity=[[-1.0, 0.5], [0.0, -2.0], [-0.5, -0.5]], reviews_per_proposal=1
    )
    result = assign_reviewers(problem)
    assert (result.pairs, result.total_affinity) == (((0, 1), (1, 0)), 0.5)


def test_per_proposal_and_per_reviewer_numbers_may_differ():
    problem = AssignmentProblem(
        affinity=np.ones((3, 3)),
        reviews_per_proposal=[3, 1, 0],
        min_load=[2, 1, 1],
        max_load=[2, 1, 1],
    )
    result = assign_reviewers(problem)
    assert result.reviewer_loads == (2, 1, 1)
    assert result.proposal_affinities == (3.0, 1.0, 0.0)
    # A proposal that needs no review does not count as the worst served.
    assert result.lowest_proposal_affinity == 1.0


def test_no_proposals_gives_an_empty_assignment():
    result = assign_reviewers(AssignmentProblem(affinity=np.zeros((2, 0)), reviews_per_proposal=3))
    assert (result.pairs, result.total_affinity, result.lowest_proposal_affinity) == ((), 0.0, 0.0)


@pytest.mark.parametrize(
    ("problem", "code", "details"),
    [
        (
            AssignmentProblem(np.ones((2, 2)), 1, min_load=[2, 0], max_load=[1, 2]),
            "min_load_above_max_load",
            {"reviewer": 0},
        ),
        (
            AssignmentProblem(np.ones((2, 2)), 1, conflicts=[(1, 0)], fixed=[(1, 0)]),
            "fixed_pair_is_conflict",
            {"reviewer": 1, "proposal": 0},
        ),
        (
            AssignmentProblem(np.ones((2, 2)), 1, fixed=[(0, 1), (1, 1)]),
            "too_many_fixed_reviews",
            {"proposal": 1, "needed": 1},
        ),
        (
            AssignmentProblem(np.ones((2, 2)), 1, max_load=1, fixed=[(0, 0), (0, 1)]),
            "fixed_reviews_above_max_load",
            {"reviewer": 0, "max_load": 1},
        ),
        (
            AssignmentProblem(np.ones((3, 3)), 2, conflicts=[(0, 2), (1, 2)]),
            "too_few_reviewers_for_proposal",
            {"proposal": 2, "needed": 2, "eligible": 1, "proposals": [2]},
        ),
        (
            AssignmentProblem(np.ones((2, 3)), 4),
            "too_few_reviewers_for_proposal",
            {"proposal": 0, "needed": 4, "eligible": 2, "proposals": [0, 1, 2]},
        ),
        (
            AssignmentProblem(np.ones((2, 3)), 2, max_load=[3, 2]),
            "loads_too_small",
            {"reviews": 6, "capacity": 5},
        ),
        (
            AssignmentProblem(np.ones((3, 2)), 1, min_load=1),
            "loads_too_large",
            {"reviews": 2, "minimum": 3},
        ),
        (
            AssignmentProblem(np.ones((2, 3)), 1, min_load=[2, 0], conflicts=[(0, 0), (0, 1)]),
            "too_few_proposals_for_reviewer",
            {"reviewer": 0, "min_load": 2, "eligible": 1},
        ),
        (
            # Each check alone passes, but proposals 0 and 1 both need reviewer 0,
            # who may take only one.
            AssignmentProblem(
                np.ones((3, 3)), 1, max_load=1, conflicts=[(1, 0), (2, 0), (1, 1), (2, 1)]
            ),
            "infeasible",
            {},
        ),
    ],
)
def test_impossible_problems_are_refused_with_a_code_and_the_culprits(problem, code, details):
    with pytest.raises(NoAssignment) as refused:
        assign_reviewers(problem)
    assert (refused.value.code, refused.value.details) == (code, details)
    assert str(refused.value) == refused.value.reason


def test_the_reason_names_the_proposal_short_of_reviewers():
    with pytest.raises(NoAssignment) as refused:
        assign_reviewers(AssignmentProblem(np.ones((3, 3)), 2, conflicts=[(0, 2), (1, 2)]))
    assert refused.value.reason == (
        "Proposal 2 needs 2 reviewers, but only 1 of the 3 reviewers can review it "
        "(the others have a conflict of interest or no load)."
    )


def test_fairness_mode_reports_an_infeasible_problem_like_the_default_mode():
    problem = AssignmentProblem(
        np.ones((3, 3)), 1, max_load=1, conflicts=[(1, 0), (2, 0), (1, 1), (2, 1)]
    )
    with pytest.raises(NoAssignment) as refused:
        assign_reviewers(problem, fairness=True)
    assert refused.value.code == "infeasible"


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (AssignmentProblem([1.0, 2.0], 1), "The affinity matrix must have one row per reviewer."),
        (AssignmentProblem([[math.nan]], 1), "Affinities must be finite numbers."),
        (
            AssignmentProblem([[-2e6]], 1),
            "Affinities must lie between -1,000,000 and 1,000,000.",
        ),
        (
            AssignmentProblem(np.ones((2, 2)), [1, 1, 1]),
            "reviews_per_proposal must be one number or 2 numbers.",
        ),
        (AssignmentProblem(np.ones((2, 2)), 1, min_load=-1), "min_load must not be negative."),
        (AssignmentProblem(np.ones((2, 2)), 1.5), "reviews_per_proposal must be whole numbers."),
        (
            AssignmentProblem(np.ones((2, 2)), 1, conflicts=[(2, 0)]),
            "Conflict pair (2, 0) is out of range.",
        ),
        (
            AssignmentProblem(np.ones((2, 2)), 1, fixed=[(0, -1)]),
            "Fixed pair (0, -1) is out of range.",
        ),
    ],
)
def test_malformed_problems_raise_value_errors(problem, message):
    with pytest.raises(ValueError) as refused:
        assign_reviewers(problem)
    assert str(refused.value) == message
