"""Writes of the review: assignments, reviews and conflicts of interest.

Decisions, their e-mails and the speakers' replies are in `decisions.py`.
"""

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cosummit.core.mail import language_of, send_templated, site_url
from cosummit.proposals.models import Proposal
from cosummit.summits.models import Summit

from . import queries
from .assignment import AssignmentProblem, NoAssignment, assign_reviewers
from .matching import affinity_matrix
from .models import Assignment, AssignmentRun, Conflict, Criterion, Review, Reviewer

__all__ = ["NoAssignment"]


# Scores


def weighted_total(scores: dict[str, int], criteria: list[Criterion]) -> float | None:
    """The weighted mean of `scores`, each scaled to its criterion's range, from 0 to 100.

    Criteria left unscored do not count; None when none is scored.
    """
    weight_sum = 0
    total = 0.0
    for criterion in criteria:
        score = scores.get(str(criterion.pk))
        if score is None or not criterion.weight:
            continue
        span = criterion.scale_max - criterion.scale_min
        total += criterion.weight * (score - criterion.scale_min) / span
        weight_sum += criterion.weight
    if not weight_sum:
        return None
    return round(100 * total / weight_sum, 2)


@dataclass(frozen=True)
class Summary:
    """A proposal's reviews in figures."""

    count: int
    mean: float | None
    median: float | None
    spread: float | None

    def disagrees(self, threshold: float) -> bool:
        return self.spread is not None and self.spread > threshold


def summarise(totals: list[float]) -> Summary:
    """Mean, median and spread (highest minus lowest) of the non-abstaining totals."""
    if not totals:
        return Summary(count=0, mean=None, median=None, spread=None)
    return Summary(
        count=len(totals),
        mean=round(statistics.fmean(totals), 2),
        median=round(statistics.median(totals), 2),
        spread=round(max(totals) - min(totals), 2),
    )


def validated_scores(raw: dict[str, object], criteria: list[Criterion]) -> dict[str, int]:
    """`raw` scores checked against the criteria: every criterion scored within its scale.

    Raises ValidationError, with a translated message per criterion, otherwise.
    """
    errors = {}
    scores = {}
    for criterion in criteria:
        key = str(criterion.pk)
        value = raw.get(key)
        try:
            score = int(value)
        except (TypeError, ValueError):
            errors[key] = _("Give a score for “%(criterion)s”.") % {"criterion": criterion.name}
            continue
        if not criterion.scale_min <= score <= criterion.scale_max:
            errors[key] = _("Scores for “%(criterion)s” go from %(low)s to %(high)s.") % {
                "criterion": criterion.name,
                "low": criterion.scale_min,
                "high": criterion.scale_max,
            }
            continue
        scores[key] = score
    if errors:
        raise ValidationError(errors)
    return scores


def submit_review(
    reviewer: Reviewer,
    proposal: Proposal,
    *,
    scores: dict[str, object],
    comment: str = "",
    abstain: bool = False,
    now=None,
) -> Review:
    """Save `reviewer`'s review of `proposal`, new or changed.

    The caller fetched `proposal` through `queries.get_proposal_for_reviewer`.
    Raises ValidationError when the current phase does not let reviewers score
    or a score is missing or out of its scale. Side effects: the Review row is
    written with its weighted total (none when the reviewer abstains).
    """
    phase = queries.current_phase(reviewer.summit, now=now)
    if phase is None or not phase.reviewers_can_score:
        raise ValidationError(_("Reviewing is closed in this phase."))
    all_criteria = queries.criteria(reviewer.summit)
    if abstain:
        clean_scores, total = {}, None
    else:
        if not all_criteria:
            raise ValidationError(_("The organisers have not set any review criteria yet."))
        clean_scores = validated_scores(scores, all_criteria)
        total = weighted_total(clean_scores, all_criteria)
    review, _created = Review.objects.update_or_create(
        reviewer=reviewer,
        proposal=proposal,
        defaults={
            "scores": clean_scores,
            "total": total,
            "comment": comment.strip(),
            "is_abstained": abstain,
        },
    )
    return review


# Reviewers


def update_reviewer_preferences(
    reviewer: Reviewer, *, expertise: str, languages: list[str], preferred_tracks
) -> Reviewer:
    """Change what `reviewer` says they know; the next assignment run uses it.

    The caller checked that the languages are the summit's and the tracks
    belong to it. Side effects, in order: the Reviewer row's expertise and
    languages are saved; its preferred tracks are replaced.
    """
    reviewer.expertise = expertise.strip()
    reviewer.languages = list(dict.fromkeys(languages))
    with transaction.atomic():
        reviewer.save(update_fields=["expertise", "languages"])
        reviewer.preferred_tracks.set(preferred_tracks)
    return reviewer


# Conflicts of interest


