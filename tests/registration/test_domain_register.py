import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.registration.domain import (
    AlreadyRegistered,
    RegistrationClosed,
    register,
)
from cosummit.registration.models import Quota, Registration, RegistrationSetup, Status
from cosummit.registration.queries import waiting_position
from tests.factories import EventFactory, SummitFactory, UserFactory
from tests.registration.factories import RegistrationSetupFactory, make_registrant

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
NOW = dt.datetime(2030, 11, 20, 10, 0, tzinfo=PARIS)


@pytest.fixture
def december_event(db):
    """A workshop on 7 December 2030, 9:00 to 12:00 in Paris, with 10 seats."""
    event = EventFactory(
        title={"fr": "Atelier données ouvertes", "en": "Open data workshop"},
        starts_at=dt.datetime(2030, 12, 7, 9, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2030, 12, 7, 12, 0, tzinfo=PARIS),
    )
    RegistrationSetupFactory(event=event, capacity=10)
    return event


def test_a_registrant_gets_a_seat_held_until_the_deadline(december_event):
    registration = register(
        december_event,
        registrant=make_registrant(email="  Ada.Lovelace@Example.ORG ", name=" Ada Lovelace "),
        now=NOW,
    )

    registration.refresh_from_db()
    assert registration.status == Status.HELD
    assert registration.hold_expires_at == NOW + dt.timedelta(hours=48)
    assert registration.email == "ada.lovelace@example.org"
    assert registration.name == "Ada Lovelace"
    assert registration.category == "civil_society"
    assert registration.language == "en"
    assert registration.consent_version == 1
    assert registration.consented_at == NOW
    assert registration.waiting_since is None
    assert len(registration.code) == 8


def test_the_confirmation_request_is_in_english_for_an_english_registrant(december_event):
    registration = register(december_event, registrant=make_registrant(language="en"), now=NOW)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["guest0@example.org"]
    assert message.subject == "Confirm your registration: Open data workshop"
    assert message.extra_headers["X-Cosummit-Summit"] == december_event.summit.slug
    confirm = f"http://127.0.0.1:8000/en/registrations/{registration.token}/confirm/"
    assert confirm in message.body
    assert "please confirm your registration before Nov. 22, 2030, 10 a.m." in message.body
    assert "Dec. 7, 2030, 9 a.m.–noon (Europe/Paris)" in message.body
    assert f"Registration code: {registration.code}" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'<a href="{confirm}">' in html
    assert '<html lang="en">' in html


def test_a_french_registrant_gets_french_titles_dates_and_links(december_event):
    registration = register(december_event, registrant=make_registrant(language="fr"), now=NOW)

    message = mail.outbox[0]
    assert "Atelier données ouvertes" in message.subject
    assert f"http://127.0.0.1:8000/fr/registrations/{registration.token}/confirm/" in message.body
    assert "7 décembre 2030, 09:00–12:00 (Europe/Paris)" in message.body
    assert "22 novembre 2030 10:00" in message.body
    assert '<html lang="fr">' in message.alternatives[0][0]


def test_dates_in_mails_are_shown_in_the_time_zone_of_the_event(db):
    event = EventFactory(
        timezone="America/New_York",
        starts_at=dt.datetime(2030, 12, 7, 14, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2030, 12, 7, 16, 0, tzinfo=dt.UTC),
    )
    RegistrationSetupFactory(event=event)

    register(event, registrant=make_registrant(language="fr"), now=NOW)

    assert "7 décembre 2030, 09:00–11:00 (America/New_York)" in mail.outbox[0].body


def test_an_unknown_language_falls_back_to_the_site_language_in_mails(december_event):
    register(december_event, registrant=make_registrant(language="xx"), now=NOW)

    assert "/fr/registrations/" in mail.outbox[0].body


def test_a_full_event_puts_new_registrants_on_the_waiting_list_with_their_position(
    december_event,
):
    event = december_event
    RegistrationSetup.objects.filter(event=event).update(capacity=2)
    for number in range(2):
        register(event, registrant=make_registrant(number), now=NOW)
    mail.outbox.clear()

    third = register(event, registrant=make_registrant(3), now=NOW)
    fourth = register(event, registrant=make_registrant(4), now=NOW + dt.timedelta(seconds=1))

    assert (third.status, fourth.status) == (Status.WAITING, Status.WAITING)
    assert third.waiting_since == NOW
    assert third.hold_expires_at is None
    assert (waiting_position(third), waiting_position(fourth)) == (1, 2)
    assert [message.subject.split(":")[0] for message in mail.outbox] == [
        "You are on the waiting list",
        "You are on the waiting list",
    ]
    assert "on its waiting list, in position 2." in mail.outbox[1].body
    assert f"/en/registrations/{fourth.token}/" in mail.outbox[1].body


