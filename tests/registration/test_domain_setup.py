import pytest
from django.core import mail

from cosummit.registration.domain import set_quotas, update_registration_setup
from cosummit.registration.models import Quota, RegistrationSetup, Status
from cosummit.registration.queries import get_setup
from tests.factories import EventFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory


def test_get_setup_makes_a_disabled_setup_for_an_event_without_one(db):
    event = EventFactory()

    setup = get_setup(event)

    assert setup.pk is not None
    assert setup.is_enabled is False
    assert get_setup(event) == setup
    assert RegistrationSetup.objects.filter(event=event).count() == 1


def test_updating_the_setup_saves_the_changed_fields(open_setup, organiser):
    update_registration_setup(
        open_setup, by=organiser, capacity=20, requires_approval=True, hold_hours=12
    )

    saved = RegistrationSetup.objects.get(pk=open_setup.pk)
    assert (saved.capacity, saved.requires_approval, saved.hold_hours) == (20, True, 12)
    assert open_setup.capacity == 20
    assert saved.consent_version == 1


def test_a_new_consent_text_gets_a_new_version(open_setup, organiser):
    update_registration_setup(
        open_setup, by=organiser, consent_text={"fr": "Nouveau texte.", "en": "New text."}
    )
    update_registration_setup(
        open_setup, by=organiser, consent_text={"fr": "Nouveau texte.", "en": "New text."}
    )

    saved = RegistrationSetup.objects.get(pk=open_setup.pk)
    assert saved.consent_version == 2
    assert open_setup.consent_version == 2
    assert saved.consent_text == {"fr": "Nouveau texte.", "en": "New text."}


def test_the_first_consent_text_keeps_version_one(open_setup, organiser):
    RegistrationSetup.objects.filter(pk=open_setup.pk).update(consent_text={})
    open_setup.refresh_from_db()

    update_registration_setup(open_setup, by=organiser, consent_text={"en": "First text."})

    assert RegistrationSetup.objects.get(pk=open_setup.pk).consent_version == 1


def test_the_same_consent_text_keeps_its_version(open_setup, organiser):
    update_registration_setup(open_setup, by=organiser, consent_text=dict(open_setup.consent_text))

    assert RegistrationSetup.objects.get(pk=open_setup.pk).consent_version == 1


def test_an_unknown_setup_field_is_refused(open_setup, organiser):
    with pytest.raises(TypeError):
        update_registration_setup(open_setup, by=organiser, event=EventFactory())


def test_raising_the_capacity_offers_the_new_seats_to_the_waiting_list(organiser, db):
    setup = RegistrationSetupFactory(capacity=1)
    RegistrationFactory(event=setup.event)
    first, second, third = (
        RegistrationFactory(event=setup.event, status=Status.WAITING) for _ in range(3)
    )

    update_registration_setup(setup, by=organiser, capacity=3)

    statuses = [
        r.status
        for r in type(first).objects.filter(pk__in=[first.pk, second.pk, third.pk]).order_by("pk")
    ]
    assert statuses == [Status.OFFERED, Status.OFFERED, Status.WAITING]
    assert [m.to[0] for m in mail.outbox] == [first.email, second.email]


def test_removing_the_capacity_offers_a_seat_to_everyone_waiting(organiser, db):
    setup = RegistrationSetupFactory(capacity=1)
    RegistrationFactory(event=setup.event)
    waiting = [RegistrationFactory(event=setup.event, status=Status.WAITING) for _ in range(3)]

    update_registration_setup(setup, by=organiser, capacity=None)

    assert {type(r).objects.get(pk=r.pk).status for r in waiting} == {Status.OFFERED}


def test_lowering_the_capacity_takes_no_seat_away(organiser, db):
    setup = RegistrationSetupFactory(capacity=3)
    registrations = [RegistrationFactory(event=setup.event) for _ in range(3)]

    update_registration_setup(setup, by=organiser, capacity=1)

    assert {type(r).objects.get(pk=r.pk).status for r in registrations} == {Status.CONFIRMED}


def test_quotas_are_created_changed_and_removed(open_setup, organiser):
    set_quotas(open_setup, quotas={"government": 3, "civil_society": 5}, by=organiser)
    set_quotas(open_setup, quotas={"government": 4, "civil_society": None}, by=organiser)

    assert list(Quota.objects.filter(setup=open_setup).values_list("category", "capacity")) == [
        ("government", 4)
    ]


def test_an_unknown_category_is_refused(open_setup, organiser):
    with pytest.raises(ValueError):
        set_quotas(open_setup, quotas={"press": 3}, by=organiser)

    assert Quota.objects.count() == 0


def test_raising_a_quota_offers_seats_to_people_of_that_category(open_setup, organiser):
    set_quotas(open_setup, quotas={"government": 1}, by=organiser)
    event = open_setup.event
    RegistrationFactory(event=event, organisation_type="government")
    waiting = RegistrationFactory(
        event=event, organisation_type="government", status=Status.WAITING
    )

    set_quotas(open_setup, quotas={"government": 2}, by=organiser)

    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
