"""Reviewers: their queue, the proposals in it, and writing their reviews.

Only people with the reviewer role in the summit's team get answers; anyone
else, and any proposal not in the caller's queue (not assigned, conflicted or
out of their tracks), gets 404. When the review is blind, speakers' names and
organisations are never sent: the `speakers` and `organisations` fields are
null. A review sent while the current phase does not let reviewers score is
refused with 409 Conflict: the request is well formed, the review's state
forbids it for now.
"""

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from cosummit.review import domain, queries, reviewer_queries

from .auth import token_required
from .proposals import FormatOut, OrganisationOut, TrackOut
from .schemas import READ_ERRORS, ErrorOut, ValidationErrorOut

router = Router(auth=token_required, tags=["review"])

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
ProposalId = Path(description=gettext_lazy("The proposal's number."))
BLIND_NOTE = gettext_lazy("Null when the review is blind for the token's owner.")


class MyReviewOut(Schema):
    scores: dict[str, int] = Field(
        description=gettext_lazy("The score given to each criterion, by the criterion's id.")
    )
    total: float | None = Field(
        description=gettext_lazy("The weighted total from 0 to 100; null when abstaining.")
    )
    comment: str
    abstained: bool
    updated_at: dt.datetime

    @staticmethod
    def resolve_abstained(review) -> bool:
        return review.is_abstained


class OtherReviewOut(MyReviewOut):
    reviewer: str = Field(
        description=gettext_lazy("“Reviewer 1”, “Reviewer 2”…: never the reviewer's name.")
    )

    @staticmethod
    def resolve_reviewer(other) -> str:
        return other.label

    @staticmethod
    def resolve_scores(other) -> dict:
        return other.review.scores or {}

    @staticmethod
    def resolve_total(other) -> float | None:
        return other.review.total

    @staticmethod
    def resolve_comment(other) -> str:
        return other.review.comment

    @staticmethod
    def resolve_abstained(other) -> bool:
        return other.review.is_abstained

    @staticmethod
    def resolve_updated_at(other) -> dt.datetime:
        return other.review.updated_at


class ReviewSpeakerOut(Schema):
    name: str
    organisation: str

    @staticmethod
    def resolve_name(speaker) -> str:
        return speaker.user.name

    @staticmethod
    def resolve_organisation(speaker) -> str:
        return speaker.user.organisation


class ReviewAnswerOut(Schema):
    question: str
    answer: str


class QueueProposalOut(Schema):
    id: int
    title: str
    abstract: str
    language: str = Field(description=gettext_lazy("The language the text is written in."))
    other_language: str
    other_title: str = Field(description=gettext_lazy("The title in the other language."))
    other_abstract: str = Field(description=gettext_lazy("The abstract in the other language."))
    format: FormatOut | None
    track: TrackOut | None
    session_language: str
    co_led: bool = Field(
        description=gettext_lazy("Organised by at least one government and one civil society.")
    )
    state: Literal["to_review", "reviewed", "abstained"] = Field(
        description=gettext_lazy("Where the token owner's review stands.")
    )
    my_review: MyReviewOut | None = Field(description=gettext_lazy("The token owner's review."))
    speakers: list[ReviewSpeakerOut] | None = Field(description=BLIND_NOTE)
    organisations: list[OrganisationOut] | None = Field(description=BLIND_NOTE)
    url: str = Field(description=gettext_lazy("The proposal's review page on the site."))


class ProposalForReviewOut(QueueProposalOut):
    description: str = Field(description=gettext_lazy("Markdown."))
    duration: int | None = Field(description=gettext_lazy("Minutes."))
    interpretation: list[str] = Field(
        description=gettext_lazy("Language codes the session needs interpretation into.")
    )
    expected_audience: int | None
    audience_description: str
    answers: list[ReviewAnswerOut] = Field(
        description=gettext_lazy("Answers to the call's questions, in the reader's language.")
    )
    can_score: bool = Field(
        description=gettext_lazy("Whether the current phase lets reviewers write reviews.")
    )
    other_reviews: list[OtherReviewOut] | None = Field(
        description=gettext_lazy(
            "The other reviews, without their authors; null when the phase does not show them."
        )
    )


class MyReviewIn(Schema):
    scores: dict[str, Any] = Field(
        default_factory=dict,
        description=gettext_lazy(
            "An integer score within its scale for every criterion, by the criterion's id. "
            "Left out when abstaining."
        ),
    )
    comment: str = Field("", max_length=5000)
    abstain: bool = False


def _reviewer_or_404(user, slug: str):
    try:
        return queries.get_summit_for_reviewer(user, slug)
    except Http404:
        raise HttpError(
            404, _("There is no summit “%(slug)s” in which you review.") % {"slug": slug}
        ) from None


def _proposal_or_404(reviewer, proposal_id: int):
    try:
        return queries.get_proposal_for_reviewer(reviewer, proposal_id)
    except Http404:
        raise HttpError(
            404,
            _("There is no proposal number %(number)d in your review queue.")
            % {"number": proposal_id},
        ) from None


