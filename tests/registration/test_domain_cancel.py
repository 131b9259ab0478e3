import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.registration.domain import NotAllowed, cancel_registration, register
from cosummit.registration.models import Registration, RegistrationSetup, Status
from cosummit.registration.queries import seats_taken, waiting_position
from tests.registration.factories import RegistrationFactory, make_registrant


@pytest.fixture
def full_event(open_event):
    """One seat, taken, and two people waiting."""
    RegistrationSetup.objects.filter(event=open_event).update(capacity=1, offer_hours=24)
    return open_event


def test_cancelling_a_held_seat_offers_it_to_the_first_person_waiting(full_event):
    holder = register(full_event, registrant=make_registrant(1))
    first = register(full_event, registrant=make_registrant(2))
    second = register(full_event, registrant=make_registrant(3))
    mail.outbox.clear()
    now = timezone.now()

    cancel_registration(holder, now=now)

    holder.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (holder.status, holder.cancelled_at) == (Status.CANCELLED, now)
    assert first.status == Status.OFFERED
    assert first.hold_expires_at == now + dt.timedelta(hours=24)
    assert second.status == Status.WAITING
    assert waiting_position(second) == 1
    cancelled, offered = mail.outbox
    assert cancelled.to == ["guest1@example.org"]
    assert cancelled.subject.startswith("Registration cancelled: ")
    assert "As you asked, your registration for" in cancelled.body
    assert offered.to == ["guest2@example.org"]
    assert offered.subject.startswith("A seat is free for you: ")
    assert f"/en/registrations/{first.token}/confirm/" in offered.body
    assert f"/en/registrations/{first.token}/cancel/" in offered.body


def test_the_offer_mail_gives_the_deadline_in_the_event_time_zone(full_event):
    holder = register(full_event, registrant=make_registrant(1))
    register(full_event, registrant=make_registrant(2, language="fr"))
    mail.outbox.clear()
    now = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)

    cancel_registration(holder, now=now)

    assert "2 janvier 2030 13:00" in mail.outbox[1].body


def test_cancelling_a_confirmed_registration_frees_its_seat(full_event):
    holder = RegistrationFactory(event=full_event, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=full_event, status=Status.WAITING)

    cancel_registration(holder)

    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert seats_taken(full_event.registration_setup) == 1


def test_leaving_the_waiting_list_offers_no_seat(full_event):
    RegistrationFactory(event=full_event, status=Status.CONFIRMED)
    leaving, staying = (RegistrationFactory(event=full_event, status=Status.WAITING) for _ in "ab")

    cancel_registration(leaving)

    staying.refresh_from_db()
    assert staying.status == Status.WAITING
    assert waiting_position(staying) == 1
    assert len(mail.outbox) == 1


def test_an_organiser_cancelling_says_so_in_the_mail(open_event, organiser):
    registration = RegistrationFactory(event=open_event, status=Status.CONFIRMED)

    cancel_registration(registration, by=organiser)

    assert "Les organisateurs ont annulé votre inscription" in mail.outbox[0].body


def test_a_registrant_cancelling_while_signed_in_is_not_called_an_organiser(
    open_event, participant
):
    registration = RegistrationFactory(event=open_event, user=participant)

    cancel_registration(registration, by=participant)

    assert "Comme vous l'avez demandé, votre inscription" in mail.outbox[0].body


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.EXPIRED, Status.REJECTED])
def test_a_registration_no_longer_active_cannot_be_cancelled(open_event, status):
    registration = RegistrationFactory(event=open_event, status=status)

    with pytest.raises(NotAllowed):
        cancel_registration(registration)

    assert mail.outbox == []


def test_cancelling_twice_cancels_once(open_event):
    registration = RegistrationFactory(event=open_event)
    stale = Registration.objects.get(pk=registration.pk)
    cancel_registration(registration)

    with pytest.raises(NotAllowed):
        cancel_registration(stale)

    assert len(mail.outbox) == 1
