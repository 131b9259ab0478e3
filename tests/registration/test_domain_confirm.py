import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from cosummit.registration.domain import (
    HoldExpired,
    NotAllowed,
    approve_registration,
    confirm_registration,
    register,
    reject_registration,
)
from cosummit.registration.models import Registration, RegistrationSetup, Status
from cosummit.registration.queries import seats_taken
from tests.registration.factories import RegistrationFactory, make_registrant


@pytest.fixture
def held(open_event):
    registration = register(open_event, registrant=make_registrant(language="en"))
    mail.outbox.clear()
    return registration


def fill_with_waiting_list(event, waiting=1):
    """Take every seat but one already held, then queue `waiting` people."""
    setup = event.registration_setup
    taken = Registration.objects.filter(event=event, status=Status.HELD).count()
    RegistrationSetup.objects.filter(pk=setup.pk).update(capacity=taken)
    people = [register(event, registrant=make_registrant(100 + n)) for n in range(waiting)]
    mail.outbox.clear()
    return people


def test_confirming_a_held_seat_confirms_the_registration(held):
    now = timezone.now()

    registration = confirm_registration(held, now=now)

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at == now
    assert registration.hold_expires_at is None


def test_the_ticket_mail_carries_the_code_the_qr_code_and_the_calendar_file(held):
    confirm_registration(held)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    title = held.event.title.localize("en").text
    assert message.to == ["guest0@example.org"]
    assert message.subject == f"Your ticket: {title}"
    assert f"Your registration code is {held.code}." in message.body
    assert f"http://127.0.0.1:8000/en/registrations/{held.token}/" in message.body
    assert message.extra_headers["X-Cosummit-Summit"] == held.event.summit.slug
    (png_name, png, png_type), (ics_name, ics, ics_type) = message.attachments
    assert (png_name, png_type) == (f"ticket-{held.code}.png", "image/png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert (ics_name, ics_type) == (f"{held.code}.ics", "text/calendar")
    entry = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(entry["summary"]) == title
    assert held.code in str(entry["description"])


def test_confirming_twice_changes_nothing_and_sends_one_ticket(held):
    first = confirm_registration(held)
    confirmed_at = first.confirmed_at

    again = confirm_registration(Registration.objects.get(pk=held.pk))

    assert again.status == Status.CONFIRMED
    assert again.confirmed_at == confirmed_at
    assert len(mail.outbox) == 1


def test_confirming_an_offered_seat_before_its_deadline_confirms_it(open_event):
    offered = RegistrationFactory(
        event=open_event,
        status=Status.OFFERED,
        hold_expires_at=timezone.now() + dt.timedelta(hours=1),
    )

    assert confirm_registration(offered).status == Status.CONFIRMED


def test_confirming_after_the_deadline_releases_the_seat_to_the_waiting_list(held):
    first_waiting, second_waiting = fill_with_waiting_list(held.event, waiting=2)
    too_late = held.hold_expires_at

    with pytest.raises(HoldExpired) as raised:
        confirm_registration(held, now=too_late)

    assert str(raised.value.message) == (
        "The time to confirm this registration has passed and the seat was released."
    )
    held.refresh_from_db()
    assert held.status == Status.EXPIRED
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, second_waiting.status) == (Status.OFFERED, Status.WAITING)
    assert [(m.to[0], m.subject.split(":")[0]) for m in mail.outbox] == [
        ("guest0@example.org", "Your seat was released"),
        ("guest100@example.org", "A seat is free for you"),
    ]


def test_confirming_just_before_the_deadline_is_in_time(held):
    just_in_time = held.hold_expires_at - dt.timedelta(microseconds=1)

    assert confirm_registration(held, now=just_in_time).status == Status.CONFIRMED


@pytest.mark.parametrize(
    "status", [Status.WAITING, Status.CANCELLED, Status.EXPIRED, Status.REJECTED]
)
def test_a_registration_without_a_seat_to_confirm_cannot_be_confirmed(open_event, status):
    registration = RegistrationFactory(event=open_event, status=status)

    with pytest.raises(NotAllowed):
        confirm_registration(registration)

    registration.refresh_from_db()
    assert registration.status == status
    assert mail.outbox == []


def test_confirming_reads_the_registration_again_before_acting(held):
    stale = Registration.objects.get(pk=held.pk)
    Registration.objects.filter(pk=held.pk).update(status=Status.CANCELLED)

    with pytest.raises(NotAllowed):
        confirm_registration(stale)

    assert stale.status == Status.CANCELLED


# Approval by the organisers


@pytest.fixture
def approval_event(open_event):
    RegistrationSetup.objects.filter(event=open_event).update(requires_approval=True)
    return open_event


def test_when_organisers_approve_a_confirmed_email_waits_for_them_and_keeps_its_seat(
    approval_event,
):
    registration = register(approval_event, registrant=make_registrant())
    mail.outbox.clear()

    registration = confirm_registration(registration)

    assert registration.status == Status.AWAITING_APPROVAL
    assert registration.hold_expires_at is None
    assert seats_taken(approval_event.registration_setup) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("Registration received: ")
    assert "The organisers approve each registration" in message.body
    assert message.attachments == []


def test_approving_a_registration_confirms_it_and_sends_the_ticket(approval_event, organiser):
    registration = RegistrationFactory(event=approval_event, status=Status.AWAITING_APPROVAL)

    approve_registration(registration, by=organiser)

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at is not None
    # Subjects are folded on whitespace, so the non-breaking space becomes a plain one.
    assert mail.outbox[0].subject.startswith("Votre billet : ")
    assert len(mail.outbox[0].attachments) == 2


@pytest.mark.parametrize("status", [Status.HELD, Status.CONFIRMED, Status.WAITING])
def test_only_a_registration_awaiting_approval_can_be_approved(open_event, organiser, status):
    registration = RegistrationFactory(event=open_event, status=status)

    with pytest.raises(NotAllowed):
        approve_registration(registration, by=organiser)

    assert mail.outbox == []


def test_rejecting_a_registration_tells_the_person_and_offers_the_seat(approval_event, organiser):
    registration = RegistrationFactory(event=approval_event, status=Status.AWAITING_APPROVAL)
    RegistrationSetup.objects.filter(event=approval_event).update(capacity=1)
    waiting = RegistrationFactory(event=approval_event, status=Status.WAITING)

    reject_registration(registration, by=organiser)

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Status.REJECTED
    assert waiting.status == Status.OFFERED
    assert [m.subject.split(" :")[0] for m in mail.outbox] == [
        "Votre inscription n'a pas été acceptée",
        "Une place est disponible pour vous",
    ]


def test_rejecting_someone_on_the_waiting_list_offers_no_seat(open_event, organiser):
    RegistrationSetup.objects.filter(event=open_event).update(capacity=0)
    first, second = (RegistrationFactory(event=open_event, status=Status.WAITING) for _ in "ab")

    reject_registration(first, by=organiser)

    second.refresh_from_db()
    assert second.status == Status.WAITING
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("status", [Status.CONFIRMED, Status.CANCELLED, Status.REJECTED])
def test_a_confirmed_or_closed_registration_cannot_be_rejected(open_event, organiser, status):
    registration = RegistrationFactory(event=open_event, status=status)

    with pytest.raises(NotAllowed):
        reject_registration(registration, by=organiser)
