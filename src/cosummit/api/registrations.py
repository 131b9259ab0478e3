"""Registrations of an event, for the summit's organisers; check-in for its staff.

The same reads and writes as the organisers' pages: the list with its filters,
the CSV export and `domain.check_in`. A token whose owner may not do this in
the summit gets 403 when the summit is visible to them, 404 otherwise.
"""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja import Status as Answer
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import BeforeValidator

from cosummit.registration import domain, exports
from cosummit.registration import organiser_queries as organiser
from cosummit.registration.models import Category, Registration, Status
from cosummit.summits import queries
from cosummit.summits.models import Event, Summit

from .auth import token_required
from .pagination import LimitOffsetPagination
from .schemas import READ_ERRORS, ErrorOut

router = Router(auth=token_required, tags=["registrations"])

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
EventSlug = Path(description=gettext_lazy("The event's short name in addresses."))
CodePath = Path(description=gettext_lazy("The registration code, as printed on the ticket."))
PERMISSION_ERRORS = {403: ErrorOut, 404: ErrorOut, **READ_ERRORS}


def _in_event_time(registration: Registration, value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(registration.event.tz) if value else None


class RegistrationOut(Schema):
    code: str = Field(description=gettext_lazy("The registration code, also in the QR code."))
    status: Status
    status_label: str = Field(description=gettext_lazy("The status, in the reader's language."))
    category: Category
    name: str
    email: str
    organisation: str
    organisation_type: str
    country: str = Field(description=gettext_lazy("ISO 3166-1 alpha-2 code, or empty."))
    language: str = Field(description=gettext_lazy("The language of the registrant's e-mails."))
    answers: dict[str, Any] = Field(
        description=gettext_lazy("Answers to the event's questions, keyed by question id.")
    )
    registered_at: dt.datetime = Field(
        description=gettext_lazy("ISO 8601, in the event's time zone, with its UTC offset.")
    )
    confirmed_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    checked_in_at: dt.datetime | None
    checked_in_by: str | None = Field(description=gettext_lazy("Who checked the person in."))

    @staticmethod
    def resolve_status_label(registration) -> str:
        return registration.get_status_display()

    @staticmethod
    def resolve_country(registration) -> str:
        return registration.country.code or ""

    @staticmethod
    def resolve_registered_at(registration) -> dt.datetime:
        return _in_event_time(registration, registration.created_at)

    @staticmethod
    def resolve_confirmed_at(registration):
        return _in_event_time(registration, registration.confirmed_at)

    @staticmethod
    def resolve_cancelled_at(registration):
        return _in_event_time(registration, registration.cancelled_at)

    @staticmethod
    def resolve_checked_in_at(registration):
        return _in_event_time(registration, registration.checked_in_at)

    @staticmethod
    def resolve_checked_in_by(registration) -> str | None:
        person = registration.checked_in_by
        return (person.name or person.email) if person else None


class CheckInOut(Schema):
    already_checked_in: bool = Field(
        description=gettext_lazy("True when the person had been checked in before this request.")
    )
    registration: RegistrationOut


def _empty_is_none(value):
    return value or None


class RegistrationFilters(Schema):
    status: Annotated[Status | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("Only registrations in this status.")
    )
    category: Annotated[Category | None, BeforeValidator(_empty_is_none)] = Field(
        None, description=gettext_lazy("Only registrations of this participant category.")
    )
    search: str = Field(
        "",
        max_length=200,
        description=gettext_lazy("Text in the name, e-mail or organisation, or a code."),
    )

    def as_filters(self) -> organiser.RegistrationFilters:
        return organiser.RegistrationFilters(
            search=self.search.strip(),
            status=self.status.value if self.status else "",
            category=self.category.value if self.category else "",
        )


def _event(
    user, slug: str, event_slug: str, *, allowed: Callable[[Any, Summit], bool], refusal: str
) -> Event:
    summit = Summit.objects.filter(slug=slug).first()
    if summit is None:
        raise HttpError(404, _("There is no summit “%(slug)s” that you may see.") % {"slug": slug})
    if not allowed(user, summit):
        if summit.is_published or queries.can_organise(user, summit):
            raise HttpError(403, refusal)
        raise HttpError(404, _("There is no summit “%(slug)s” that you may see.") % {"slug": slug})
    event = Event.objects.filter(summit=summit, slug=event_slug).first()
    if event is None:
        raise HttpError(
            404, _("There is no event “%(event)s” in this summit.") % {"event": event_slug}
        )
    event.summit = summit
    return event


def _organisers_only() -> str:
    return _("Only the summit's organisers may read its registrations.")


def _registrations(event: Event):
    return organiser.event_registrations(event).select_related("event__summit")


@router.get(
    "/{slug:slug}/events/{slug:event_slug}/registrations",
    response={200: list[RegistrationOut], **PERMISSION_ERRORS},
    url_name="event_registrations",
    operation_id="list_registrations",
    summary=gettext_lazy("List an event's registrations"),
    description=gettext_lazy(
        "For the summit's organisers: every registration, in the order people registered."
    ),
)
@paginate(LimitOffsetPagination)
def list_registrations(
    request,
    slug: str = SummitSlug,
    event_slug: str = EventSlug,
    filters: RegistrationFilters = Query(...),  # noqa: B008
):
    event = _event(
        request.auth, slug, event_slug, allowed=queries.can_organise, refusal=_organisers_only()
    )
    return organiser.filter_registrations(_registrations(event), filters.as_filters())


@router.get(
    "/{slug:slug}/events/{slug:event_slug}/registrations/export",
    response={200: None, **PERMISSION_ERRORS},
    url_name="event_registrations_export",
    operation_id="export_registrations",
    summary=gettext_lazy("Export an event's registrations as CSV"),
    description=gettext_lazy(
        "For the summit's organisers: one row per registration with every field and one "
        "column per question, labels in the language of the Accept-Language header."
    ),
    openapi_extra={
        "responses": {
            "200": {
                "description": "CSV",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            }
        }
    },
)
def export_registrations(
    request,
    slug: str = SummitSlug,
    event_slug: str = EventSlug,
    filters: RegistrationFilters = Query(...),  # noqa: B008
):
    event = _event(
        request.auth, slug, event_slug, allowed=queries.can_organise, refusal=_organisers_only()
    )
    registrations = organiser.filter_registrations(_registrations(event), filters.as_filters())
    text = exports.registrations_csv(
        registrations, organiser.questions_of(event), language=get_language()
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, exports.csv_filename(event))
    return response


@router.post(
    "/{slug:slug}/events/{slug:event_slug}/registrations/{code}/check-in",
    response={200: CheckInOut, 409: ErrorOut, **PERMISSION_ERRORS},
    url_name="registration_check_in",
    operation_id="check_in",
    summary=gettext_lazy("Check someone in"),
    description=gettext_lazy(
        "For the summit's organisers and check-in staff. Only confirmed registrations can be "
        "checked in (409 otherwise); checking someone in again changes nothing and says when "
        "and by whom they were checked in."
    ),
)
def check_in(request, slug: str = SummitSlug, event_slug: str = EventSlug, code: str = CodePath):
    event = _event(
        request.auth,
        slug,
        event_slug,
        allowed=queries.can_check_in,
        refusal=_("Only the summit's organisers and check-in staff may check people in."),
    )
    registration = organiser.registration_by_code(event, code)
    if registration is None:
        raise HttpError(
            404, _("There is no registration “%(code)s” for this event.") % {"code": code}
        )
    registration.event = event
    try:
        result = domain.check_in(registration, by=request.auth)
    except domain.NotAllowed:
        return Answer(
            409,
            {
                "detail": _(
                    "Only confirmed registrations can be checked in; this one is: %(status)s."
                )
                % {"status": registration.get_status_display()}
            },
        )
    registration = _registrations(event).get(pk=registration.pk)
    return {"already_checked_in": result.already, "registration": registration}
