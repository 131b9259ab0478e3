import pytest
from django.core import mail

from cosummit.registration.domain import (
    NotAllowed,
    RegistrationError,
    register,
    update_registration,
)
from cosummit.registration.models import Quota, Registration, RegistrationSetup, Status
from tests.registration.factories import RegistrationFactory, make_registrant


def details(**overrides) -> dict:
    values = {
        "answers": {"7": "Vegan"},
        "name": "Ada Lovelace",
        "organisation": "Analytical Engines",
        "organisation_type": "civil_society",
        "country": "GB",
    }
    return values | overrides


def test_updating_a_registration_changes_its_details_and_answers(open_event):
    registration = RegistrationFactory(event=open_event, answers={"7": "None"})

    update_registration(registration, **details(name="  Ada Lovelace "))

    registration.refresh_from_db()
    assert registration.name == "Ada Lovelace"
    assert registration.organisation == "Analytical Engines"
    assert registration.country == "GB"
    assert registration.answers == {"7": "Vegan"}
    assert registration.status == Status.CONFIRMED
    assert mail.outbox == []


def test_a_new_organisation_type_moves_the_registration_to_its_category(open_event):
    registration = RegistrationFactory(event=open_event, organisation_type="civil_society")

    update_registration(registration, **details(organisation_type="government"))

    registration.refresh_from_db()
    assert registration.category == "government"


def test_moving_to_a_category_without_seats_left_is_refused_and_changes_nothing(open_event):
    setup = open_event.registration_setup
    Quota.objects.create(setup=setup, category="government", capacity=1)
    RegistrationFactory(event=open_event, organisation_type="government")
    registration = RegistrationFactory(
        event=open_event, organisation_type="civil_society", name="Grace Hopper"
    )

    with pytest.raises(RegistrationError) as raised:
        update_registration(registration, **details(organisation_type="government"))

    assert "no seat left for people from this type of organisation" in str(raised.value.message)
    registration.refresh_from_db()
    assert (registration.category, registration.name) == ("civil_society", "Grace Hopper")


def test_someone_waiting_may_move_to_a_full_category_and_keeps_their_place(open_event):
    setup = open_event.registration_setup
    Quota.objects.create(setup=setup, category="government", capacity=0)
    registration = register(open_event, registrant=make_registrant(organisation_type="academia"))
    RegistrationSetup.objects.filter(pk=setup.pk).update(capacity=1)
    waiting = register(open_event, registrant=make_registrant(2))

    update_registration(waiting, **details(organisation_type="government"))

    waiting.refresh_from_db()
    assert (waiting.status, waiting.category) == (Status.WAITING, "government")
    assert registration.status == Status.HELD


def test_leaving_a_full_category_lets_the_next_person_of_that_category_in(open_event):
    setup = open_event.registration_setup
    Quota.objects.create(setup=setup, category="government", capacity=1)
    leaving = register(open_event, registrant=make_registrant(1, organisation_type="government"))
    waiting = register(open_event, registrant=make_registrant(2, organisation_type="government"))
    assert waiting.status == Status.WAITING
    mail.outbox.clear()

    update_registration(leaving, **details(organisation_type="civil_society"))

    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert mail.outbox[0].to == ["guest2@example.org"]


def test_a_closed_registration_cannot_be_updated(open_event):
    registration = RegistrationFactory(event=open_event, status=Status.CANCELLED)

    with pytest.raises(NotAllowed):
        update_registration(registration, **details())

    assert Registration.objects.get(pk=registration.pk).name == registration.name
