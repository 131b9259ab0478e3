"""Reviewer assignment: who reviews which proposal, as a pure module on plain dataclasses.

The organiser gives an affinity matrix (one row per reviewer, one column per
proposal; higher is better, zero and negative values allowed), the number of
reviews each proposal needs, a minimum and a maximum load per reviewer, the
conflicts of interest (pairs that must never be assigned) and the fixed pairs
(reviews already written, which must be kept when the assignment is run again).

Default mode: the largest total affinity
----------------------------------------
Assigning reviewers is a transportation problem, solved exactly as a minimum
cost flow (OR-Tools `SimpleMinCostFlow`) on the network

    source -> reviewer -> proposal -> sink

- reviewer -> proposal: capacity 1 (nobody reviews a proposal twice), cost
  minus the affinity; no arc for a conflict, nor for a fixed pair, which is
  taken out of the network beforehand and counts towards the reviewer's load
  and the proposal's reviews;
- proposal -> sink: capacity the reviews the proposal still needs, and the sink
  demands all of them, so every proposal gets exactly its number;
- loads between a minimum and a maximum are handled exactly by the usual
  lower-bound transformation: each reviewer node supplies its remaining
  minimum load itself, and the source supplies the rest through an arc of
  capacity (maximum - minimum).

Flow networks have integral optimal solutions, so the flow is a 0/1 assignment.
Costs must be integers: affinities are multiplied by `SCALE` (10**6) and
rounded, so the total is exactly optimal for affinities rounded to six decimal
places. Arcs are built with numpy arrays in a handful of calls; 700 proposals x
60 reviewers x 3 reviews is solved in about 0.05 s, and 1,000 proposals x 600
reviewers in about 0.6 s (bench/assignment.py, docs/benchmarks.md).

Fairness mode: the worst-served proposal first
----------------------------------------------
The largest total may leave one proposal with three reviewers who know little
of its subject. With `fairness=True` the assignment maximises first the lowest
per-proposal affinity (a proposal's affinity is the sum of its reviewers'
affinities), then, among the assignments that reach it, the total. This
max-min objective has no flow formulation; it is solved in four steps:

1. a local search lifts the worst proposals of the flow solution by ejection
   chains (see `_lift_lowest`), within a quarter of `time_limit`; it often
   reaches the obvious bound (the worst proposal given its best reviewers),
   which proves the lowest value optimal without a solver;
2. otherwise OR-Tools CP-SAT (one Boolean per reviewer-proposal pair)
   maximises the lowest value, starting from the local search's result;
3. the flow solves the largest total again, keeping the reviewers of the
   proposals it would leave below that lowest value (`_best_total_above`);
   when it need keep none, that is the optimum and we stop;
4. otherwise CP-SAT maximises the total with every proposal at the lowest
   value or above, starting from step 3.

`time_limit` (default 30 s) bounds the whole, give or take building the
model; `Assignment.is_optimal` says whether both objectives were proven
optimal. The result is never worse for the worst-served proposal than the
flow solution. Proofs are slow at the summit's
size: on five made-up 700 x 60 x 3 instances (bench/assignment.py, a busy
2-core machine) the lowest affinity rises from 1.3-2.3 to 2.1-2.3, and the
total stays within 1 % of the largest total; with loads from 0 to 37, four
of five are proven optimal, in 0.04 to 25 s; with loads from 30 to 37, only
one is proven within the 30 s. At 1,000 x 600 the CP-SAT model takes about
1 GB and is not proven in 30 s: the fairness mode is meant for one summit's
call.

Infeasible problems raise `NoAssignment`, with a machine `code`, an English
`reason` and `details` naming the reviewer or proposal at fault, so that the
web layer can write its own translated message.
"""

import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

# Affinities are rounded to this precision to become integer costs.
SCALE = 10**6
# Scaled affinities, summed along the longest path of the flow network, must
# stay far within 64-bit integers.
MAX_AFFINITY = 10**6


@dataclass(frozen=True)
class AssignmentProblem:
    """What the organiser asks for; indices are rows (reviewers) and columns (proposals).

    `reviews_per_proposal`, `min_load` and `max_load` are either one number for
    everyone or one number per proposal (per reviewer for the loads); no
    `max_load` means no limit. Fixed pairs count towards both the loads and
    the reviews per proposal.
    """

    affinity: Sequence[Sequence[float]] | np.ndarray
    reviews_per_proposal: int | Sequence[int]
    min_load: int | Sequence[int] = 0
    max_load: int | Sequence[int] | None = None
    conflicts: Iterable[tuple[int, int]] = ()
    fixed: Iterable[tuple[int, int]] = ()


