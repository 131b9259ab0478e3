"""Reads for the organiser area's registration pages, check-in and the organiser API.

Permission-aware helpers (`get_*_for_organiser`, `get_*_for_check_in`) find
the object inside the summit named in the address, then check the person's
role; anyone else gets 404, like the rest of the organiser area. Counts are
computed by the database in one query, whatever the number of events or
registrations.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from cosummit.summits.models import Event, Summit
from cosummit.summits.queries import can_check_in, can_organise

from .models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    Category,
    Registration,
    RegistrationQuestion,
    RegistrationSetup,
    Status,
)

# The address of an erased registration's e-mail: nobody can be written to.
ERASED_EMAIL_DOMAIN = "@invalid"


# Permissions


def get_event_for_organiser(user, summit_slug: str, event_slug: str) -> Event:
    event = (
        Event.objects.filter(summit__slug=summit_slug, slug=event_slug)
        .select_related("summit", "registration_setup")
        .first()
    )
    if event is None:
        raise Http404
    if not can_organise(user, event.summit):
        raise Http404
    return event


def get_registration_for_organiser(user, summit_slug: str, event_slug: str, pk: int):
    registration = (
        Registration.objects.filter(event__summit__slug=summit_slug, event__slug=event_slug, pk=pk)
        .select_related("event__summit")
        .first()
    )
    if registration is None:
        raise Http404
    if not can_organise(user, registration.event.summit):
        raise Http404
    return registration


def get_question_for_organiser(user, summit_slug: str, event_slug: str, pk: int):
    question = (
        RegistrationQuestion.objects.filter(
            setup__event__summit__slug=summit_slug, setup__event__slug=event_slug, pk=pk
        )
        .select_related("setup__event__summit", "depends_on")
        .first()
    )
    if question is None:
        raise Http404
    if not can_organise(user, question.setup.event.summit):
        raise Http404
    return question


def get_summit_for_check_in(user, summit_slug: str) -> Summit:
    summit = Summit.objects.filter(slug=summit_slug).first()
    if summit is None:
        raise Http404
    if not can_check_in(user, summit):
        raise Http404
    return summit


def get_event_for_check_in(user, summit_slug: str, event_slug: str) -> Event:
    event = (
        Event.objects.filter(summit__slug=summit_slug, slug=event_slug)
        .select_related("summit")
        .first()
    )
    if event is None:
        raise Http404
    if not can_check_in(user, event.summit):
        raise Http404
    return event


# The per-summit overview


def _count(condition: Q) -> Count:
    return Count("registrations", filter=condition)


def events_with_registration_counts(summit: Summit) -> QuerySet[Event]:
    """The summit's events with their setup and counts, in one query.

    Each event carries `held`, `awaiting_approval`, `confirmed`, `offered`,
    `waiting`, `seats_taken` and `checked_in`.
    """
    return (
        Event.objects.filter(summit=summit)
        .select_related("summit", "registration_setup")
        .annotate(
            held=_count(Q(registrations__status=Status.HELD)),
            awaiting_approval=_count(Q(registrations__status=Status.AWAITING_APPROVAL)),
            confirmed=_count(Q(registrations__status=Status.CONFIRMED)),
            offered=_count(Q(registrations__status=Status.OFFERED)),
            waiting=_count(Q(registrations__status=Status.WAITING)),
            seats_taken=_count(Q(registrations__status__in=SEAT_STATUSES)),
            checked_in=_count(Q(registrations__checked_in_at__isnull=False)),
        )
        .order_by("starts_at", "pk")
    )


def setup_of(event: Event) -> RegistrationSetup | None:
    """The event's setup when it has one, read from `select_related` when it was."""
    try:
        return event.registration_setup
    except RegistrationSetup.DoesNotExist:
        return None


class RegistrationState:
    NOT_SET_UP = "not_set_up"
    DISABLED = "disabled"
    NOT_OPEN_YET = "not_open_yet"
    OPEN = "open"
    CLOSED = "closed"


def registration_state(setup: RegistrationSetup | None, now: dt.datetime | None = None) -> str:
    """Where the event's registration stands, for the organisers' overview."""
    now = now or timezone.now()
    if setup is None:
        return RegistrationState.NOT_SET_UP
    if not setup.is_enabled:
        return RegistrationState.DISABLED
    if setup.opens_at is not None and now < setup.opens_at:
        return RegistrationState.NOT_OPEN_YET
    if setup.closes_at is not None and now >= setup.closes_at:
        return RegistrationState.CLOSED
    return RegistrationState.OPEN


# The registrations page of an event


@dataclass(frozen=True)
class RegistrationFilters:
    search: str = ""
    status: str = ""
    category: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.search or self.status or self.category)

    def as_query(self) -> dict[str, str]:
        values = {"q": self.search, "status": self.status, "category": self.category}
        return {key: value for key, value in values.items() if value}


