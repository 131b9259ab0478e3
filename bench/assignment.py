"""Reviewer assignment: solve time and quality at the summit's size and beyond.

Reads an affinity matrix (one row per reviewer, one column per proposal) from
a .npy or .csv file, or makes one up for each --seed, and runs
`cosummit.review.assignment.assign_reviewers` on it; with --fairness it also
runs the fairness mode and prints both. No database, no Django.

    .venv/bin/python bench/assignment.py --seed 1 2 3                       # 700 x 60 x 3
    .venv/bin/python bench/assignment.py --proposals 1000 --reviewers 600
    .venv/bin/python bench/assignment.py --seed 1 2 3 --fairness
    .venv/bin/python bench/assignment.py --affinity matrix.npy --per-proposal 2

Made-up affinities mimic what cosummit.review.matching computes, in [0, 1]:
proposals fall into 8 tracks of uneven popularity; each reviewer prefers one
to three tracks and knows a few subjects. A reviewer scores about 0.5-1 on a
preferred track, and outside them mostly 0, sometimes a little for a shared
language or subject. Popular tracks have too few experts for their proposals,
which is where the fairness mode matters.
"""

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cosummit.review.assignment import (  # noqa: E402
    AssignmentProblem,
    NoAssignment,
    assign_reviewers,
)

TRACKS = 8


def made_up_affinity(reviewers: int, proposals: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    popularity = rng.dirichlet(np.full(TRACKS, 1.5))
    proposal_tracks = rng.choice(TRACKS, size=proposals, p=popularity)
    # Reviewers' preferences are spread more evenly than the proposals.
    reviewer_popularity = (popularity + 1 / TRACKS) / 2
    preferred = np.zeros((reviewers, TRACKS), dtype=bool)
    for reviewer in range(reviewers):
        count = rng.integers(1, 4)
        preferred[
            reviewer, rng.choice(TRACKS, size=count, replace=False, p=reviewer_popularity)
        ] = True
    on_track = preferred[:, proposal_tracks]
    affinity = np.where(on_track, 0.5 + 0.5 * rng.beta(2, 2, size=on_track.shape), 0.0)
    # Outside their tracks, a reviewer sometimes shares a language or a subject.
    extra = rng.random(on_track.shape) < 0.25
    affinity = np.where(~on_track & extra, rng.uniform(0.05, 0.35, size=on_track.shape), affinity)
    return np.round(np.clip(affinity, 0.0, 1.0), 3)


def read_affinity(path: Path) -> np.ndarray:
    if path.suffix == ".npy":
        return np.load(path)
    return np.loadtxt(path, delimiter=",", ndmin=2)


def random_conflicts(shape: tuple[int, int], fraction: float, seed: int) -> list[tuple[int, int]]:
    if fraction <= 0:
        return []
    rng = np.random.default_rng(seed + 10_000)
    return [tuple(int(i) for i in pair) for pair in np.argwhere(rng.random(shape) < fraction)]


def report(label: str, problem: AssignmentProblem, *, fairness: bool, time_limit: float):
    try:
        result = assign_reviewers(problem, fairness=fairness, time_limit=time_limit)
    except NoAssignment as error:
        print(f"  {label}: no assignment ({error.code}): {error.reason}")
        return None
    loads = np.array(result.reviewer_loads)
    print(
        f"  {label}: {result.seconds:.3f} s, total affinity {result.total_affinity:.3f}, "
        f"lowest per-proposal affinity {result.lowest_proposal_affinity:.3f}, "
        f"loads {loads.min()}-{loads.max()}, "
        f"{'proven optimal' if result.is_optimal else 'NOT proven optimal'}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--affinity", type=Path, help="A .npy or .csv matrix, reviewers x proposals."
    )
    parser.add_argument("--seed", type=int, nargs="+", default=[2016], help="Made-up matrices.")
    parser.add_argument("--reviewers", type=int, default=60)
    parser.add_argument("--proposals", type=int, default=700)
    parser.add_argument("--per-proposal", type=int, default=3, help="Reviews per proposal (3).")
    parser.add_argument("--min-load", type=int, default=0)
    parser.add_argument(
        "--max-load", type=int, help="Default: ceil(proposals x reviews / reviewers) + 2."
    )
    parser.add_argument("--conflicts-fraction", type=float, default=0.0)
    parser.add_argument("--fairness", action="store_true", help="Also run the fairness mode.")
    parser.add_argument("--time-limit", type=float, default=30.0, help="Fairness mode (30 s).")
    args = parser.parse_args()

    sources = (
        [(str(args.affinity), read_affinity(args.affinity), 0)]
        if args.affinity
        else [
            (f"seed {seed}", made_up_affinity(args.reviewers, args.proposals, seed), seed)
            for seed in args.seed
        ]
    )
    for name, affinity, seed in sources:
        reviewers, proposals = affinity.shape
        needed = proposals * args.per_proposal
        max_load = args.max_load or math.ceil(needed / reviewers) + 2
        conflicts = random_conflicts(affinity.shape, args.conflicts_fraction, seed)
        print(
            f"{name}: {proposals} proposals x {reviewers} reviewers x {args.per_proposal} "
            f"reviews, loads {args.min_load}-{max_load}, {len(conflicts)} conflicts, "
            f"{np.count_nonzero(affinity) / affinity.size:.0%} non-zero affinities"
        )
        problem = AssignmentProblem(
            affinity=affinity,
            reviews_per_proposal=args.per_proposal,
            min_load=args.min_load,
            max_load=max_load,
            conflicts=conflicts,
        )
        started = time.perf_counter()
        report("best total", problem, fairness=False, time_limit=args.time_limit)
        if args.fairness:
            report("fairness  ", problem, fairness=True, time_limit=args.time_limit)
        print(f"  wall time with set-up: {time.perf_counter() - started:.3f} s")


if __name__ == "__main__":
    main()