@dataclass(frozen=True)
class Assignment:
    """The assignment found.

    `pairs` are (reviewer, proposal) index pairs, sorted, fixed pairs included.
    `lowest_proposal_affinity` is the smallest per-proposal affinity among the
    proposals that need at least one review (0.0 when there are none).
    `is_optimal` says whether the objective (the total, or in fairness mode the
    lowest proposal affinity and then the total) was proven optimal.
    """

    pairs: tuple[tuple[int, int], ...]
    total_affinity: float
    lowest_proposal_affinity: float
    is_optimal: bool
    seconds: float
    reviewer_loads: tuple[int, ...]
    proposal_affinities: tuple[float, ...]
    fairness: bool = False


class NoAssignment(Exception):
    """No assignment satisfies the problem.

    `code` says why, for the web layer's translated message; `reason` says it
    in plain English; `details` holds the indices and numbers involved:

    - "min_load_above_max_load": reviewer
    - "fixed_pair_is_conflict": reviewer, proposal
    - "too_many_fixed_reviews": proposal, needed
    - "fixed_reviews_above_max_load": reviewer, max_load
    - "too_few_reviewers_for_proposal": proposal, needed, eligible, and
      proposals (every proposal short of reviewers)
    - "loads_too_small": reviews, capacity (the sum of the maximum loads)
    - "loads_too_large": reviews, minimum (the sum of the minimum loads)
    - "too_few_proposals_for_reviewer": reviewer, min_load, eligible
    - "infeasible": nothing; every check above passed but the constraints
      cannot all hold at once
    """

    def __init__(self, code: str, reason: str, details: dict | None = None):
        super().__init__(code, reason, details or {})
        self.code = code
        self.reason = reason
        self.details = details or {}

    def __str__(self) -> str:
        return self.reason


@dataclass
class _Prepared:
    """The problem as arrays, with the fixed pairs taken out of the network."""

    affinity: np.ndarray  # float, (reviewers, proposals)
    needed: np.ndarray  # reviews per proposal, all included
    min_load: np.ndarray
    max_load: np.ndarray
    conflict: np.ndarray  # bool mask
    fixed: np.ndarray  # bool mask
    open_needed: np.ndarray  # reviews per proposal still to assign
    open_min: np.ndarray  # load per reviewer still required
    open_max: np.ndarray  # load per reviewer still allowed
    eligible: np.ndarray  # bool mask of the pairs the solver may choose


def assign_reviewers(
    problem: AssignmentProblem,
    *,
    fairness: bool = False,
    time_limit: float = 30.0,
    progress: Callable[[str, float], None] | None = None,
) -> Assignment:
    """Assign reviewers to proposals: the best total affinity, or the fairest assignment.

    Default mode: the largest total affinity, exact (for affinities rounded to
    six decimals) by minimum cost flow. `time_limit` does not apply: the flow
    solver always finishes, in under a second at the summit's size.

    `fairness=True`: the largest lowest per-proposal affinity, then the largest
    total, by CP-SAT within `time_limit` seconds (see the module docstring).

    `progress(stage, lowest)`, when given, is called as the search goes on,
    with the stage ("best total", "local search", "lowest", "total") and the
    lowest per-proposal affinity reached so far, so that a page can show it.

    Raises `NoAssignment` when no assignment exists, and `ValueError` when the
    problem itself is malformed (wrong shapes, indices out of range, negative
    numbers, affinities that are not finite).
    """
    started = time.perf_counter()
    report = progress or (lambda stage, lowest: None)
    prepared = _prepare(problem)
    _check_feasibility(prepared)
    chosen = _solve_flow(prepared)
    report("best total", _lowest_of(prepared, chosen))
    is_optimal = True
    if fairness:
        chosen, is_optimal = _solve_fairness(
            prepared, flow_solution=chosen, started=started, time_limit=time_limit, report=report
        )
    return _result(prepared, chosen, is_optimal, fairness, time.perf_counter() - started)


def _per_item(value, count: int, name: str) -> np.ndarray:
    array = np.array(value)
    if array.ndim == 0:
        array = np.full(count, value)
    if array.shape != (count,):
        raise ValueError(f"{name} must be one number or {count} numbers.")
    if not np.all(np.equal(np.mod(array, 1), 0)):
        raise ValueError(f"{name} must be whole numbers.")
    array = array.astype(np.int64)
    if np.any(array < 0):
        raise ValueError(f"{name} must not be negative.")
    return array


