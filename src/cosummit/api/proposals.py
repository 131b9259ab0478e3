"""Proposals: the public gallery's reads, and authors' reads and edits of their own.

Public endpoints give what the proposal pages show, never e-mail addresses,
answers to the organisers' questions or drafts. Authors (any speaker of a
proposal) read their own proposals in every state and change their texts while
the call lets them, through the same domain function as the site's form.
"""

import datetime as dt
from typing import Annotated, Literal

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BeforeValidator, StringConstraints

from cosummit.accounts.models import OrganisationType
from cosummit.proposals import domain, gallery, queries
from cosummit.proposals.models import Proposal, State

from .auth import ANONYMOUS_ALLOWED, token_optional, token_required
from .pagination import LimitOffsetPagination
from .schemas import READ_ERRORS, ErrorOut, Translated

public_router = Router(auth=token_optional, tags=["proposals"])
authors_router = Router(auth=token_required, tags=["my proposals"])


class OrganisationOut(Schema):
    name: str
    type: OrganisationType = Field(description=gettext_lazy("The organisation's type."))
    country: str = Field(description=gettext_lazy("ISO 3166-1 alpha-2 code, or empty."))

    @staticmethod
    def resolve_type(organisation) -> str:
        return organisation.organisation_type

    @staticmethod
    def resolve_country(organisation) -> str:
        return organisation.country.code or ""


class FormatOut(Schema):
    id: int
    kind: str
    name: Translated


class TrackOut(Schema):
    slug: str
    name: Translated


class ProposalOut(Schema):
    id: int
    summit: str = Field(description=gettext_lazy("The summit's slug."))
    state: str = Field(description=gettext_lazy("submitted, or merged into another proposal."))
    title: str
    abstract: str
    description: str = Field(description=gettext_lazy("Markdown."))
    language: str = Field(description=gettext_lazy("The language the text is written in."))
    other_language: str
    other_title: str = Field(description=gettext_lazy("The title in the other language."))
    other_abstract: str = Field(description=gettext_lazy("The abstract in the other language."))
    format: FormatOut | None
    track: TrackOut | None
    session_language: str
    organisations: list[OrganisationOut]
    co_led: bool = Field(
        description=gettext_lazy("Organised by at least one government and one civil society.")
    )
    supports: int
    comments: int
    submitted_at: dt.datetime | None
    merged_into: int | None = Field(
        description=gettext_lazy("The joint proposal this one was merged into.")
    )
    url: str = Field(description=gettext_lazy("The proposal's page on the site."))

    @staticmethod
    def resolve_summit(proposal) -> str:
        return proposal.summit.slug

    @staticmethod
    def resolve_organisations(proposal) -> list:
        return list(proposal.organisations.all())

    @staticmethod
    def resolve_co_led(proposal) -> bool:
        return proposal.is_co_led

    @staticmethod
    def resolve_supports(proposal) -> int:
        return proposal.supports_count

    @staticmethod
    def resolve_comments(proposal) -> int:
        return proposal.comments_count

    @staticmethod
    def resolve_merged_into(proposal) -> int | None:
        return proposal.merged_into_id

    @staticmethod
    def resolve_url(proposal, context) -> str:
        return context["request"].build_absolute_uri(proposal.get_absolute_url())


class MyProposalOut(ProposalOut):
    state: str = Field(description=gettext_lazy("draft, submitted, withdrawn or merged."))
    can_edit: bool = Field(
        description=gettext_lazy("Whether the texts may still be changed through this API.")
    )

    @staticmethod
    def resolve_can_edit(proposal) -> bool:
        return _may_still_edit(proposal)


def _empty_is_none(value):
    return value or None


class ProposalFilters(Schema):
    track: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("A track's slug.")
    )
    format: Annotated[int | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("A session format's id.")
    )
    submitter_type: Annotated[OrganisationType | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("Proposals with an organisation of this type.")
    )
    language: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None, max_length=10, description=gettext_lazy("The session's language code.")
    )
    country: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None,
        max_length=2,
        description=gettext_lazy("Proposals with an organisation of this country (ISO code)."),
    )
    co_led: bool = Field(
        False, description=gettext_lazy("Only proposals co-led by government and civil society.")
    )
    q: str = Field(
        "", max_length=200, description=gettext_lazy("Words that must all appear in the text.")
    )
    sort: Literal["newest", "supported", "discussed"] = Field(
        "newest", description=gettext_lazy("The order of the list.")
    )

    def as_gallery_filters(self) -> gallery.GalleryFilters:
        return gallery.GalleryFilters(
            track=self.track or "",
            format=self.format,
            submitter_type=self.submitter_type or "",
            language=self.language or "",
            country=(self.country or "").upper(),
            co_led=self.co_led,
            q=self.q,
        )


SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
ProposalFilterParams = Query(...)
MyProposalFilterParams = Query(...)
ProposalId = Path(description=gettext_lazy("The proposal's number."))


def _summit_or_404(user, slug: str):
    try:
        return queries.get_summit_for_user(user, slug)
    except Http404:
        raise HttpError(
            404, _("There is no summit “%(slug)s” that you may see.") % {"slug": slug}
        ) from None


def _for_output(proposals):
    return proposals.select_related("summit", "format", "track").prefetch_related("organisations")