def record_conflict(
    reviewer: Reviewer, proposal: Proposal, *, source: str, reason: str = ""
) -> Conflict:
    """Record that `reviewer` conflicts with `proposal`.

    Side effects, in order: the Conflict row is written (or kept when it
    exists); the reviewer's assignment and review of the proposal, if any, are
    deleted, since a conflicted review must not count.
    """
    with transaction.atomic():
        conflict, _created = Conflict.objects.get_or_create(
            reviewer=reviewer,
            proposal=proposal,
            defaults={"source": source, "reason": reason.strip()[:300]},
        )
        Assignment.objects.filter(reviewer=reviewer, proposal=proposal).delete()
        Review.objects.filter(reviewer=reviewer, proposal=proposal).delete()
    return conflict


# Assignment


@dataclass(frozen=True)
class Pool:
    """Who may review what: the inputs of the assignment, from the database."""

    reviewers: list[Reviewer]
    proposals: list[Proposal]
    affinity: list[list[float]]
    # (row, column) pairs that may not be assigned: conflicts and tracks out of scope.
    forbidden: set[tuple[int, int]]
    # (row, column) pairs already reviewed: kept whatever the run finds.
    reviewed: set[tuple[int, int]]


def assignment_pool(summit: Summit) -> Pool:
    reviewers = list(queries.summit_reviewers(summit))
    proposals = list(queries.reviewable_proposals(summit).order_by("pk"))
    reviewer_row = {reviewer.pk: row for row, reviewer in enumerate(reviewers)}
    proposal_column = {proposal.pk: column for column, proposal in enumerate(proposals)}
    proposal_qs = queries.reviewable_proposals(summit).order_by("pk")
    forbidden = {
        (reviewer_row[reviewer_id], proposal_column[proposal_id])
        for reviewer_id, proposal_id in queries.conflicts_for_summit(summit, reviewers, proposal_qs)
        if reviewer_id in reviewer_row and proposal_id in proposal_column
    }
    for row, reviewer in enumerate(reviewers):
        scope = queries.track_scope(reviewer.teams.all())
        if scope is None:
            continue
        for column, proposal in enumerate(proposals):
            if proposal.track_id not in scope:
                forbidden.add((row, column))
    reviewed = {
        (reviewer_row[reviewer_id], proposal_column[proposal_id])
        for reviewer_id, proposal_id in Review.objects.filter(reviewer__summit=summit).values_list(
            "reviewer_id", "proposal_id"
        )
        if reviewer_id in reviewer_row and proposal_id in proposal_column
    }
    return Pool(
        reviewers=reviewers,
        proposals=proposals,
        affinity=affinity_matrix(
            queries.reviewer_facts(reviewers), queries.proposal_facts(proposal_qs)
        ),
        forbidden=forbidden,
        reviewed=reviewed - forbidden,
    )


def in_database_terms(error: NoAssignment, pool: Pool) -> NoAssignment:
    """`error` with the reviewers and proposals it names as primary keys, not positions."""
    details = dict(error.details)
    if isinstance(details.get("reviewer"), int):
        details["reviewer"] = pool.reviewers[details["reviewer"]].pk
    if isinstance(details.get("proposal"), int):
        details["proposal"] = pool.proposals[details["proposal"]].pk
    if "proposals" in details:
        details["proposals"] = [pool.proposals[index].pk for index in details["proposals"]]
    return NoAssignment(error.code, error.reason, details)


def run_assignment(
    summit: Summit,
    *,
    by,
    fairness: bool = False,
    time_limit: float = 10.0,
    progress: Callable[[str, float], None] | None = None,
) -> AssignmentRun:
    """Compute the best assignment of reviewers to submitted proposals, as a preview.

    Reviews already written stay assigned. Raises NoAssignment, with a code
    saying why ("no_proposals", "no_reviewers", or one of `assign_reviewers`'
    codes, its details naming reviewers and proposals by primary key), when no
    assignment meets the summit's rules. `time_limit` bounds the fairest-first
    search; `progress` follows it (see `assign_reviewers`). Side effects: an
    AssignmentRun row holding the pairs is written; nothing live changes until
    `publish_assignment`.
    """
    settings = queries.review_settings(summit)
    pool = assignment_pool(summit)
    if not pool.proposals:
        raise NoAssignment("no_proposals", "No proposal is submitted yet.")
    if not pool.reviewers:
        raise NoAssignment("no_reviewers", "The summit has no reviewer yet.")
    loads = [queries.load_bounds(reviewer, settings) for reviewer in pool.reviewers]
    problem = AssignmentProblem(
        affinity=pool.affinity,
        reviews_per_proposal=settings.reviews_per_proposal,
        min_load=[low for low, _high in loads],
        max_load=[high for _low, high in loads],
        conflicts=sorted(pool.forbidden),
        fixed=sorted(pool.reviewed),
    )
    try:
        result = assign_reviewers(
            problem, fairness=fairness, time_limit=time_limit, progress=progress
        )
    except NoAssignment as error:
        raise in_database_terms(error, pool) from error
    return AssignmentRun.objects.create(
        summit=summit,
        created_by=by,
        fairness=fairness,
        pairs=[
            [pool.reviewers[row].pk, pool.proposals[column].pk, pool.affinity[row][column]]
            for row, column in result.pairs
        ],
        total_affinity=result.total_affinity,
        lowest_affinity=result.lowest_proposal_affinity,
        is_optimal=result.is_optimal,
        seconds=result.seconds,
    )