def _pair_mask(pairs: Iterable[tuple[int, int]], shape: tuple[int, int], name: str) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    for reviewer, proposal in pairs:
        if not (0 <= reviewer < shape[0] and 0 <= proposal < shape[1]):
            raise ValueError(f"{name} pair ({reviewer}, {proposal}) is out of range.")
        mask[reviewer, proposal] = True
    return mask


def _prepare(problem: AssignmentProblem) -> _Prepared:
    affinity = np.asarray(problem.affinity, dtype=np.float64)
    if affinity.ndim != 2:
        raise ValueError("The affinity matrix must have one row per reviewer.")
    if not np.all(np.isfinite(affinity)):
        raise ValueError("Affinities must be finite numbers.")
    if affinity.size and np.abs(affinity).max() > MAX_AFFINITY:
        raise ValueError("Affinities must lie between -1,000,000 and 1,000,000.")
    reviewers, proposals = affinity.shape
    needed = _per_item(problem.reviews_per_proposal, proposals, "reviews_per_proposal")
    min_load = _per_item(problem.min_load, reviewers, "min_load")
    max_load = (
        np.full(reviewers, proposals, dtype=np.int64)
        if problem.max_load is None
        else _per_item(problem.max_load, reviewers, "max_load")
    )
    conflict = _pair_mask(problem.conflicts, affinity.shape, "Conflict")
    fixed = _pair_mask(problem.fixed, affinity.shape, "Fixed")
    return _with_fixed(
        _Prepared(affinity, needed, min_load, max_load, conflict, fixed, *([None] * 4)), fixed
    )


def _with_fixed(p: _Prepared, fixed: np.ndarray) -> _Prepared:
    """The same problem with `fixed` as its fixed pairs, and what remains open."""
    fixed_per_reviewer = fixed.sum(axis=1)
    open_needed = p.needed - fixed.sum(axis=0)
    open_max = p.max_load - fixed_per_reviewer
    return _Prepared(
        affinity=p.affinity,
        needed=p.needed,
        min_load=p.min_load,
        max_load=p.max_load,
        conflict=p.conflict,
        fixed=fixed,
        open_needed=open_needed,
        open_min=np.maximum(p.min_load - fixed_per_reviewer, 0),
        open_max=open_max,
        eligible=~p.conflict & ~fixed & (open_needed > 0)[None, :] & (open_max > 0)[:, None],
    )