@public_router.get(
    "/{slug:slug}/proposals",
    response={200: list[ProposalOut], 404: ErrorOut, **READ_ERRORS},
    url_name="summit_proposals",
    operation_id="list_proposals",
    summary=gettext_lazy("List a summit's public proposals"),
    description=gettext_lazy(
        "Submitted proposals published for public discussion, filtered and sorted like the "
        "site's gallery. Merged and hidden proposals are left out."
    ),
    openapi_extra=ANONYMOUS_ALLOWED,
)
@paginate(LimitOffsetPagination)
def list_proposals(
    request, slug: str = SummitSlug, filters: ProposalFilters = ProposalFilterParams
):
    summit = _summit_or_404(request.auth, slug)
    proposals = gallery.filter_proposals(
        queries.public_proposals(summit), filters.as_gallery_filters()
    )
    return _for_output(gallery.order_proposals(proposals, filters.sort))


@public_router.get(
    "/{slug:slug}/proposals/{int:proposal_id}",
    response={200: ProposalOut, 404: ErrorOut, **READ_ERRORS},
    url_name="summit_proposal",
    operation_id="get_proposal",
    summary=gettext_lazy("Get a public proposal"),
    description=gettext_lazy(
        "A public proposal, or one merged into another. Speakers also get their own, and "
        "the summit's team every submitted one."
    ),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def get_proposal(request, slug: str = SummitSlug, proposal_id: int = ProposalId):
    summit = _summit_or_404(request.auth, slug)
    try:
        proposal = queries.get_proposal_for_user(request.auth, summit, proposal_id)
    except Http404:
        raise HttpError(404, _not_found(proposal_id)) from None
    return _for_output(Proposal.objects.filter(pk=proposal.pk)).get()


def _not_found(number: int) -> str:
    return _("There is no proposal number %(number)d that you may see.") % {"number": number}


# Authors


def _own_proposals(user):
    # The format's call, the access code and the review phases tell, without more
    # queries, whether the texts may still change.
    return (
        _for_output(Proposal.objects.filter(speaker_set__user=user))
        .select_related("summit__call", "access_code")
        .prefetch_related("summit__review_phases")
        .order_by("-pk")
    )


def _own_proposal_or_404(user, proposal_id: int) -> Proposal:
    proposal = _own_proposals(user).filter(pk=proposal_id).first()
    if proposal is None:
        raise HttpError(
            404,
            _("There is no proposal number %(number)d on which you speak.")
            % {"number": proposal_id},
        )
    return proposal


def _may_still_edit(own_proposal: Proposal) -> bool:
    """Whether a proposal the person speaks on may still change (`queries.can_edit_proposal`)."""
    if own_proposal.state not in (State.DRAFT, State.SUBMITTED):
        return False
    return domain.may_still_edit(own_proposal, call=getattr(own_proposal.summit, "call", None))


class MyProposalFilters(Schema):
    summit: Annotated[str | None, BeforeValidator(_empty_is_none)] = Field(
        None, max_length=100, description=gettext_lazy("Only the proposals of this summit.")
    )


@authors_router.get(
    "/proposals",
    response={200: list[MyProposalOut], **READ_ERRORS},
    url_name="my_proposals",
    operation_id="list_my_proposals",
    summary=gettext_lazy("List my proposals"),
    description=gettext_lazy(
        "The proposals the token's owner speaks on, in every state, drafts included, newest first."
    ),
)
@paginate(LimitOffsetPagination)
def list_my_proposals(request, filters: MyProposalFilters = MyProposalFilterParams):
    proposals = _own_proposals(request.auth)
    if filters.summit:
        proposals = proposals.filter(summit__slug=filters.summit)
    return proposals


@authors_router.get(
    "/proposals/{int:proposal_id}",
    response={200: MyProposalOut, 404: ErrorOut, **READ_ERRORS},
    url_name="my_proposal",
    operation_id="get_my_proposal",
    summary=gettext_lazy("Get one of my proposals"),
)
def get_my_proposal(request, proposal_id: int = ProposalId):
    return _own_proposal_or_404(request.auth, proposal_id)


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Abstract = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1500)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]


class ProposalTextsIn(Schema):
    title: Title | None = Field(None, description=gettext_lazy("At most 200 characters."))
    abstract: Abstract | None = Field(None, description=gettext_lazy("At most 1,500 characters."))
    description: Description | None = Field(
        None, description=gettext_lazy("Markdown, at most 20,000 characters.")
    )


@authors_router.patch(
    "/proposals/{int:proposal_id}",
    response={200: MyProposalOut, 404: ErrorOut, 409: ErrorOut, **READ_ERRORS},
    url_name="my_proposal_update",
    operation_id="update_my_proposal",
    summary=gettext_lazy("Change the texts of one of my proposals"),
    description=gettext_lazy(
        "Change the title, abstract or description of a proposal the token's owner speaks "
        "on, while it is a draft or until its format's deadline. Fields left out are kept."
    ),
)
def update_my_proposal(request, payload: ProposalTextsIn, proposal_id: int = ProposalId):
    _own_proposal_or_404(request.auth, proposal_id)
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    if not changes:
        raise HttpError(422, _("Send at least one of these fields: title, abstract, description."))
    with transaction.atomic():
        # Locked, then read again, so that a submission or a withdrawal at the same
        # moment is seen.
        Proposal.objects.select_for_update().filter(pk=proposal_id).first()
        proposal = _own_proposal_or_404(request.auth, proposal_id)
        if not _may_still_edit(proposal):
            raise HttpError(
                409,
                _(
                    "This proposal can no longer be changed: its deadline has passed or it is "
                    "no longer in the call."
                ),
            )
        domain.update_proposal(proposal, by=request.auth, **changes)
    return _own_proposal_or_404(request.auth, proposal_id)