def check_assignable(reviewer: Reviewer, proposal: Proposal) -> None:
    """Raise ValidationError when `reviewer` may not be given `proposal`."""
    if reviewer.summit_id != proposal.summit_id:
        raise ValidationError(_("This reviewer does not review this summit."))
    scope = queries.reviewer_tracks(reviewer)
    if scope is not None and proposal.track_id not in scope:
        raise ValidationError(_("This reviewer does not review this proposal’s track."))
    candidates = Proposal.objects.filter(pk=proposal.pk)
    if proposal.pk in queries.conflicted_proposal_ids(reviewer, proposals=candidates):
        raise ValidationError(_("This reviewer has a conflict of interest with this proposal."))


def change_preview(run: AssignmentRun, *, reviewer: Reviewer, proposal: Proposal, add: bool):
    """Add a pair to, or take it out of, an unpublished run.

    Raises ValidationError when the run is published, the pair is not allowed,
    or a review already written would be dropped. Side effects: the run's
    pairs are saved, marked as changed by hand.
    """
    if run.published_at is not None:
        raise ValidationError(_("This assignment is published already; run it again to change it."))
    pairs = [pair for pair in run.pairs if (pair[0], pair[1]) != (reviewer.pk, proposal.pk)]
    if add:
        check_assignable(reviewer, proposal)
        pairs.append([reviewer.pk, proposal.pk, 0.0])
    elif Review.objects.filter(reviewer=reviewer, proposal=proposal).exists():
        raise ValidationError(_("This reviewer has reviewed the proposal already."))
    run.pairs = pairs
    run.is_edited = True
    run.save(update_fields=["pairs", "is_edited"])
    return run


def publish_assignment(run: AssignmentRun, *, now=None) -> tuple[int, int]:
    """Make the run's pairs the live assignments; return (added, removed).

    Side effects, in order: assignments that the run does not hold, and that
    have no review, are deleted; the run's new pairs are created; the run is
    marked published; each reviewer given new proposals gets an e-mail, in
    their language, with how many and a link to their queue (no title or
    name: the e-mail stays blind).
    """
    now = now or timezone.now()
    wanted = {
        (reviewer_id, proposal_id): affinity for reviewer_id, proposal_id, affinity in run.pairs
    }
    with transaction.atomic():
        live = {
            (row.reviewer_id, row.proposal_id): row.pk
            for row in Assignment.objects.filter(reviewer__summit=run.summit)
        }
        reviewed = set(
            Review.objects.filter(reviewer__summit=run.summit).values_list(
                "reviewer_id", "proposal_id"
            )
        )
        stale = [pk for pair, pk in live.items() if pair not in wanted and pair not in reviewed]
        Assignment.objects.filter(pk__in=stale).delete()
        added = [
            Assignment(reviewer_id=reviewer_id, proposal_id=proposal_id, affinity=affinity)
            for (reviewer_id, proposal_id), affinity in wanted.items()
            if (reviewer_id, proposal_id) not in live
        ]
        Assignment.objects.bulk_create(added, ignore_conflicts=True)
        run.published_at = now
        run.save(update_fields=["published_at"])
        tell_reviewers(run.summit, Counter(assignment.reviewer_id for assignment in added))
    return len(added), len(stale)


def tell_reviewers(summit: Summit, added: Counter) -> None:
    """Queue an e-mail to each reviewer in `added` (reviewer pk → new proposals)."""
    if not added:
        return
    phase = queries.current_phase(summit)
    totals = Counter(
        Assignment.objects.filter(reviewer_id__in=added).values_list("reviewer_id", flat=True)
    )
    for reviewer in Reviewer.objects.filter(pk__in=added).select_related("user"):
        language = language_of(reviewer.user)
        send_templated(
            "review/mail/assigned",
            to=reviewer.user.email,
            language=language,
            summit=summit,
            context={
                "person": reviewer.user,
                "summit": summit,
                "phase": phase,
                "added": added[reviewer.pk],
                "total": totals[reviewer.pk],
                "url": site_url("review:queue", language, summit=summit.slug),
            },
        )


def assign_by_hand(reviewer: Reviewer, proposal: Proposal) -> Assignment:
    """Give `proposal` to `reviewer` now, outside any run.

    Raises ValidationError when the pair is not allowed. Side effects: the
    Assignment row is written, marked as added by hand.
    """
    check_assignable(reviewer, proposal)
    assignment, _created = Assignment.objects.get_or_create(
        reviewer=reviewer, proposal=proposal, defaults={"is_manual": True}
    )
    return assignment


def unassign(reviewer: Reviewer, proposal: Proposal) -> None:
    """Take `proposal` out of `reviewer`'s queue; refused once they reviewed it."""
    if Review.objects.filter(reviewer=reviewer, proposal=proposal).exists():
        raise ValidationError(_("This reviewer has reviewed the proposal already."))
    Assignment.objects.filter(reviewer=reviewer, proposal=proposal).delete()
