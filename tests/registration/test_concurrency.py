"""Seats under a rush: 50 real threads, each with its own database connection.

They start together behind a barrier and run the domain functions as the
views do. The guarantees hold on PostgreSQL (row lock on the setup) and on
SQLite (IMMEDIATE transactions on a WAL file database).
"""

import itertools
from collections import Counter

import pytest
from django.core import mail
from django.db import OperationalError, connection

from cosummit.registration.domain import (
    AlreadyRegistered,
    NotAllowed,
    Registrant,
    cancel_registration,
    confirm_registration,
    register,
    release_expired_holds,
)
from cosummit.registration.models import SEAT_STATUSES, Registration, Status
from cosummit.registration.seats import retry_when_locked
from tests.registration.factories import RegistrationSetupFactory
from tests.threads import run_at_once

THREADS = 50

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]


def registrant(number: int, **kwargs) -> Registrant:
    defaults = {
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "organisation_type": "civil_society",
        "language": "en",
        "consented": True,
    }
    return Registrant(**{**defaults, **kwargs})


def registering(event, person: Registrant):
    return lambda: register(event, registrant=person)


def assert_waiting_list_in_arrival_order(event):
    waiting = list(Registration.objects.filter(event=event, status=Status.WAITING).order_by("pk"))
    times = [registration.waiting_since for registration in waiting]
    assert all(earlier < later for earlier, later in itertools.pairwise(times))


def test_fifty_people_registering_at_once_get_ten_seats_and_the_rest_waits_in_order():
    event = RegistrationSetupFactory(capacity=10).event

    results = run_at_once([registering(event, registrant(n)) for n in range(THREADS)])

    assert [r for r in results if not isinstance(r, Registration)] == []
    registrations = list(Registration.objects.filter(event=event).order_by("pk"))
    assert len(registrations) == THREADS
    statuses = [registration.status for registration in registrations]
    assert statuses == [Status.HELD] * 10 + [Status.WAITING] * 40
    assert_waiting_list_in_arrival_order(event)
    subjects = Counter(message.subject.split(":")[0] for message in mail.outbox)
    assert subjects == {"Confirm your registration": 10, "You are on the waiting list": 40}
    positions = sorted(
        int(message.body.split("in position ")[1].split(".")[0])
        for message in mail.outbox
        if "waiting list" in message.subject
    )
    assert positions == list(range(1, 41))


def test_fifty_requests_with_the_same_email_at_once_make_one_registration():
    event = RegistrationSetupFactory(capacity=10).event
    spellings = ["same@example.org", "Same@Example.org", " SAME@EXAMPLE.ORG "]
    people = [registrant(0, email=spellings[n % 3]) for n in range(THREADS)]

    results = run_at_once([registering(event, person) for person in people])

    registration = Registration.objects.get(event=event)
    assert registration.email == "same@example.org"
    assert registration.status == Status.HELD
    created = [r for r in results if isinstance(r, Registration)]
    refused = [r for r in results if isinstance(r, AlreadyRegistered)]
    assert [r.pk for r in created] == [registration.pk]
    assert len(refused) == THREADS - 1
    assert {error.registration.pk for error in refused} == {registration.pk}
    subjects = Counter(message.subject.split(":")[0] for message in mail.outbox)
    assert subjects == {"Confirm your registration": 1, "Your registration": THREADS - 1}


def test_cancellations_confirmations_and_registrations_at_once_keep_capacity_and_order():
    event = RegistrationSetupFactory(capacity=10).event
    held = [register(event, registrant=registrant(n)) for n in range(10)]
    waiting = [register(event, registrant=registrant(n)) for n in range(10, 30)]
    assert {r.status for r in held} == {Status.HELD}
    assert {r.status for r in waiting} == {Status.WAITING}
    mail.outbox.clear()

    actions = (
        # Six people cancel the same registration at once: it is cancelled once.
        [lambda: cancel_registration(held[0]) for _ in range(6)]
        + [lambda r=r: cancel_registration(r) for r in held[1:5]]
        + [lambda r=r: confirm_registration(r) for r in held[5:10]]
        # People leave the waiting list, perhaps just after a seat was offered to them.
        + [lambda r=r: cancel_registration(r) for r in waiting[0:5]]
        + [registering(event, registrant(n)) for n in range(30, 60)]
    )
    assert len(actions) == THREADS
    results = run_at_once(actions)

    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, NotAllowed)]
    assert unexpected == []
    assert sum(isinstance(r, NotAllowed) for r in results) == 5
    by_status = Counter(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert sum(by_status[status] for status in SEAT_STATUSES) == 10
    assert by_status == {
        Status.CONFIRMED: 5,
        Status.OFFERED: 5,
        Status.CANCELLED: 10,
        Status.WAITING: 40,
    }
    # Freed seats went to the first people still waiting, in the order they came.
    offered = Registration.objects.filter(event=event, status=Status.OFFERED).order_by("pk")
    assert [r.pk for r in offered] == [r.pk for r in waiting[5:10]]
    assert_waiting_list_in_arrival_order(event)
    # Nobody was offered a seat twice.
    offers = Counter(
        message.to[0] for message in mail.outbox if message.subject.startswith("A seat is free")
    )
    assert set(offers.values()) == {1}


def test_holds_expiring_while_people_register_are_released_once_and_offered_in_order():
    import datetime as dt

    from django.utils import timezone

    event = RegistrationSetupFactory(capacity=10).event
    held = [register(event, registrant=registrant(n)) for n in range(10)]
    waiting = [register(event, registrant=registrant(n)) for n in range(10, 20)]
    Registration.objects.filter(pk__in=[r.pk for r in held[:4]]).update(
        hold_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    mail.outbox.clear()

    actions = [release_expired_holds for _ in range(20)] + [
        registering(event, registrant(n)) for n in range(20, 50)
    ]
    results = run_at_once(actions)

    assert [r for r in results if isinstance(r, Exception)] == []
    expired = Registration.objects.filter(event=event, status=Status.EXPIRED).order_by("pk")
    assert [r.pk for r in expired] == [r.pk for r in held[:4]]
    offered = Registration.objects.filter(event=event, status=Status.OFFERED).order_by("pk")
    assert [r.pk for r in offered] == [r.pk for r in waiting[:4]]
    assert Registration.objects.filter(event=event, status__in=SEAT_STATUSES).count() == 10
    subjects = Counter(message.subject.split(":")[0] for message in mail.outbox)
    assert subjects == {
        "Your seat was released": 4,
        "A seat is free for you": 4,
        "You are on the waiting list": 30,
    }
    # Registrations release expired holds too: the task may find fewer left.
    assert sum(r for r in results if isinstance(r, int) and not isinstance(r, bool)) <= 4


def test_a_transaction_that_gave_up_waiting_for_the_sqlite_lock_runs_again():
    if connection.vendor != "sqlite":
        pytest.skip("Only SQLite makes writers give up waiting for the database lock.")
    calls = []

    @retry_when_locked
    def write():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("database is locked")
        return "written"

    assert write() == "written"
    assert len(calls) == 3


def test_other_database_errors_are_not_run_again():
    calls = []

    @retry_when_locked
    def write():
        calls.append(1)
        raise OperationalError("disk I/O error")

    with pytest.raises(OperationalError):
        write()

    assert len(calls) == 1