def test_a_full_quota_puts_its_category_on_the_waiting_list_while_others_get_seats(open_event):
    Quota.objects.create(setup=open_event.registration_setup, category="government", capacity=1)
    first = make_registrant(1, organisation_type="government")
    second = make_registrant(2, organisation_type="government")
    third = make_registrant(3, organisation_type="civil_society")

    statuses = [register(open_event, registrant=person).status for person in (first, second, third)]

    assert statuses == [Status.HELD, Status.WAITING, Status.HELD]


@pytest.mark.parametrize(
    ("organisation_type", "category"),
    [
        ("government", "government"),
        ("civil_society", "civil_society"),
        ("academia", "other"),
        ("", "other"),
    ],
)
def test_the_category_follows_the_organisation_type(open_event, organisation_type, category):
    registrant = make_registrant(organisation_type=organisation_type)

    assert register(open_event, registrant=registrant).category == category


def test_without_capacity_everyone_gets_a_seat(db):
    event = RegistrationSetupFactory(capacity=None).event

    statuses = {register(event, registrant=make_registrant(n)).status for n in range(12)}

    assert statuses == {Status.HELD}


def test_registering_twice_with_the_same_email_takes_no_second_seat_and_resends_the_link(
    open_event,
):
    first = register(open_event, registrant=make_registrant(email="ada@example.org"))
    mail.outbox.clear()

    with pytest.raises(AlreadyRegistered) as raised:
        register(open_event, registrant=make_registrant(email="ADA@Example.org", name="Other"))

    assert raised.value.registration == first
    assert str(raised.value.message).startswith("You are already registered for this event.")
    assert Registration.objects.filter(event=open_event).count() == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert message.subject == f"Your registration: {open_event.title.localize('en').text}"
    assert f"http://127.0.0.1:8000/en/registrations/{first.token}/" in message.body
    assert "You are already registered (status: Waiting for e-mail confirmation)" in message.body


def test_someone_on_the_waiting_list_cannot_register_a_second_time(db):
    event = RegistrationSetupFactory(capacity=0).event
    register(event, registrant=make_registrant(1))

    with pytest.raises(AlreadyRegistered):
        register(event, registrant=make_registrant(1))

    assert Registration.objects.filter(event=event).count() == 1


def test_the_same_email_may_register_again_after_cancelling(open_event):
    first = register(open_event, registrant=make_registrant())
    Registration.objects.filter(pk=first.pk).update(status=Status.CANCELLED)

    second = register(open_event, registrant=make_registrant())

    assert second.pk != first.pk
    assert second.status == Status.HELD


def test_the_same_email_may_register_for_two_events(open_event):
    other = RegistrationSetupFactory(event=EventFactory(summit=open_event.summit)).event

    register(open_event, registrant=make_registrant())
    register(other, registrant=make_registrant())

    assert Registration.objects.filter(email="guest0@example.org").count() == 2


def test_a_registration_with_an_account_is_linked_to_it(open_event):
    user = UserFactory()

    registration = register(open_event, registrant=make_registrant(user=user))

    assert registration.user == user


def test_answers_are_kept_as_given(open_event):
    answers = {"12": "Vegetarian", "13": ["fr", "en"], "14": True}

    registration = register(open_event, registrant=make_registrant(answers=answers))

    registration.refresh_from_db()
    assert registration.answers == answers


def test_without_consent_no_consent_version_is_recorded(open_event):
    registration = register(open_event, registrant=make_registrant(consented=False))

    assert (registration.consent_version, registration.consented_at) == (None, None)


