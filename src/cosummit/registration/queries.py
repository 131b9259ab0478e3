"""Reads of registrations: seats, the waiting list, and who may see what.

A registration is reached by its private token (the registrant, without an
account) or through a summit the person organises.
"""

import datetime as dt
from collections import Counter

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from cosummit.summits.models import Event, Summit
from cosummit.summits.queries import can_check_in, can_organise

from .models import SEAT_STATUSES, Registration, RegistrationSetup, Status


def get_setup(event: Event) -> RegistrationSetup:
    """The event's registration setup, created (disabled) on first use."""
    try:
        return event.registration_setup
    except RegistrationSetup.DoesNotExist:
        setup, _ = RegistrationSetup.objects.get_or_create(event=event)
        event.registration_setup = setup
        return setup


def seats_taken_by_category(setup: RegistrationSetup) -> Counter:
    """How many seats each participant category holds (held, offered, confirmed…)."""
    rows = (
        Registration.objects.filter(event_id=setup.event_id, status__in=SEAT_STATUSES)
        .values_list("category")
        .annotate(count=Count("pk"))
        # Without this, the model's ordering would be added to the GROUP BY.
        .order_by()
    )
    return Counter(dict(rows))


def seats_taken(setup: RegistrationSetup) -> int:
    return Registration.objects.filter(event_id=setup.event_id, status__in=SEAT_STATUSES).count()


def free_seats(setup: RegistrationSetup) -> int | None:
    """Seats left in the total capacity; None when there is no limit."""
    if setup.capacity is None:
        return None
    return max(setup.capacity - seats_taken(setup), 0)


def status_counts(event: Event) -> Counter:
    """The number of registrations in each status, for one event."""
    rows = (
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return Counter(dict(rows))


def waiting_list(event: Event) -> QuerySet[Registration]:
    """The people waiting for a seat, first come first."""
    return Registration.objects.filter(event=event, status=Status.WAITING).order_by(
        "waiting_since", "pk"
    )


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person on the waiting list; None for anyone not waiting."""
    if registration.status != Status.WAITING or registration.waiting_since is None:
        return None
    ahead = (
        waiting_list(registration.event_id)
        .filter(waiting_since__lte=registration.waiting_since)
        .exclude(waiting_since=registration.waiting_since, pk__gte=registration.pk)
        .count()
    )
    return ahead + 1


def is_open(setup: RegistrationSetup, now: dt.datetime | None = None) -> bool:
    """Whether people may register now: enabled, published, after opening, before closing."""
    now = now or timezone.now()
    if not setup.is_enabled:
        return False
    if setup.opens_at is not None and now < setup.opens_at:
        return False
    if setup.closes_at is not None and now >= setup.closes_at:
        return False
    event = setup.event
    if not event.is_published or not event.summit.is_published:
        return False
    return now < event.ends_at


def registration_for_token(token: str) -> Registration:
    """The registration behind a private link; 404 for any unknown token."""
    registration = (
        Registration.objects.filter(token=token)
        .select_related("event__summit", "event__venue", "event__registration_setup")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def registrations_for_organiser(user, summit: Summit) -> QuerySet[Registration]:
    """Every registration for the summit's events, for its organisers; none for others."""
    if not can_organise(user, summit):
        return Registration.objects.none()
    return Registration.objects.filter(event__summit=summit).select_related("event")


def registrations_for_check_in(user, summit: Summit) -> QuerySet[Registration]:
    """The registrations a check-in volunteer (or an organiser) of the summit may see."""
    if not can_check_in(user, summit):
        return Registration.objects.none()
    return Registration.objects.filter(event__summit=summit).select_related(
        "event", "checked_in_by"
    )


def registrations_of_user(user) -> QuerySet[Registration]:
    """The registrations linked to a signed-in person's account, latest event first."""
    if not user.is_authenticated:
        return Registration.objects.none()
    return (
        Registration.objects.filter(user=user)
        .select_related("event__summit")
        .order_by("-event__starts_at", "-pk")
    )