def event_registrations(event: Event) -> QuerySet[Registration]:
    return Registration.objects.filter(event=event).select_related("checked_in_by")


def filter_registrations(
    registrations: QuerySet[Registration], filters: RegistrationFilters
) -> QuerySet[Registration]:
    """Registrations whose name, e-mail, organisation or code contain the search."""
    if filters.search:
        search = filters.search.strip()
        registrations = registrations.filter(
            Q(name__icontains=search)
            | Q(email__icontains=search)
            | Q(organisation__icontains=search)
            | Q(code__iexact=normalise_code(search))
        )
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    if filters.category:
        registrations = registrations.filter(category=filters.category)
    return registrations


def normalise_code(text: str) -> str:
    """A registration code as typed or read from a QR code: upper case, no spaces or dashes."""
    return "".join(character for character in text.upper() if character.isalnum())


def message_recipients(event: Event, filters: RegistrationFilters) -> QuerySet[Registration]:
    """Who a message to the registrants matching `filters` reaches.

    Without a status filter, only active registrations: people who cancelled,
    expired or were rejected are not written to unless the organiser filters
    on that status. Erased registrations have no address left.
    """
    registrations = filter_registrations(Registration.objects.filter(event=event), filters)
    if not filters.status:
        registrations = registrations.filter(status__in=ACTIVE_STATUSES)
    return registrations.exclude(email__endswith=ERASED_EMAIL_DOMAIN)


@dataclass(frozen=True)
class Counts:
    """Registrations of an event by status and by category."""

    by_status: dict[str, int]
    by_category: dict[str, int]
    total: int


def counts_by_status_and_category(event: Event) -> Counts:
    rows = (
        Registration.objects.filter(event=event)
        .values_list("status", "category")
        .annotate(count=Count("pk"))
        .order_by()
    )
    by_status = dict.fromkeys(Status.values, 0)
    by_category = dict.fromkeys(Category.values, 0)
    total = 0
    for status, category, count in rows:
        by_status[status] = by_status.get(status, 0) + count
        by_category[category] = by_category.get(category, 0) + count
        total += count
    return Counts(by_status=by_status, by_category=by_category, total=total)


def registrations_per_day(event: Event) -> list[tuple[dt.date, int]]:
    """How many people registered each day, in the event's time zone, days without any included."""
    rows = (
        Registration.objects.filter(event=event)
        .annotate(day=TruncDate("created_at", tzinfo=event.tz))
        .values_list("day")
        .annotate(count=Count("pk"))
        .order_by("day")
    )
    counted = dict(rows)
    if not counted:
        return []
    first, last = min(counted), max(counted)
    days = (last - first).days + 1
    return [
        (first + dt.timedelta(days=offset), counted.get(first + dt.timedelta(days=offset), 0))
        for offset in range(days)
    ]


def questions_of(event: Event) -> list[RegistrationQuestion]:
    return list(
        RegistrationQuestion.objects.filter(setup__event=event).select_related("depends_on")
    )


# Check-in


@dataclass(frozen=True)
class CheckInCount:
    category: str
    label: str
    checked_in: int
    confirmed: int


def check_in_counts(event: Event) -> tuple[list[CheckInCount], CheckInCount]:
    """People checked in among the confirmed, by category, and in total."""
    rows = (
        Registration.objects.filter(event=event, status=Status.CONFIRMED)
        .values_list("category")
        .annotate(
            checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
            confirmed=Count("pk"),
        )
        .order_by()
    )
    counted = {category: (checked_in, confirmed) for category, checked_in, confirmed in rows}
    by_category = [
        CheckInCount(category, str(label), *counted.get(category, (0, 0)))
        for category, label in Category.choices
    ]
    total = CheckInCount(
        "",
        "",
        sum(count.checked_in for count in by_category),
        sum(count.confirmed for count in by_category),
    )
    return by_category, total


def check_in_matches(event: Event, text: str, *, limit: int = 20) -> list[Registration]:
    """Registrations of the event found by code, name, e-mail or organisation."""
    filters = RegistrationFilters(search=text)
    registrations = filter_registrations(event_registrations(event), filters)
    return list(registrations.order_by("name", "pk")[:limit])


def registration_by_code(event: Event, text: str) -> Registration | None:
    code = normalise_code(text)
    if not code:
        return None
    return event_registrations(event).filter(code=code).first()


def check_in_events(summit: Summit) -> QuerySet[Event]:
    """Events where people may be checked in: those with registration set up."""
    return (
        Event.objects.filter(summit=summit, registration_setup__isnull=False)
        .select_related("summit")
        .annotate(
            confirmed=_count(Q(registrations__status=Status.CONFIRMED)),
            checked_in=_count(
                Q(registrations__status=Status.CONFIRMED)
                & Q(registrations__checked_in_at__isnull=False)
            ),
        )
        .order_by("starts_at", "pk")
    )
