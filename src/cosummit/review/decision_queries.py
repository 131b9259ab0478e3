"""Reads of the decision pages: proposals in a decider's scope with their scores and decision.

The permission checks themselves are in `queries` (`get_summit_for_decider`,
`get_proposal_for_decider`, `get_decision_for_speaker`); these reads take the
scope those give.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet

from cosummit.programme.models import Session
from cosummit.proposals.models import Proposal, ProposalOrganisation, Speaker
from cosummit.summits.models import Summit

from . import queries
from .models import Decision, Outcome

UNDECIDED = "undecided"
PENDING = "pending"
APPLIED = "applied"


@dataclass(frozen=True)
class DecisionFilters:
    """What the list shows: "undecided", "pending", "applied" or everything (""),
    an outcome, and a track (its primary key)."""

    state: str = ""
    outcome: str = ""
    track: int | None = None


def decision_rows(
    summit: Summit, scope, *, blind: bool, filters: DecisionFilters = DecisionFilters()
) -> QuerySet[Proposal]:
    """Reviewable proposals in `scope`, best mean total first, with their decision.

    Each proposal carries `mean_total` (the mean of its scored reviews' totals)
    and `reviews_count`; unless `blind`, its speakers and organisations are
    prefetched for the organisers.
    """
    scored = Q(reviews__total__isnull=False)
    proposals = (
        queries.in_scope(queries.reviewable_proposals(summit), scope)
        .select_related("track", "format", "decision")
        .annotate(
            mean_total=Avg("reviews__total", filter=scored),
            reviews_count=Count("reviews", filter=scored),
        )
        .order_by(F("mean_total").desc(nulls_last=True), "title", "pk")
    )
    if filters.state == UNDECIDED:
        proposals = proposals.filter(decision__isnull=True)
    elif filters.state == PENDING:
        proposals = proposals.filter(decision__isnull=False, decision__applied_at__isnull=True)
    elif filters.state == APPLIED:
        proposals = proposals.filter(decision__applied_at__isnull=False)
    if filters.outcome:
        proposals = proposals.filter(decision__outcome=filters.outcome)
    if filters.track is not None:
        proposals = proposals.filter(track_id=filters.track)
    if not blind:
        proposals = proposals.prefetch_related(
            Prefetch("speaker_set", queryset=Speaker.objects.select_related("user")),
            Prefetch("organisations", queryset=ProposalOrganisation.objects.all()),
        )
    return proposals


def pending_counts(summit: Summit, scope) -> dict[str, int]:
    """How many pending decisions in `scope` there are for each outcome, every outcome listed."""
    counts = dict.fromkeys(Outcome.values, 0)
    rows = (
        pending_decisions(summit, scope)
        .order_by()
        .values_list("outcome")
        .annotate(count=Count("pk"))
    )
    counts.update(dict(rows))
    return counts


def pending_decisions(summit: Summit, scope) -> QuerySet[Decision]:
    """Pending decisions on the reviewable proposals in `scope` (None: every track)."""
    proposals = queries.in_scope(queries.reviewable_proposals(summit), scope)
    return Decision.objects.filter(proposal__in=proposals, applied_at__isnull=True)


def pending_for_confirmation(summit: Summit, scope) -> QuerySet[Decision]:
    """The pending decisions in `scope`, by outcome then title, for the confirmation page."""
    return (
        pending_decisions(summit, scope)
        .select_related("proposal", "proposal__track")
        .order_by("outcome", "proposal__title", "pk")
    )


def confirmed_sessions(summit: Summit) -> QuerySet[Session]:
    """The sessions made from confirmed proposals, with their speakers, by title."""
    return (
        Session.objects.filter(summit=summit, proposal__isnull=False)
        .select_related("track", "format", "proposal")
        .prefetch_related("speakers")
        .order_by("title", "pk")
    )


def replies_count(summit: Summit) -> dict[str, int]:
    """How accepted speakers answered: confirmed, declined, and still waiting."""
    accepted = Decision.objects.filter(
        proposal__summit=summit, outcome=Outcome.ACCEPT, applied_at__isnull=False
    )
    counts = accepted.aggregate(
        confirmed=Count("pk", filter=Q(reply=Decision.Reply.CONFIRMED)),
        declined=Count("pk", filter=Q(reply=Decision.Reply.DECLINED)),
        waiting=Count("pk", filter=Q(reply="")),
    )
    return counts