def _check_feasibility(p: _Prepared) -> None:
    """Raise `NoAssignment` for the reasons an organiser can see and fix."""
    reviewers = p.affinity.shape[0]
    for reviewer in np.flatnonzero(p.min_load > p.max_load):
        raise NoAssignment(
            "min_load_above_max_load",
            f"Reviewer {reviewer} has a minimum load ({p.min_load[reviewer]}) above "
            f"their maximum load ({p.max_load[reviewer]}).",
            {"reviewer": int(reviewer)},
        )
    clashes = np.argwhere(p.fixed & p.conflict)
    if len(clashes):
        reviewer, proposal = (int(i) for i in clashes[0])
        raise NoAssignment(
            "fixed_pair_is_conflict",
            f"Reviewer {reviewer} must keep proposal {proposal}, "
            "but they have a conflict of interest with it.",
            {"reviewer": reviewer, "proposal": proposal},
        )
    for proposal in np.flatnonzero(p.open_needed < 0):
        raise NoAssignment(
            "too_many_fixed_reviews",
            f"Proposal {proposal} already has {p.needed[proposal] - p.open_needed[proposal]} "
            f"reviewers, more than the {p.needed[proposal]} it needs.",
            {"proposal": int(proposal), "needed": int(p.needed[proposal])},
        )
    for reviewer in np.flatnonzero(p.open_max < 0):
        raise NoAssignment(
            "fixed_reviews_above_max_load",
            f"Reviewer {reviewer} already has "
            f"{p.max_load[reviewer] - p.open_max[reviewer]} proposals, "
            f"more than their maximum load ({p.max_load[reviewer]}).",
            {"reviewer": int(reviewer), "max_load": int(p.max_load[reviewer])},
        )
    # A reviewer with a zero maximum load cannot review anything.
    available = ~p.conflict & (p.max_load > 0)[:, None]
    short = np.flatnonzero(available.sum(axis=0) < p.needed)
    if len(short):
        proposal = int(short[0])
        eligible = int(available[:, proposal].sum())
        raise NoAssignment(
            "too_few_reviewers_for_proposal",
            f"Proposal {proposal} needs {p.needed[proposal]} reviewers, but only "
            f"{eligible} of the {reviewers} reviewers can review it (the others have "
            "a conflict of interest or no load).",
            {
                "proposal": proposal,
                "needed": int(p.needed[proposal]),
                "eligible": eligible,
                "proposals": [int(i) for i in short],
            },
        )
    total = int(p.needed.sum())
    if int(p.max_load.sum()) < total:
        raise NoAssignment(
            "loads_too_small",
            f"The proposals need {total} reviews, but the maximum loads add up to only "
            f"{int(p.max_load.sum())}.",
            {"reviews": total, "capacity": int(p.max_load.sum())},
        )
    if int(p.min_load.sum()) > total:
        raise NoAssignment(
            "loads_too_large",
            f"The proposals need {total} reviews, but the minimum loads add up to "
            f"{int(p.min_load.sum())}.",
            {"reviews": total, "minimum": int(p.min_load.sum())},
        )
    reachable = (~p.conflict & (p.needed > 0)[None, :]).sum(axis=1)
    for reviewer in np.flatnonzero(reachable < p.min_load):
        raise NoAssignment(
            "too_few_proposals_for_reviewer",
            f"Reviewer {reviewer} must review at least {p.min_load[reviewer]} proposals, "
            f"but only {reachable[reviewer]} proposals can be given to them.",
            {
                "reviewer": int(reviewer),
                "min_load": int(p.min_load[reviewer]),
                "eligible": int(reachable[reviewer]),
            },
        )


def _infeasible() -> NoAssignment:
    return NoAssignment(
        "infeasible",
        "No assignment meets every load, conflict and review count at once, although "
        "each one alone can be met: loosen the loads or the conflicts.",
    )


def _solve_flow(p: _Prepared) -> np.ndarray:
    """The assignment with the largest total affinity, as a bool mask with fixed pairs."""
    reviewers, proposals = p.affinity.shape
    source, sink = reviewers + proposals, reviewers + proposals + 1
    flow = min_cost_flow.SimpleMinCostFlow()

    pair_reviewers, pair_proposals = np.nonzero(p.eligible)
    costs = -np.rint(p.affinity[pair_reviewers, pair_proposals] * SCALE).astype(np.int64)
    pair_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        pair_reviewers.astype(np.int32),
        (pair_proposals + reviewers).astype(np.int32),
        np.ones(len(costs), dtype=np.int64),
        costs,
    )
    reviewer_nodes = np.arange(reviewers, dtype=np.int32)
    flow.add_arcs_with_capacity_and_unit_cost(
        np.full(reviewers, source, dtype=np.int32),
        reviewer_nodes,
        np.maximum(p.open_max - p.open_min, 0),
        np.zeros(reviewers, dtype=np.int64),
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        np.arange(reviewers, reviewers + proposals, dtype=np.int32),
        np.full(proposals, sink, dtype=np.int32),
        p.open_needed.astype(np.int64),
        np.zeros(proposals, dtype=np.int64),
    )
    total = int(p.open_needed.sum())
    flow.set_nodes_supplies(
        np.concatenate([reviewer_nodes, np.array([source, sink], dtype=np.int32)]),
        np.concatenate(
            [p.open_min, np.array([total - int(p.open_min.sum()), -total], dtype=np.int64)]
        ),
    )
    status = flow.solve()
    if status == flow.INFEASIBLE or status == flow.UNBALANCED:
        raise _infeasible()
    if status == flow.BAD_COST_RANGE:
        raise ValueError("Affinities are too large to be scaled to integer costs.")
    if status != flow.OPTIMAL:
        raise RuntimeError(f"The flow solver stopped with status {status.name}.")
    used = np.asarray(flow.flows(np.asarray(pair_arcs, dtype=np.int32))) > 0
    chosen = p.fixed.copy()
    chosen[pair_reviewers[used], pair_proposals[used]] = True
    return chosen


def _lowest_of(p: _Prepared, chosen: np.ndarray) -> float:
    """The lowest affinity of a proposal that needs reviews, under `chosen`."""
    served = p.needed > 0
    return float((p.affinity * chosen).sum(axis=0)[served].min()) if served.any() else 0.0


