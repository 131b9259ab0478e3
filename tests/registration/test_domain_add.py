import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.registration.domain import AlreadyRegistered, add_registration
from cosummit.registration.models import Registration, RegistrationSetup, Status
from tests.factories import EventFactory
from tests.registration.factories import make_registrant


def test_an_organiser_adds_someone_confirmed_at_once_with_the_ticket(open_event, organiser):
    registration = add_registration(open_event, registrant=make_registrant(), by=organiser)

    assert registration.status == Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert mail.outbox[0].subject.startswith("Your ticket: ")
    assert len(mail.outbox[0].attachments) == 2


def test_an_organiser_may_add_someone_before_registration_opens(open_event, organiser):
    RegistrationSetup.objects.filter(event=open_event).update(
        is_enabled=False, opens_at=timezone.now() + dt.timedelta(days=3)
    )

    registration = add_registration(open_event, registrant=make_registrant(), by=organiser)

    assert registration.status == Status.CONFIRMED


def test_an_organiser_may_add_someone_to_an_event_without_setup(organiser, db):
    event = EventFactory()

    registration = add_registration(event, registrant=make_registrant(), by=organiser)

    assert registration.status == Status.CONFIRMED
    assert RegistrationSetup.objects.filter(event=event).count() == 1


def test_someone_added_to_a_full_event_goes_on_the_waiting_list(open_event, organiser):
    RegistrationSetup.objects.filter(event=open_event).update(capacity=0)

    registration = add_registration(open_event, registrant=make_registrant(), by=organiser)

    assert registration.status == Status.WAITING
    assert mail.outbox[0].subject.startswith("You are on the waiting list: ")


def test_adding_an_email_already_registered_is_refused_without_mail(open_event, organiser):
    first = add_registration(open_event, registrant=make_registrant(), by=organiser)
    mail.outbox.clear()

    with pytest.raises(AlreadyRegistered) as raised:
        add_registration(
            open_event, registrant=make_registrant(email="GUEST0@example.org"), by=organiser
        )

    assert raised.value.registration == first
    assert str(raised.value.message) == "This e-mail address is already registered."
    assert Registration.objects.count() == 1
    assert mail.outbox == []
