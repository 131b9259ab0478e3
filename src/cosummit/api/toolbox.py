"""A summit's open-government toolbox: the same reads and writes as its pages."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Value
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BeforeValidator

from cosummit.toolbox import domain, queries
from cosummit.toolbox.models import ArgumentSide, Card, CardKind, Licence, Tag

from .auth import ANONYMOUS_ALLOWED, token_optional, token_required
from .pagination import LimitOffsetPagination
from .schemas import READ_ERRORS, ErrorOut, Translated, ValidationErrorOut

router = Router(auth=token_optional, tags=["toolbox"])

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
CardSlug = Path(description=gettext_lazy("The card's short name in addresses."))
CardFilterParams = Query(...)
WRITE_ERRORS = {403: ErrorOut, 404: ErrorOut, **READ_ERRORS}


class TagOut(Schema):
    slug: str
    name: Translated


class RatingSummaryOut(Schema):
    count: int
    average: float | None = Field(description=gettext_lazy("From 1 to 5; null when unrated."))


class CardOut(Schema):
    slug: str
    kind: CardKind
    kind_label: str = Field(description=gettext_lazy("The kind, in the reader's language."))
    title: Translated
    description: Translated = Field(description=gettext_lazy("Markdown."))
    tags: list[TagOut]
    licence: str = Field(description=gettext_lazy("SPDX identifier, “other” or empty."))
    licence_other: str
    website: str
    repository: str
    languages: list[str] = Field(description=gettext_lazy("Languages the tool is available in."))
    country: str = Field(description=gettext_lazy("ISO 3166-1 alpha-2 code, for organisations."))
    rating: RatingSummaryOut
    created_at: dt.datetime
    url: str = Field(description=gettext_lazy("The card's page on the site."))

    @staticmethod
    def resolve_kind_label(card) -> str:
        return card.get_kind_display()

    @staticmethod
    def resolve_tags(card) -> list[Tag]:
        return list(card.tags.all())

    @staticmethod
    def resolve_country(card) -> str:
        return card.country.code or ""

    @staticmethod
    def resolve_rating(card) -> dict:
        average = card.rating_average if card.rating_count else None
        return {"count": card.rating_count, "average": average}

    @staticmethod
    def resolve_url(card, context) -> str:
        summit = getattr(card, "summit_slug", None) or card.summit.slug
        path = reverse("toolbox:card", kwargs={"summit": summit, "card": card.slug})
        return context["request"].build_absolute_uri(path)


class LinkOut(Schema):
    type: str = Field(description=gettext_lazy("develops, provides, uses or alternative_to."))
    direction: str = Field(
        description=gettext_lazy("out: this card is the link's subject; in: its object.")
    )
    label: str = Field(description=gettext_lazy("How the link reads from this card."))
    card: str = Field(description=gettext_lazy("The other card's slug."))
    card_kind: CardKind
    card_title: Translated


class ArgumentOut(Schema):
    side: ArgumentSide
    text: str
    author: str
    created_at: dt.datetime


class CardDetailOut(CardOut):
    links: list[LinkOut]
    arguments: list[ArgumentOut]

    @staticmethod
    def resolve_links(card) -> list[dict]:
        return card.api_links

    @staticmethod
    def resolve_arguments(card) -> list[dict]:
        return card.api_arguments


def _blank_to_none(value):
    return value or None


class CardFilters(Schema):
    q: str = Field("", max_length=200, description=gettext_lazy("Words to find, any language."))
    kind: Annotated[CardKind | None, BeforeValidator(_blank_to_none)] = None
    tag: str = Field("", description=gettext_lazy("A theme's slug."))
    licence: Annotated[Licence | None, BeforeValidator(_blank_to_none)] = None
    language: str = Field("", max_length=10, description=gettext_lazy("A language code."))
    sort: str = Field("name", pattern="^(name|best|newest)$")


class CardIn(Schema):
    kind: CardKind
    title: dict[str, str] = Field(description=gettext_lazy("One text per language code."))
    description: dict[str, str] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list, description=gettext_lazy("Themes' slugs."))
    licence: str = ""
    licence_other: str = ""
    website: str = ""
    repository: str = ""
    languages: list[str] = Field(default_factory=list)
    country: str = ""


class RatingIn(Schema):
    score: int = Field(description=gettext_lazy("From 1 to 5."))


class RatingOut(Schema):
    score: int
    card_rating: RatingSummaryOut


class ArgumentIn(Schema):
    side: ArgumentSide
    text: str


def _summit(user, slug: str):
    try:
        return queries.get_summit_for_user(user, slug)
    except Http404:
        raise HttpError(
            404, _("There is no summit “%(slug)s” that you may see.") % {"slug": slug}
        ) from None


def _card(user, summit, slug: str) -> Card:
    try:
        return queries.get_card_for_user(user, summit, slug)
    except Http404:
        raise HttpError(
            404, _("There is no card “%(slug)s” in this toolbox.") % {"slug": slug}
        ) from None


def _invalid(error: ValidationError):
    problems = [
        {"location": "body", "field": field, "message": message}
        for field, messages in error.message_dict.items()
        for message in messages
    ]
    detail = " ".join(_("“%(field)s” is not valid: %(message)s") % problem for problem in problems)
    return Status(422, {"detail": detail, "errors": problems})


def _forbidden(error: PermissionDenied):
    return Status(403, {"detail": str(error) or _("You may not do this.")})


@router.get(
    "/{slug:slug}/toolbox/cards",
    response={200: list[CardOut], 404: ErrorOut, **READ_ERRORS},
    url_name="toolbox_cards",
    operation_id="list_toolbox_cards",
    summary=gettext_lazy("List a toolbox's cards"),
    description=gettext_lazy(
        "Tools, use cases and organisations not hidden by moderation, filtered and sorted."
    ),
    openapi_extra=ANONYMOUS_ALLOWED,
)
@paginate(LimitOffsetPagination)
def list_cards(request, slug: str = SummitSlug, filters: CardFilters = CardFilterParams):
    summit = _summit(request.auth, slug)
    tag = Tag.objects.filter(summit=summit, slug=filters.tag).first() if filters.tag else None
    if filters.tag and tag is None:
        return Card.objects.none()
    cards = queries.catalogue(
        summit,
        queries.CatalogueFilters(
            q=filters.q,
            kind=filters.kind or "",
            tag=tag,
            licence=filters.licence or "",
            language=filters.language.lower(),
            sort=filters.sort,
        ),
        language=get_language(),
    )
    # The summit is known: its slug is given to every card without a join.
    return cards.annotate(summit_slug=Value(summit.slug))


@router.get(
    "/{slug:slug}/toolbox/cards/{slug:card_slug}",
    response={200: CardDetailOut, 404: ErrorOut, **READ_ERRORS},
    url_name="toolbox_card",
    operation_id="get_toolbox_card",
    summary=gettext_lazy("Get a toolbox card with its links and arguments"),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def get_card(request, slug: str = SummitSlug, card_slug: str = CardSlug):
    summit = _summit(request.auth, slug)
    card = _card(request.auth, summit, card_slug)
    return _detail(card)


def _detail(card: Card) -> dict:
    links = []
    for group in queries.link_groups(card):
        for link, other in group.entries:
            links.append(
                {
                    "type": link.link_type,
                    "direction": "out" if link.source_id == card.pk else "in",
                    "label": group.label,
                    "card": other.slug,
                    "card_kind": other.kind,
                    "card_title": other.title,
                }
            )
    arguments = [
        {
            "side": argument.side,
            "text": argument.text,
            "author": str(argument.author),
            "created_at": argument.created_at,
        }
        for argument in queries.visible_arguments(card)
    ]
    card.api_links = links
    card.api_arguments = arguments
    return card


@router.get(
    "/{slug:slug}/toolbox/tags",
    response={200: list[TagOut], 404: ErrorOut, **READ_ERRORS},
    url_name="toolbox_tags",
    operation_id="list_toolbox_tags",
    summary=gettext_lazy("List a toolbox's themes"),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def list_tags(request, slug: str = SummitSlug):
    return queries.tags_of(_summit(request.auth, slug))


@router.post(
    "/{slug:slug}/toolbox/cards",
    auth=token_required,
    response={201: CardDetailOut, 422: ValidationErrorOut, **WRITE_ERRORS},
    url_name="toolbox_card_create",
    operation_id="create_toolbox_card",
    summary=gettext_lazy("Propose a card"),
    description=gettext_lazy(
        "The token's owner needs a verified e-mail address and must not be blocked."
    ),
)
def create_card(request, payload: CardIn, slug: str = SummitSlug):
    summit = _summit(request.auth, slug)
    try:
        card = domain.create_card(summit, by=request.auth, **payload.dict())
    except PermissionDenied as error:
        return _forbidden(error)
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _detail(queries.get_card_for_user(request.auth, summit, card.slug)))


@router.put(
    "/{slug:slug}/toolbox/cards/{slug:card_slug}/rating",
    auth=token_required,
    response={200: RatingOut, 422: ValidationErrorOut, **WRITE_ERRORS},
    url_name="toolbox_card_rating",
    operation_id="rate_toolbox_card",
    summary=gettext_lazy("Rate a card"),
    description=gettext_lazy("One rating per person and card: a new one replaces the last."),
)
def rate(request, payload: RatingIn, slug: str = SummitSlug, card_slug: str = CardSlug):
    summit = _summit(request.auth, slug)
    card = _card(request.auth, summit, card_slug)
    try:
        rating = domain.rate_card(card, by=request.auth, score=payload.score)
    except PermissionDenied as error:
        return _forbidden(error)
    except ValidationError as error:
        return _invalid(error)
    return {
        "score": rating.score,
        "card_rating": {"count": card.rating_count, "average": card.rating_average},
    }


@router.put(
    "/{slug:slug}/toolbox/cards/{slug:card_slug}/argument",
    auth=token_required,
    response={200: ArgumentOut, 422: ValidationErrorOut, **WRITE_ERRORS},
    url_name="toolbox_card_argument",
    operation_id="argue_toolbox_card",
    summary=gettext_lazy("Give an argument for or against a card"),
    description=gettext_lazy("One argument per person and card: a new one replaces the last."),
)
def argue(request, payload: ArgumentIn, slug: str = SummitSlug, card_slug: str = CardSlug):
    summit = _summit(request.auth, slug)
    card = _card(request.auth, summit, card_slug)
    try:
        argument = domain.argue(card, by=request.auth, side=payload.side, text=payload.text)
    except PermissionDenied as error:
        return _forbidden(error)
    except ValidationError as error:
        return _invalid(error)
    return {
        "side": argument.side,
        "text": argument.text,
        "author": str(argument.author),
        "created_at": argument.created_at,
    }
