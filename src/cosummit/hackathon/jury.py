"""The jury's results: a weighted average per project and a ranking.

A pure module on plain dataclasses, without the ORM, so that the arithmetic is
tested alone. Each criterion has its own scale, so every score is first put on
a common footing, as the share of its scale it reaches (0 for the lowest score,
1 for the highest). A project's result is the weighted average of its criteria's
mean shares, out of 100. A criterion nobody scored for a project is left out of
that project's average rather than counted as zero.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scale:
    """A criterion as the arithmetic needs it."""

    criterion_id: int
    weight: int
    min_score: int
    max_score: int

    def share(self, value: int) -> float:
        return (value - self.min_score) / (self.max_score - self.min_score)


@dataclass(frozen=True)
class Mark:
    """One juror's score of one project on one criterion."""

    project_id: int
    juror_id: int
    criterion_id: int
    value: int


@dataclass
class ProjectResult:
    project_id: int
    # Out of 100; None while no juror scored the project.
    score: float | None = None
    # 1 for the best; projects with the same score share a rank; None when unscored.
    rank: int | None = None
    jurors: int = 0
    # The mean raw score per criterion, on that criterion's own scale.
    criterion_means: dict[int, float] = field(default_factory=dict)


def compute_results(
    scales: Iterable[Scale], marks: Iterable[Mark], project_ids: Iterable[int]
) -> list[ProjectResult]:
    """Results of `project_ids`, best first; unscored projects last, in the order given."""
    scales = {scale.criterion_id: scale for scale in scales}
    values: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    jurors: dict[int, set[int]] = defaultdict(set)
    for mark in marks:
        if mark.criterion_id not in scales:
            continue
        values[mark.project_id][mark.criterion_id].append(mark.value)
        jurors[mark.project_id].add(mark.juror_id)
    results = []
    for project_id in project_ids:
        result = ProjectResult(project_id=project_id, jurors=len(jurors[project_id]))
        weighted, weights = 0.0, 0
        for criterion_id, given in values[project_id].items():
            scale = scales[criterion_id]
            mean = sum(given) / len(given)
            result.criterion_means[criterion_id] = mean
            weighted += scale.weight * scale.share(mean)
            weights += scale.weight
        if weights:
            result.score = round(100 * weighted / weights, 1)
        results.append(result)
    return rank(results)


def rank(results: list[ProjectResult]) -> list[ProjectResult]:
    """Sort by score, best first, and number the ranks: equal scores share one (1, 2, 2, 4)."""
    scored = sorted(
        (result for result in results if result.score is not None),
        key=lambda result: -result.score,
    )
    for position, result in enumerate(scored, start=1):
        previous = scored[position - 2] if position > 1 else None
        same = previous is not None and previous.score == result.score
        result.rank = previous.rank if same else position
    return scored + [result for result in results if result.score is None]