@pytest.mark.parametrize(
    ("setup_values", "message"),
    [
        ({"is_enabled": False}, "Registration for this event is closed."),
        (
            {"opens_at": NOW + dt.timedelta(minutes=1)},
            "Registration for this event is not open yet.",
        ),
        ({"closes_at": NOW}, "Registration for this event is closed."),
        ({"closes_at": NOW - dt.timedelta(days=1)}, "Registration for this event is closed."),
    ],
)
def test_registration_outside_its_window_is_refused_and_changes_nothing(
    december_event, setup_values, message
):
    setup = december_event.registration_setup
    for name, value in setup_values.items():
        setattr(setup, name, value)
    setup.save()

    with pytest.raises(RegistrationClosed) as raised:
        register(december_event, registrant=make_registrant(), now=NOW)

    assert str(raised.value.message) == message
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_registration_is_open_from_its_opening_time(december_event):
    setup = december_event.registration_setup
    setup.opens_at = NOW
    setup.closes_at = NOW + dt.timedelta(seconds=1)
    setup.save()

    assert register(december_event, registrant=make_registrant(), now=NOW).status == Status.HELD


def test_an_unpublished_event_or_summit_takes_no_registration(db):
    hidden_event = RegistrationSetupFactory(event=EventFactory(is_published=False)).event
    hidden_summit = RegistrationSetupFactory(
        event=EventFactory(summit=SummitFactory(is_published=False))
    ).event

    for event in (hidden_event, hidden_summit):
        with pytest.raises(RegistrationClosed):
            register(event, registrant=make_registrant())

    assert Registration.objects.count() == 0


def test_an_event_that_has_ended_takes_no_registration(db):
    event = RegistrationSetupFactory(
        event=EventFactory(
            starts_at=timezone.now() - dt.timedelta(hours=3),
            ends_at=timezone.now() - dt.timedelta(minutes=1),
        )
    ).event

    with pytest.raises(RegistrationClosed):
        register(event, registrant=make_registrant())


def test_an_event_without_registration_setup_takes_no_registration(db):
    event = EventFactory()

    with pytest.raises(RegistrationClosed):
        register(event, registrant=make_registrant())


def test_the_waiting_list_keeps_arrival_order_when_the_clock_steps_back(december_event):
    event = december_event
    RegistrationSetup.objects.filter(event=event).update(capacity=0)
    first = register(event, registrant=make_registrant(1), now=NOW)

    second = register(event, registrant=make_registrant(2), now=NOW - dt.timedelta(minutes=5))

    assert second.waiting_since == NOW + dt.timedelta(microseconds=1)
    assert (waiting_position(first), waiting_position(second)) == (1, 2)


def test_registering_costs_a_fixed_number_of_queries(open_event, django_assert_num_queries):
    register(open_event, registrant=make_registrant(1))
    event = type(open_event).objects.get(pk=open_event.pk)

    # Same e-mail, expired holds, then savepoint, lock, seats, insert, release.
    with django_assert_num_queries(7):
        register(event, registrant=make_registrant(2))


def test_registering_with_quotas_costs_one_query_more(open_event, django_assert_num_queries):
    Quota.objects.create(setup=open_event.registration_setup, category="government", capacity=5)
    event = type(open_event).objects.get(pk=open_event.pk)

    with django_assert_num_queries(8):
        register(event, registrant=make_registrant(2))


def test_registering_without_any_limit_counts_no_seats(db, django_assert_num_queries):
    event = RegistrationSetupFactory(capacity=None).event

    with django_assert_num_queries(6):
        register(event, registrant=make_registrant(2))


def test_joining_the_waiting_list_costs_a_fixed_number_of_queries(db, django_assert_num_queries):
    event = RegistrationSetupFactory(capacity=0).event
    register(event, registrant=make_registrant(1))
    event = type(event).objects.get(pk=event.pk)

    # Same e-mail, expired holds, savepoint, lock, seats, waiting list, insert, release.
    with django_assert_num_queries(8):
        registration = register(event, registrant=make_registrant(2))

    assert "in position 2." in mail.outbox[-1].body
    assert registration.status == Status.WAITING


def test_registering_twice_costs_a_fixed_number_of_queries(open_event, django_assert_num_queries):
    register(open_event, registrant=make_registrant(1))
    event = type(open_event).objects.get(pk=open_event.pk)

    # The registration with the same e-mail, found with its event: nothing more.
    with django_assert_num_queries(1), pytest.raises(AlreadyRegistered):
        register(event, registrant=make_registrant(1))
