"""What a reviewer's pages and API read: their queue, the next proposal, a proposal's details.

Every read starts from `queries.assigned_proposals` or a proposal fetched by
`queries.get_proposal_for_reviewer`, so that a reviewer never reaches a
proposal they are not assigned, conflict with, or that is out of their tracks.
Speakers' names and organisations are read only when the caller says the
review is not blind for the reader (`queries.is_blind_for`).
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from cosummit.core.questions import display_answer, visible_questions
from cosummit.proposals import queries as proposal_queries
from cosummit.proposals.models import Proposal, ProposalOrganisation, Speaker

from . import queries
from .models import OtherReviews, Phase, Review, Reviewer


class QueueState:
    TO_REVIEW = "to_review"
    REVIEWED = "reviewed"
    ABSTAINED = "abstained"


# A proposal's reviews that give scores: abstentions leave it as short of reviews.
SCORED_REVIEWS = Count("reviews", filter=Q(reviews__is_abstained=False))


def queue(reviewer: Reviewer, *, with_people: bool) -> list[Proposal]:
    """The proposals assigned to `reviewer`, in order, each with what the queue shows.

    Each proposal gets `review_count` (every reviewer's scored reviews), `my_review`
    (the reviewer's own, or None) and `queue_state`; with `with_people`, its
    speakers (with their users) and organisations are fetched too.
    """
    proposals = (
        queries.assigned_proposals(reviewer)
        .select_related("format", "track")
        .annotate(review_count=SCORED_REVIEWS)
        .prefetch_related(
            Prefetch(
                "reviews", queryset=Review.objects.filter(reviewer=reviewer), to_attr="my_reviews"
            )
        )
        .order_by("pk")
    )
    if with_people:
        proposals = proposals.prefetch_related(
            Prefetch("speaker_set", queryset=Speaker.objects.select_related("user")),
            Prefetch("organisations", queryset=ProposalOrganisation.objects.all()),
        )
    found = list(proposals)
    for proposal in found:
        proposal.my_review = proposal.my_reviews[0] if proposal.my_reviews else None
        proposal.queue_state = state_of(proposal.my_review)
    return found


def state_of(review: Review | None) -> str:
    if review is None:
        return QueueState.TO_REVIEW
    if review.is_abstained:
        return QueueState.ABSTAINED
    return QueueState.REVIEWED


def next_in(proposals: list[Proposal]) -> Proposal | None:
    """Of a queue (see `queue`), the unreviewed proposal with the fewest reviews (ties by pk)."""
    waiting = [proposal for proposal in proposals if proposal.my_review is None]
    return min(waiting, key=lambda proposal: (proposal.review_count, proposal.pk), default=None)


def next_to_review(reviewer: Reviewer) -> Proposal | None:
    """The assigned proposal `reviewer` has not reviewed that has the fewest reviews.

    Abstentions do not count, as in the review table; ties go to the oldest
    proposal.
    """
    return (
        queries.assigned_proposals(reviewer)
        .exclude(reviews__reviewer=reviewer)
        .annotate(review_count=SCORED_REVIEWS)
        .order_by("review_count", "pk")
        .first()
    )


def own_review(reviewer: Reviewer, proposal: Proposal) -> Review | None:
    return Review.objects.filter(reviewer=reviewer, proposal=proposal).first()


@dataclass(frozen=True)
class OtherReview:
    """Another reviewer's review, known only by its place: "Reviewer 1", "Reviewer 2"…"""

    number: int
    review: Review

    @property
    def label(self) -> str:
        return _("Reviewer %(number)d") % {"number": self.number}


def other_reviews(reviewer: Reviewer, proposal: Proposal) -> list[OtherReview]:
    """The other reviews of `proposal`, oldest first, numbered; never their authors."""
    reviews = Review.objects.filter(proposal=proposal).exclude(reviewer=reviewer)
    return [
        OtherReview(number=number, review=review)
        for number, review in enumerate(reviews.order_by("created_at", "pk"), start=1)
    ]


def answers(proposal: Proposal) -> list[tuple]:
    """The answers to the call's questions asked of `proposal`, as (question, text) pairs."""
    call = proposal_queries.get_call(proposal.summit)
    if call is None:
        return []
    questions = list(proposal_queries.proposal_questions(call, proposal.format, proposal.track))
    return [
        (question, display_answer(question, proposal.answers.get(str(question.pk))))
        for question in visible_questions(questions, proposal.answers or {})
    ]


def speakers(proposal: Proposal) -> list[Speaker]:
    """The proposal's speakers with their users: only for readers the review is not blind for."""
    return list(Speaker.objects.filter(proposal=proposal).select_related("user"))


def organisations(proposal: Proposal) -> list[ProposalOrganisation]:
    """The organising organisations: only for readers the review is not blind for."""
    return list(proposal.organisations.all())


@dataclass(frozen=True)
class PhaseRules:
    """The current phase, if any, and what it allows, in sentences for the reviewer."""

    phase: Phase | None
    can_score: bool
    rules: list[str]


def phase_rules(phase: Phase | None) -> PhaseRules:
    if phase is None:
        return PhaseRules(
            phase=None,
            can_score=False,
            rules=[_("No review phase is open now: reviews cannot be written or changed.")],
        )
    rules = [
        _("You may write and change your reviews.")
        if phase.reviewers_can_score
        else _("Reviewing is closed in this phase: your reviews can no longer change.")
    ]
    rules.append(
        {
            OtherReviews.ALWAYS: _("You may read the other reviews of your proposals."),
            OtherReviews.AFTER_OWN: _(
                "You may read the other reviews of a proposal once you have reviewed it."
            ),
            OtherReviews.NEVER: _("The other reviews stay hidden from you."),
        }.get(phase.other_reviews, "")
    )
    if phase.speakers_can_edit:
        rules.append(_("Speakers may still change their proposals."))
    return PhaseRules(phase=phase, can_score=phase.reviewers_can_score, rules=rules)
