"""Writes of the organisers' set-up of the review: settings, phases, criteria,
reviewers and their loads, reviewer teams and recorded conflicts.

Views call these functions after `summits.queries.get_summit_for_organiser`
checked the permission and the forms of `organiser_forms.py` the input. `by`
is the organiser acting, written to the log. The assignment itself is in
`domain.py`.
"""

import logging

from django.db import transaction

from cosummit.core.domain import apply_changes
from cosummit.summits import domain as summits_domain
from cosummit.summits.models import Role, Summit, TeamMembership

from . import queries
from .domain import weighted_total
from .models import (
    Assignment,
    Conflict,
    Criterion,
    Phase,
    Review,
    Reviewer,
    ReviewerTeam,
    ReviewSettings,
)

logger = logging.getLogger(__name__)

# The fields organisers may change, in the order their forms show them.
SETTINGS_FIELDS = (
    "is_blind",
    "reviews_per_proposal",
    "min_load",
    "max_load",
    "conflict_same_country",
    "disagreement",
    "reply_days",
)
PHASE_FIELDS = (
    "name",
    "starts_at",
    "ends_at",
    "reviewers_can_score",
    "other_reviews",
    "speakers_can_edit",
    "position",
)
CRITERION_FIELDS = ("name", "description", "weight", "scale_min", "scale_max", "position")
# Changing one of these changes every review's weighted total.
CRITERION_SCORING_FIELDS = {"weight", "scale_min", "scale_max"}
REVIEWER_LOAD_FIELDS = ("min_load", "max_load")
TEAM_FIELDS = ("name", "can_decide")


# Settings


def save_settings(summit: Summit, *, by, **fields) -> list[str]:
    """Save the summit's review settings, creating their row on the first save.

    Returns the changed fields (every field given on the first save).
    Side effects:
    1. the settings row written, or its changed fields only;
    2. a log entry when something changed.
    """
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))} here.")
    with transaction.atomic():
        # Two organisers saving the first settings at once get one row.
        settings, created = ReviewSettings.objects.get_or_create(summit=summit, defaults=fields)
        changed = list(fields) if created else apply_changes(settings, fields, SETTINGS_FIELDS)
    if changed:
        logger.info(
            "Review settings of summit %s: %s changed by user %s.",
            summit.slug,
            ", ".join(changed),
            by.pk,
        )
    return changed


# Phases


def create_phase(summit: Summit, *, by, **fields) -> Phase:
    """Add a review phase. Side effects: the phase row written."""
    return Phase.objects.create(summit=summit, **fields)


def update_phase(phase: Phase, *, by, **changes) -> list[str]:
    """Change a review phase. Side effects: the phase row, changed fields only."""
    return apply_changes(phase, changes, PHASE_FIELDS)


def delete_phase(phase: Phase, *, by) -> None:
    """Delete a review phase. Side effects: the phase row deleted; a log entry."""
    phase.delete()
    logger.info("Review phase of summit %s deleted by user %s.", phase.summit_id, by.pk)


# Criteria and totals


def recompute_totals(summit: Summit) -> int:
    """Bring every review's weighted total in step with the summit's criteria.

    Abstentions keep no total. Returns how many totals changed.
    Side effects: the changed reviews' totals saved, in one transaction.
    """
    all_criteria = queries.criteria(summit)
    with transaction.atomic():
        reviews = list(
            Review.objects.select_for_update()
            .filter(reviewer__summit=summit, is_abstained=False)
            .only("pk", "scores", "total")
        )
        changed = []
        for review in reviews:
            total = weighted_total(review.scores, all_criteria)
            if total != review.total:
                review.total = total
                changed.append(review)
        Review.objects.bulk_update(changed, ["total"], batch_size=500)
    return len(changed)


def create_criterion(summit: Summit, *, by, **fields) -> Criterion:
    """Add a review criterion.

    Side effects: the criterion row written. Totals need no recomputing: no
    review holds a score for the new criterion, and unscored criteria do not
    count.
    """
    return Criterion.objects.create(summit=summit, **fields)


def update_criterion(criterion: Criterion, *, by, **changes) -> list[str]:
    """Change a review criterion; return the changed fields.

    The caller checked that no score falls outside a new scale
    (`scores_outside_scale`). Side effects, in order: the criterion row,
    changed fields only; every review's total recomputed when the weight or
    the scale changed; a log entry then.
    """
    with transaction.atomic():
        changed = apply_changes(criterion, changes, CRITERION_FIELDS)
        if CRITERION_SCORING_FIELDS.intersection(changed):
            recompute_totals(criterion.summit)
            logger.info(
                "Review criterion %s of summit %s: %s changed by user %s; totals recomputed.",
                criterion.pk,
                criterion.summit_id,
                ", ".join(changed),
                by.pk,
            )
    return changed


def reviews_scoring(criterion: Criterion) -> list[Review]:
    """The reviews of the criterion's summit that hold a score for it."""
    key = str(criterion.pk)
    return [
        review
        for review in Review.objects.filter(reviewer__summit_id=criterion.summit_id).only(
            "pk", "scores"
        )
        if key in review.scores
    ]