def _solve_fairness(
    p: _Prepared,
    *,
    flow_solution: np.ndarray,
    started: float,
    time_limit: float,
    report: Callable[[str, float], None],
) -> tuple[np.ndarray, bool]:
    """Maximise the lowest per-proposal affinity, then the total (see the module docstring)."""
    scaled = np.rint(p.affinity * SCALE).astype(np.int64)
    served = np.flatnonzero(p.needed > 0)
    if len(served) == 0:
        return flow_solution, True
    lifted = _lift_lowest(p, flow_solution, scaled, deadline=started + time_limit * LIFT_SHARE)
    lifted_lowest = int((scaled * lifted).sum(axis=0)[served].min())
    report("local search", lifted_lowest / SCALE)
    bound = max(_lowest_bound(p, scaled, served), lifted_lowest)
    model = None

    # First solve: the lowest proposal affinity, unless the local search
    # already reached its bound.
    if lifted_lowest >= bound:
        first, first_optimal = lifted, True
    else:
        model = _FairnessModel(p, scaled, served, floor=lifted_lowest, bound=bound, report=report)
        remaining = started + time_limit - time.perf_counter()
        first, first_optimal = model.solve_lowest(hint=lifted, seconds=remaining / 2)
        if first is None:
            first = lifted
    best_lowest = max(lifted_lowest, int((scaled * first).sum(axis=0)[served].min()))
    report("total", best_lowest / SCALE)

    # Second solve: the total, keeping that lowest affinity.
    hint, is_best_total = _best_total_above(p, first, scaled, floor=best_lowest)
    if is_best_total:
        # The best total overall already keeps every proposal at that lowest affinity.
        return hint, first_optimal
    if model is None:
        model = _FairnessModel(p, scaled, served, floor=lifted_lowest, bound=bound, report=report)
    second, second_optimal = model.solve_total(
        floor=best_lowest, hint=hint, seconds=started + time_limit - time.perf_counter()
    )
    if second is None:
        second, second_optimal = hint, False
    return second, first_optimal and second_optimal


def _lowest_bound(p: _Prepared, scaled: np.ndarray, served: np.ndarray) -> int:
    """No proposal can do better than with its best reviewers: a bound on the lowest affinity."""
    best_first = -np.sort(-np.where(p.eligible, scaled, 0), axis=0)
    running = np.vstack([np.zeros((1, scaled.shape[1]), dtype=np.int64), best_first.cumsum(axis=0)])
    best = running[p.open_needed.clip(0, scaled.shape[0]), np.arange(scaled.shape[1])]
    return int((best + (scaled * p.fixed).sum(axis=0))[served].min())


def _best_total_above(
    p: _Prepared, base: np.ndarray, scaled: np.ndarray, *, floor: int
) -> tuple[np.ndarray, bool]:
    """A good total with every proposal at `floor` or above, to start the second solve from.

    `base` has every proposal at `floor` or above. The proposals that the best
    total would leave below the floor keep their reviewers from `base`; the
    others get the best total by minimum cost flow. Proposals that fall below
    the floor in turn join the kept ones, until none does; at worst all are
    kept, and the result is `base`. Also says whether the result is the best
    total overall (no proposal had to be kept), hence optimal.
    """
    served = p.needed > 0
    kept = np.zeros(p.affinity.shape[1], dtype=bool)
    while True:
        solution = _solve_flow(_with_fixed(p, p.fixed | (base & kept[None, :])))
        below = served & ~kept & ((scaled * solution).sum(axis=0) < floor)
        if not below.any():
            return solution, not kept.any()
        kept |= below


# The share of `time_limit` that the local search may spend lifting the lowest
# proposals before CP-SAT starts; it usually needs far less.
LIFT_SHARE = 0.25


