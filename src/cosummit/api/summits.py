"""Summits and their events: the same reads as the public pages."""

import datetime as dt
from typing import Annotated, Literal

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BeforeValidator

from cosummit.summits import queries
from cosummit.summits.models import Event, Summit

from .auth import ANONYMOUS_ALLOWED, token_optional
from .pagination import LimitOffsetPagination
from .schemas import READ_ERRORS, ErrorOut, Translated, VenueOut

router = Router(auth=token_optional, tags=["summits"])


class SummitOut(Schema):
    slug: str
    name: Translated
    tagline: Translated
    description: Translated = Field(description=gettext_lazy("Markdown."))
    start_date: dt.date
    end_date: dt.date
    city: str
    country: str = Field(description=gettext_lazy("ISO 3166-1 alpha-2 code."))
    timezone: str = Field(description=gettext_lazy("IANA time zone, such as Europe/Paris."))
    languages: list[str] = Field(description=gettext_lazy("Languages in which sessions are held."))
    venue: VenueOut | None
    is_published: bool
    url: str = Field(description=gettext_lazy("The summit's page on the site."))
    events: str = Field(description=gettext_lazy("The API address of the summit's events."))

    @staticmethod
    def resolve_country(summit) -> str:
        return summit.country.code

    @staticmethod
    def resolve_url(summit, context) -> str:
        return context["request"].build_absolute_uri(summit.get_absolute_url())

    @staticmethod
    def resolve_events(summit, context) -> str:
        return context["request"].build_absolute_uri(
            reverse("api-1:summit_events", kwargs={"slug": summit.slug})
        )


class EventOut(Schema):
    slug: str
    summit: str = Field(description=gettext_lazy("The summit's slug."))
    kind: Event.Kind
    kind_label: str = Field(description=gettext_lazy("The kind, in the reader's language."))
    title: Translated
    summary: Translated
    description: Translated = Field(description=gettext_lazy("Markdown."))
    starts_at: dt.datetime = Field(
        description=gettext_lazy("ISO 8601, in the event's time zone, with its UTC offset.")
    )
    ends_at: dt.datetime = Field(
        description=gettext_lazy("ISO 8601, in the event's time zone, with its UTC offset.")
    )
    timezone: str = Field(description=gettext_lazy("IANA time zone, such as Europe/Paris."))
    venue: VenueOut | None
    location: str = Field(description=gettext_lazy("Where it is, when not at a venue."))
    online_url: str
    is_published: bool
    url: str = Field(description=gettext_lazy("The event's page on the site."))

    @staticmethod
    def resolve_summit(event) -> str:
        return event.summit.slug

    @staticmethod
    def resolve_kind_label(event) -> str:
        return event.get_kind_display()

    @staticmethod
    def resolve_starts_at(event) -> dt.datetime:
        return event.starts_at.astimezone(event.tz)

    @staticmethod
    def resolve_ends_at(event) -> dt.datetime:
        return event.ends_at.astimezone(event.tz)

    @staticmethod
    def resolve_timezone(event) -> str:
        return event.tz.key

    @staticmethod
    def resolve_url(event, context) -> str:
        return context["request"].build_absolute_uri(event.get_absolute_url())


SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
EventSlug = Path(description=gettext_lazy("The event's short name in addresses."))


class EventFilters(Schema):
    # An empty kind, as a filter form sends for "any kind", means no filter.
    kind: Annotated[Event.Kind | None, BeforeValidator(lambda kind: kind or None)] = Field(
        None, description=gettext_lazy("Only events of this kind.")
    )
    when: Literal["upcoming", "past", "all"] = Field(
        "upcoming",
        description=gettext_lazy(
            "upcoming: not yet over, soonest first; past: over, latest first; all: every "
            "event, soonest first."
        ),
    )


EventFilterParams = Query(...)


def _summit_or_404(user, slug: str) -> Summit:
    try:
        return queries.get_summit_for_user(user, slug)
    except Http404:
        raise HttpError(
            404, _("There is no summit “%(slug)s” that you may see.") % {"slug": slug}
        ) from None


@router.get(
    "",
    response={200: list[SummitOut], **READ_ERRORS},
    url_name="summits",
    operation_id="list_summits",
    summary=gettext_lazy("List summits"),
    description=gettext_lazy(
        "Published summits, newest first, and the unpublished ones the token's owner organises."
    ),
    openapi_extra=ANONYMOUS_ALLOWED,
)
@paginate(LimitOffsetPagination)
def list_summits(request):
    return (
        queries.visible_summits(request.auth).select_related("venue").order_by("-start_date", "pk")
    )


@router.get(
    "/{slug:slug}",
    response={200: SummitOut, 404: ErrorOut, **READ_ERRORS},
    url_name="summit",
    operation_id="get_summit",
    summary=gettext_lazy("Get a summit"),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def get_summit(request, slug: str = SummitSlug):
    return _summit_or_404(request.auth, slug)


@router.get(
    "/{slug:slug}/events",
    response={200: list[EventOut], 404: ErrorOut, **READ_ERRORS},
    url_name="summit_events",
    operation_id="list_events",
    summary=gettext_lazy("List a summit's events"),
    description=gettext_lazy(
        "Published events; the summit's organisers also get the unpublished ones."
    ),
    openapi_extra=ANONYMOUS_ALLOWED,
)
@paginate(LimitOffsetPagination)
def list_events(request, slug: str = SummitSlug, filters: EventFilters = EventFilterParams):
    summit = _summit_or_404(request.auth, slug)
    events = queries.events_for_user(request.auth, summit)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.when == "upcoming":
        events = queries.upcoming(events)
    elif filters.when == "past":
        events = queries.past(events)
    return events


@router.get(
    "/{slug:slug}/events/{slug:event_slug}",
    response={200: EventOut, 404: ErrorOut, **READ_ERRORS},
    url_name="summit_event",
    operation_id="get_event",
    summary=gettext_lazy("Get an event"),
    openapi_extra=ANONYMOUS_ALLOWED,
)
def get_event(request, slug: str = SummitSlug, event_slug: str = EventSlug):
    summit = _summit_or_404(request.auth, slug)
    try:
        return queries.get_event_for_user(request.auth, summit, event_slug)
    except Http404:
        raise HttpError(
            404,
            _("There is no event “%(event)s” in this summit that you may see.")
            % {"event": event_slug},
        ) from None
