"""Decisions: organisers, and conveners for their tracks, read and set pending decisions
and apply them, through the same domain functions as the decision pages.

Speakers' names and organisations are never given here, so that a blind
review stays blind for conveners.
"""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from cosummit.review import decision_queries, decisions, queries
from cosummit.review.models import Decision

from .auth import token_required
from .pagination import LimitOffsetPagination
from .schemas import READ_ERRORS, ErrorOut

router = Router(auth=token_required, tags=["review"])

WRITE_ERRORS = {404: ErrorOut, **READ_ERRORS}

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
ProposalId = Path(description=gettext_lazy("The proposal's number."))


class DecisionOut(Schema):
    outcome: str = Field(description=gettext_lazy("accept, reject or waitlist."))
    pending: bool = Field(
        description=gettext_lazy("Whether the decision still waits to be applied.")
    )
    decided_at: dt.datetime
    applied_at: dt.datetime | None
    reply_by: dt.datetime | None = Field(
        description=gettext_lazy("When accepted speakers must answer by.")
    )
    reply: str = Field(description=gettext_lazy("confirmed, declined, or empty."))
    replied_at: dt.datetime | None

    @staticmethod
    def resolve_pending(decision) -> bool:
        return decision.is_pending


class DecisionRowOut(Schema):
    proposal: int = Field(description=gettext_lazy("The proposal's number."))
    title: str
    track: str | None = Field(description=gettext_lazy("The track's slug."))
    format: int | None = Field(description=gettext_lazy("The session format's id."))
    reviews: int = Field(description=gettext_lazy("Number of scored reviews."))
    mean_total: float | None = Field(
        description=gettext_lazy("Mean of the reviews' totals, from 0 to 100.")
    )
    decision: DecisionOut | None

    @staticmethod
    def resolve_proposal(proposal) -> int:
        return proposal.pk

    @staticmethod
    def resolve_track(proposal) -> str | None:
        return proposal.track.slug if proposal.track else None

    @staticmethod
    def resolve_format(proposal) -> int | None:
        return proposal.format_id

    @staticmethod
    def resolve_reviews(proposal) -> int:
        return proposal.reviews_count

    @staticmethod
    def resolve_mean_total(proposal) -> float | None:
        return None if proposal.mean_total is None else round(proposal.mean_total, 2)

    @staticmethod
    def resolve_decision(proposal) -> Decision | None:
        try:
            return proposal.decision
        except Decision.DoesNotExist:
            return None


class DecisionIn(Schema):
    outcome: Literal["accept", "reject", "waitlist"] = Field(
        description=gettext_lazy("accept, reject or waitlist.")
    )


class AppliedOut(Schema):
    applied: int = Field(description=gettext_lazy("How many pending decisions were applied."))


def _summit_for_decider(user, slug: str):
    try:
        return queries.get_summit_for_decider(user, slug)
    except Http404:
        raise HttpError(
            404,
            _("There is no summit “%(slug)s” whose proposals you decide on.") % {"slug": slug},
        ) from None


def _proposal_for_decider(user, summit, proposal_id: int):
    try:
        return queries.get_proposal_for_decider(user, summit, proposal_id)
    except Http404:
        raise HttpError(
            404,
            _("There is no proposal number %(number)d that you decide on.")
            % {"number": proposal_id},
        ) from None


@router.get(
    "/{slug:slug}/review/decisions",
    response={200: list[DecisionRowOut], 404: ErrorOut, **READ_ERRORS},
    url_name="review_decisions",
    operation_id="list_review_decisions",
    summary=gettext_lazy("List the proposals to decide on, with their scores and decision"),
    description=gettext_lazy(
        "Submitted proposals in the tracks the token's owner decides for (every track for "
        "organisers), best mean total first."
    ),
)
@paginate(LimitOffsetPagination)
def list_decisions(request, slug: str = SummitSlug):
    summit, scope = _summit_for_decider(request.auth, slug)
    # No speaker is given, so nothing needs prefetching.
    return decision_queries.decision_rows(summit, scope, blind=True)


@router.put(
    "/{slug:slug}/review/proposals/{int:proposal_id}/decision",
    response={200: DecisionOut, 409: ErrorOut, **WRITE_ERRORS},
    url_name="review_decision",
    operation_id="set_review_decision",
    summary=gettext_lazy("Set a proposal's pending decision"),
    description=gettext_lazy(
        "The decision stays pending until the pending decisions are applied. An applied "
        "acceptance or rejection is final (409); an applied wait-list may still change."
    ),
)
def set_decision(
    request, payload: DecisionIn, slug: str = SummitSlug, proposal_id: int = ProposalId
):
    summit, _scope = _summit_for_decider(request.auth, slug)
    proposal = _proposal_for_decider(request.auth, summit, proposal_id)
    try:
        return decisions.set_decision(proposal, outcome=payload.outcome, by=request.auth)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})


@router.delete(
    "/{slug:slug}/review/proposals/{int:proposal_id}/decision",
    response={204: None, 409: ErrorOut, **WRITE_ERRORS},
    url_name="review_decision_clear",
    operation_id="clear_review_decision",
    summary=gettext_lazy("Take back a proposal's pending decision"),
    description=gettext_lazy("An applied decision cannot be taken back (409)."),
)
def clear_decision(request, slug: str = SummitSlug, proposal_id: int = ProposalId):
    summit, _scope = _summit_for_decider(request.auth, slug)
    proposal = _proposal_for_decider(request.auth, summit, proposal_id)
    try:
        decisions.clear_decision(proposal)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(204, None)


@router.post(
    "/{slug:slug}/review/decisions/apply",
    response={200: AppliedOut, 404: ErrorOut, **READ_ERRORS},
    url_name="review_decisions_apply",
    operation_id="apply_review_decisions",
    summary=gettext_lazy("Apply the pending decisions"),
    description=gettext_lazy(
        "Every pending decision in the token owner's tracks is applied together; each "
        "speaker's e-mail is held in the outbox until an organiser sends it."
    ),
)
def apply_decisions(request, slug: str = SummitSlug):
    summit, scope = _summit_for_decider(request.auth, slug)
    return {"applied": decisions.apply_decisions(summit, by=request.auth, scope=scope)}