def _lift_lowest(
    p: _Prepared, chosen: np.ndarray, scaled: np.ndarray, *, deadline: float
) -> np.ndarray:
    """Raise the lowest per-proposal affinity by local search, keeping every constraint.

    Repeatedly takes a proposal at the lowest affinity and looks, breadth
    first, for an ejection chain: it swaps one of its reviewers for a better
    one; if that reviewer is at their maximum load, they give up another
    proposal, which takes another reviewer, and so on until a reviewer with a
    free slot (or the reviewer first let go) closes the chain. Every proposal
    the chain touches must end above the current lowest value. Stops when the
    worst proposal cannot be lifted this way or at `deadline`. CP-SAT starts
    from the result, which is often already the optimum.
    """
    chosen = chosen.copy()
    loads = chosen.sum(axis=1)
    scores = (scaled * chosen).sum(axis=0)
    served = p.needed > 0
    ceiling = np.iinfo(np.int64).max
    while time.perf_counter() < deadline:
        ranked = np.where(served, scores, ceiling)
        lowest = int(ranked.min())
        proposal = int(np.argmin(ranked))
        chain = _find_chain(p, chosen, loads, scores, scaled, proposal, lowest)
        if chain is None:
            break
        for reviewer, changed, added in chain:
            chosen[reviewer, changed] = added
            loads[reviewer] += 1 if added else -1
            scores[changed] += scaled[reviewer, changed] if added else -scaled[reviewer, changed]
    return chosen


def _find_chain(
    p: _Prepared,
    chosen: np.ndarray,
    loads: np.ndarray,
    scores: np.ndarray,
    scaled: np.ndarray,
    proposal: int,
    lowest: int,
) -> list[tuple[int, int, bool]] | None:
    """An ejection chain lifting `proposal` above `lowest`, as (reviewer, proposal, added) moves."""
    free = p.eligible
    current = np.flatnonzero(chosen[:, proposal] & free[:, proposal])
    for leaving in sorted(current, key=lambda r: scaled[r, proposal]):
        leaving = int(leaving)
        rest = scores[proposal] - scaled[leaving, proposal]
        entering = np.flatnonzero(
            free[:, proposal] & ~chosen[:, proposal] & (rest + scaled[:, proposal] > lowest)
        )
        # Without a spare review above their minimum, the reviewer let go must
        # take one back: the chain then has to end with them.
        must_close = loads[leaving] <= p.min_load[leaving]
        parent: dict[int, tuple[int | None, int]] = {int(r): (None, proposal) for r in entering}
        queue = deque(parent)
        while queue:
            reviewer = queue.popleft()
            if reviewer == leaving or (loads[reviewer] < p.max_load[reviewer] and not must_close):
                moves = [(leaving, proposal, False)]
                node: int | None = reviewer
                while node is not None:
                    previous, taken = parent[node]
                    moves.append((node, taken, True))
                    if previous is not None:
                        moves.append((previous, taken, False))
                    node = previous
                if _chain_holds(p, chosen, scaled, moves, lowest):
                    return moves
                continue
            given_up = np.flatnonzero(chosen[reviewer] & free[reviewer])
            given_up = given_up[given_up != proposal]
            if len(given_up) == 0:
                continue
            after = scores[given_up] - scaled[reviewer, given_up]
            takers = (
                free[:, given_up]
                & ~chosen[:, given_up]
                & (after[None, :] + scaled[:, given_up] > lowest)
            )
            for taker, column in np.argwhere(takers):
                taker = int(taker)
                if taker not in parent:
                    parent[taker] = (reviewer, int(given_up[column]))
                    queue.append(taker)
    return None


def _chain_holds(
    p: _Prepared,
    chosen: np.ndarray,
    scaled: np.ndarray,
    moves: list[tuple[int, int, bool]],
    lowest: int,
) -> bool:
    """Whether the chain keeps every constraint and leaves its proposals above `lowest`.

    The search does not track a proposal met twice along the chain; this check
    on a copy catches such chains.
    """
    after = chosen.copy()
    for reviewer, proposal, added in moves:
        if after[reviewer, proposal] == added:
            return False
        after[reviewer, proposal] = added
    loads = after.sum(axis=1)
    touched = sorted({proposal for _, proposal, _ in moves})
    return bool(
        np.all(loads >= p.min_load)
        and np.all(loads <= p.max_load)
        and np.all(after.sum(axis=0) == p.needed)
        and np.all((scaled[:, touched] * after[:, touched]).sum(axis=0) > lowest)
    )