def scores_outside_scale(criterion: Criterion, *, scale_min: int, scale_max: int) -> int:
    """How many reviews hold a score for `criterion` outside scale_min..scale_max."""
    key = str(criterion.pk)
    return sum(
        1
        for review in reviews_scoring(criterion)
        if not scale_min <= review.scores[key] <= scale_max
    )


def delete_criterion(criterion: Criterion, *, by) -> int:
    """Delete a review criterion and the scores given for it; return how many reviews held one.

    Side effects, in order, in one transaction: the criterion's score taken out
    of every review that holds one; the criterion row deleted; every review's
    total recomputed from the remaining criteria; a log entry.
    """
    key = str(criterion.pk)
    summit = criterion.summit
    with transaction.atomic():
        scoring = reviews_scoring(criterion)
        for review in scoring:
            del review.scores[key]
        Review.objects.bulk_update(scoring, ["scores"], batch_size=500)
        criterion.delete()
        recompute_totals(summit)
    logger.info(
        "Review criterion %s of summit %s deleted by user %s; %d reviews had a score for it.",
        key,
        summit.slug,
        by.pk,
        len(scoring),
    )
    return len(scoring)


# Reviewers


def add_reviewer(summit: Summit, *, user, by) -> Reviewer:
    """Give `user` the reviewer role in the summit's team.

    Side effects, in order: the team row (see `summits.domain.add_team_role`,
    which logs it); the reviewer row, kept from an earlier time when it exists
    with the reviews it holds.
    """
    with transaction.atomic():
        summits_domain.add_team_role(summit, user=user, role=Role.REVIEWER, by=by)
        reviewer, _created = Reviewer.objects.get_or_create(summit=summit, user=user)
    return reviewer


def update_reviewer_loads(reviewer: Reviewer, *, by, **loads) -> list[str]:
    """Change a reviewer's own fewest and most proposals (None: the summit's).

    Side effects: the reviewer row, changed fields only.
    """
    return apply_changes(reviewer, loads, REVIEWER_LOAD_FIELDS)


def remove_reviewer(reviewer: Reviewer, *, by) -> tuple[int, int]:
    """Take the reviewer role away, keeping the reviews already written.

    The reviews stay and count, as they were written while the person was a
    reviewer; giving the role back later shows them again. Returns (reviews
    kept, assignments dropped).

    Side effects, in order, in one transaction: the reviewer's assignments
    without a review deleted; the reviewer taken out of every team; the
    reviewer role's team row deleted (see `summits.domain.remove_team_role`,
    which logs it).
    """
    with transaction.atomic():
        reviewed = Review.objects.filter(reviewer=reviewer).values("proposal_id")
        dropped, _by_model = (
            Assignment.objects.filter(reviewer=reviewer).exclude(proposal__in=reviewed).delete()
        )
        reviewer.teams.clear()
        for membership in TeamMembership.objects.filter(
            summit_id=reviewer.summit_id, user_id=reviewer.user_id, role=Role.REVIEWER
        ).select_related("user"):
            summits_domain.remove_team_role(membership, by=by)
        kept = Review.objects.filter(reviewer=reviewer).count()
    return kept, dropped


# Teams


def create_team(summit: Summit, *, by, tracks=(), members=(), **fields) -> ReviewerTeam:
    """Add a reviewer team.

    Side effects, in order, in one transaction: the team row; its tracks;
    its members.
    """
    with transaction.atomic():
        team = ReviewerTeam.objects.create(summit=summit, **fields)
        team.tracks.set(tracks)
        team.members.set(members)
    return team


def update_team(team: ReviewerTeam, *, by, tracks=None, members=None, **changes) -> list[str]:
    """Change a reviewer team; return the changed fields.

    Side effects, in order, in one transaction: the team row, changed fields
    only; its tracks and its members when given.
    """
    with transaction.atomic():
        changed = apply_changes(team, changes, TEAM_FIELDS)
        if tracks is not None:
            team.tracks.set(tracks)
        if members is not None:
            team.members.set(members)
    return changed


def delete_team(team: ReviewerTeam, *, by) -> None:
    """Delete a reviewer team.

    Its members then review every track, unless another team limits them, and
    its conveners no longer decide. Side effects: the team row deleted; a log
    entry.
    """
    team.delete()
    logger.info("Reviewer team of summit %s deleted by user %s.", team.summit_id, by.pk)


# Conflicts


def withdraw_conflict(conflict: Conflict, *, by) -> None:
    """Delete a conflict an organiser recorded.

    Side effects: the conflict row deleted; a log entry. The assignment and
    review it removed are not restored: run the assignment again.
    """
    conflict.delete()
    logger.info(
        "Conflict of reviewer %s with proposal %s withdrawn by user %s.",
        conflict.reviewer_id,
        conflict.proposal_id,
        by.pk,
    )