@router.get(
    "/{slug:slug}/review/queue",
    response={200: list[QueueProposalOut], 404: ErrorOut, **READ_ERRORS},
    url_name="review_queue",
    operation_id="list_review_queue",
    summary=gettext_lazy("List my review queue"),
    description=gettext_lazy(
        "The proposals assigned to the token's owner, oldest first, each with their own "
        "review if any. Not paginated: a queue holds at most the summit's largest load."
    ),
)
def list_queue(request, slug: str = SummitSlug):
    summit, reviewer = _reviewer_or_404(request.auth, slug)
    is_blind = queries.is_blind_for(request.auth, summit)
    return [
        _out(
            request,
            summit,
            proposal,
            people=None
            if is_blind
            else {
                "speakers": list(proposal.speaker_set.all()),
                "organisations": list(proposal.organisations.all()),
            },
        )
        for proposal in reviewer_queries.queue(reviewer, with_people=not is_blind)
    ]


def _out(request, summit, proposal, *, people: dict | None, **extra) -> dict:
    """A proposal as the API gives it to a reviewer.

    `people`, its speakers and organisations, is None when the review is blind
    for the reader: both fields are then null.
    """
    people = people or {"speakers": None, "organisations": None}
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "abstract": proposal.abstract,
        "language": proposal.language,
        "other_language": proposal.other_language,
        "other_title": proposal.other_title,
        "other_abstract": proposal.other_abstract,
        "format": proposal.format,
        "track": proposal.track,
        "session_language": proposal.session_language,
        "co_led": proposal.is_co_led,
        "state": reviewer_queries.state_of(proposal.my_review),
        "my_review": proposal.my_review,
        "url": request.build_absolute_uri(
            reverse("review:proposal", kwargs={"summit": summit.slug, "pk": proposal.pk})
        ),
        **people,
        **extra,
    }


@router.get(
    "/{slug:slug}/review/proposals/{int:proposal_id}",
    response={200: ProposalForReviewOut, 404: ErrorOut, **READ_ERRORS},
    url_name="review_proposal",
    operation_id="get_review_proposal",
    summary=gettext_lazy("Get a proposal of my review queue"),
    description=gettext_lazy(
        "The proposal with what reviewers read, the token owner's review, and the other "
        "reviews when the current phase shows them."
    ),
)
def get_proposal(request, slug: str = SummitSlug, proposal_id: int = ProposalId):
    summit, reviewer = _reviewer_or_404(request.auth, slug)
    proposal = _proposal_or_404(reviewer, proposal_id)
    return _detail(request, summit, reviewer, proposal)


def _detail(request, summit, reviewer, proposal) -> dict:
    is_blind = queries.is_blind_for(request.auth, summit)
    phase = reviewer_queries.phase_rules(queries.current_phase(summit))
    proposal.my_review = reviewer_queries.own_review(reviewer, proposal)
    shows_others = queries.can_see_other_reviews(reviewer, proposal, phase=phase.phase)
    return _out(
        request,
        summit,
        proposal,
        people=None
        if is_blind
        else {
            "speakers": reviewer_queries.speakers(proposal),
            "organisations": reviewer_queries.organisations(proposal),
        },
        description=proposal.description,
        duration=proposal.duration,
        interpretation=list(proposal.interpretation or []),
        expected_audience=proposal.expected_audience,
        audience_description=proposal.audience_description,
        answers=[
            {"question": question.label.localize().text, "answer": answer}
            for question, answer in reviewer_queries.answers(proposal)
        ],
        can_score=phase.can_score,
        other_reviews=reviewer_queries.other_reviews(reviewer, proposal) if shows_others else None,
    )


@router.put(
    "/{slug:slug}/review/proposals/{int:proposal_id}/review",
    response={
        200: MyReviewOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        **READ_ERRORS,
    },
    url_name="review_proposal_review",
    operation_id="put_review",
    summary=gettext_lazy("Write or change my review of a proposal"),
    description=gettext_lazy(
        "Scores for every criterion, a comment, or an abstention. 422 when a score is "
        "missing or out of its scale; 409 when the current phase does not let reviewers "
        "score."
    ),
)
def put_review(request, payload: MyReviewIn, slug: str = SummitSlug, proposal_id: int = ProposalId):
    summit, reviewer = _reviewer_or_404(request.auth, slug)
    proposal = _proposal_or_404(reviewer, proposal_id)
    if not reviewer_queries.phase_rules(queries.current_phase(summit)).can_score:
        return Status(409, {"detail": _("Reviewing is closed in this phase.")})
    try:
        review = domain.submit_review(
            reviewer,
            proposal,
            scores=_integers_only(payload.scores),
            comment=payload.comment,
            abstain=payload.abstain,
        )
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            # Not a score: the summit's state (the phase closed meanwhile, no criteria yet).
            return Status(409, {"detail": " ".join(error.messages)})
        return _invalid(error)
    return review


def _integers_only(scores: dict[str, Any]) -> dict[str, int | None]:
    """JSON integers kept; anything else (text, decimals, booleans) counts as no score.

    The domain would read "4", 4.7 or true as a score; a program must send integers.
    """
    return {
        key: value if isinstance(value, int) and not isinstance(value, bool) else None
        for key, value in scores.items()
    }


def _invalid(error: ValidationError):
    problems = [
        {"location": "body", "field": f"scores.{key}", "message": message}
        for key, messages in error.message_dict.items()
        for message in messages
    ]
    detail = " ".join(_("“%(field)s” is not valid: %(message)s") % problem for problem in problems)
    return Status(422, {"detail": detail, "errors": problems})