class _FairnessModel:
    """The CP-SAT model of the fairness mode: one Boolean per pair the solver may choose.

    `lowest` is at most every served proposal's affinity; its domain starts at
    `floor`, the lowest affinity the local search already reached.
    """

    def __init__(
        self,
        p: _Prepared,
        scaled: np.ndarray,
        served: np.ndarray,
        *,
        floor: int,
        bound: int,
        report: Callable[[str, float], None],
    ):
        reviewers, proposals = p.affinity.shape
        self.report = report
        self.p = p
        self.scaled = scaled
        self.served = served
        self.pair_reviewers, self.pair_proposals = np.nonzero(p.eligible)
        weights = scaled[self.pair_reviewers, self.pair_proposals]
        fixed_scores = (scaled * p.fixed).sum(axis=0)
        self.model = model = cp_model.CpModel()
        self.choices = choices = [
            model.new_bool_var(f"x{r}_{q}")
            for r, q in zip(self.pair_reviewers, self.pair_proposals, strict=True)
        ]
        by_reviewer: list[list[int]] = [[] for _ in range(reviewers)]
        by_proposal: list[list[int]] = [[] for _ in range(proposals)]
        for index, (reviewer, proposal) in enumerate(
            zip(self.pair_reviewers, self.pair_proposals, strict=True)
        ):
            by_reviewer[reviewer].append(index)
            by_proposal[proposal].append(index)
        for reviewer, indices in enumerate(by_reviewer):
            load = cp_model.LinearExpr.sum([choices[i] for i in indices])
            model.add_linear_constraint(load, int(p.open_min[reviewer]), int(p.open_max[reviewer]))
        for proposal, indices in enumerate(by_proposal):
            count = cp_model.LinearExpr.sum([choices[i] for i in indices])
            model.add(count == int(p.open_needed[proposal]))
        scores = []
        for proposal in served:
            indices = by_proposal[proposal]
            scores.append(
                cp_model.LinearExpr.weighted_sum(
                    [choices[i] for i in indices], [int(weights[i]) for i in indices]
                )
                + int(fixed_scores[proposal])
            )
        self.lowest = model.new_int_var(floor, bound, "lowest")
        for score in scores:
            model.add(self.lowest <= score)
        self.total = cp_model.LinearExpr.weighted_sum(choices, [int(w) for w in weights])

    def solve_lowest(self, *, hint: np.ndarray, seconds: float) -> tuple[np.ndarray | None, bool]:
        """The largest lowest proposal affinity, and whether it is proven."""
        self.model.maximize(self.lowest)
        return self._solve(hint, seconds)

    def solve_total(
        self, *, floor: int, hint: np.ndarray, seconds: float
    ) -> tuple[np.ndarray | None, bool]:
        """The largest total with every proposal at `floor` or above, and whether it is proven."""
        self.model.add(self.lowest >= floor)
        self.model.maximize(self.total)
        return self._solve(hint, seconds)

    def _solve(self, hint: np.ndarray, seconds: float) -> tuple[np.ndarray | None, bool]:
        model = self.model
        model.clear_hints()
        for variable, reviewer, proposal in zip(
            self.choices, self.pair_reviewers, self.pair_proposals, strict=True
        ):
            model.add_hint(variable, bool(hint[reviewer, proposal]))
        model.add_hint(self.lowest, int((self.scaled * hint).sum(axis=0)[self.served].min()))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, seconds)
        status = solver.solve(model, _Reporter(self.lowest, self.report))
        if status == cp_model.INFEASIBLE:
            raise _infeasible()
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, False
        picked = np.array([solver.boolean_value(v) for v in self.choices], dtype=bool)
        chosen = self.p.fixed.copy()
        chosen[self.pair_reviewers[picked], self.pair_proposals[picked]] = True
        return chosen, status == cp_model.OPTIMAL


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Tells `report` the lowest proposal affinity of each better solution CP-SAT finds."""

    def __init__(self, lowest, report: Callable[[str, float], None]):
        super().__init__()
        self._lowest = lowest
        self._report = report

    def on_solution_callback(self) -> None:
        self._report("lowest", self.value(self._lowest) / SCALE)


def _result(
    p: _Prepared, chosen: np.ndarray, is_optimal: bool, fairness: bool, seconds: float
) -> Assignment:
    per_proposal = (p.affinity * chosen).sum(axis=0)
    served = p.needed > 0
    return Assignment(
        pairs=tuple((int(r), int(q)) for r, q in np.argwhere(chosen)),
        total_affinity=float(p.affinity[chosen].sum()),
        lowest_proposal_affinity=float(per_proposal[served].min()) if served.any() else 0.0,
        is_optimal=is_optimal,
        seconds=seconds,
        reviewer_loads=tuple(int(n) for n in chosen.sum(axis=1)),
        proposal_affinities=tuple(float(a) for a in per_proposal),
        fairness=fairness,
    )
