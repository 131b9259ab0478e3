"""An event's registration settings: dates in the event's time zone, capacity, quotas."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from cosummit.registration.models import Quota, RegistrationSetup, Status
from tests.factories import EventFactory, SummitFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory
from tests.summits.factories_extra import translated

from .organiser_helpers import organiser_of, registration_rows, shown_messages

pytestmark = pytest.mark.django_db

MONTREAL = zoneinfo.ZoneInfo("America/Montreal")


@pytest.fixture
def event():
    summit = SummitFactory(slug="ogp")
    return EventFactory(summit=summit, slug="launch", timezone="America/Montreal")


@pytest.fixture
def logged_in(client, event):
    client.force_login(organiser_of(event.summit))
    return client


def address(event) -> str:
    return f"/en/organise/{event.summit.slug}/registrations/{event.slug}/settings/"


def settings_data(**overrides) -> dict[str, str]:
    data = {
        "is_enabled": "on",
        "opens_at": "2016-04-20T09:00",
        "closes_at": "2016-12-01T18:00",
        "capacity": "300",
        "requires_approval": "",
        "hold_hours": "48",
        "offer_hours": "24",
        **translated("consent_text", en="I agree.", fr="J'accepte."),
        "retention_days": "90",
        "quota_government": "100",
        "quota_civil_society": "",
        "quota_other": "50",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def test_the_page_shows_the_defaults_before_anything_is_set(logged_in, event):
    response = logged_in.get(address(event))

    form = response.context["form"]
    assert (form["hold_hours"].value(), form["offer_hours"].value()) == (48, 48)
    assert "In the event’s time zone (America/Montreal)." in response.text
    assert RegistrationSetup.objects.count() == 0


def test_saving_sets_up_registration_with_dates_in_the_events_time_zone(logged_in, event):
    response = logged_in.post(address(event), settings_data(), follow=True)

    setup = RegistrationSetup.objects.get(event=event)
    assert shown_messages(response) == ["The registration settings were saved."]
    assert setup.is_enabled is True
    assert setup.opens_at == dt.datetime(2016, 4, 20, 9, 0, tzinfo=MONTREAL)
    assert setup.closes_at == dt.datetime(2016, 12, 1, 18, 0, tzinfo=MONTREAL)
    assert (setup.capacity, setup.hold_hours, setup.offer_hours) == (300, 48, 24)
    assert dict(setup.consent_text) == {"en": "I agree.", "fr": "J'accepte."}
    assert setup.retention_days == 90
    assert dict(Quota.objects.values_list("category", "capacity")) == {
        "government": 100,
        "other": 50,
    }


def test_saved_dates_are_shown_in_the_events_time_zone(logged_in, event):
    logged_in.post(address(event), settings_data())

    response = logged_in.get(address(event))

    assert 'value="2016-04-20T09:00"' in response.text
    assert response.context["form"]["quota_government"].value() == 100


def test_an_empty_quota_removes_it(logged_in, event):
    logged_in.post(address(event), settings_data())

    logged_in.post(address(event), settings_data(quota_government=""))

    assert list(Quota.objects.values_list("category", flat=True)) == ["other"]


def test_changing_the_consent_text_gives_it_a_new_version(logged_in, event):
    logged_in.post(address(event), settings_data())
    first = RegistrationSetup.objects.get(event=event).consent_version

    logged_in.post(address(event), settings_data())
    unchanged = RegistrationSetup.objects.get(event=event).consent_version
    logged_in.post(address(event), settings_data(consent_text_en="I agree to more."))
    changed = RegistrationSetup.objects.get(event=event).consent_version

    assert (unchanged, changed) == (first, first + 1)


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        (
            {"closes_at": "2016-04-20T09:00"},
            "closes_at",
            "Registration must close after it opens.",
        ),
        (
            {"quota_other": "301"},
            "quota_other",
            "The quota for Other (301) is above the capacity (300).",
        ),
        ({"capacity": "0"}, "capacity", "Ensure this value is greater than or equal to 1."),
        ({"capacity": "many"}, "capacity", "Enter a whole number."),
        ({"hold_hours": "0"}, "hold_hours", "Ensure this value is greater than or equal to 1."),
        ({"hold_hours": ""}, "hold_hours", "This field is required."),
        (
            {"offer_hours": "100000"},
            "offer_hours",
            "Ensure this value is less than or equal to 720.",
        ),
        ({"opens_at": "tomorrow"}, "opens_at", "Enter a valid date/time."),
        (
            {"opens_at": "2016-03-13T02:30"},
            "opens_at",
            "This time does not exist in America/Montreal: the clocks skip it that day.",
        ),
        (
            {"quota_government": "-1"},
            "quota_government",
            "Ensure this value is greater than or equal to 0.",
        ),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(logged_in, event, overrides, field, error):
    RegistrationSetupFactory(event=event, capacity=12)
    before = registration_rows()

    response = logged_in.post(address(event), settings_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert registration_rows() == before


def test_quotas_may_add_up_to_more_than_the_capacity(logged_in, event):
    response = logged_in.post(
        address(event),
        settings_data(capacity="100", quota_government="80", quota_civil_society="80"),
    )

    assert response.status_code == 302
    assert sorted(Quota.objects.values_list("capacity", flat=True)) == [50, 80, 80]


def test_a_capacity_below_the_seats_taken_is_saved_with_a_warning(logged_in, event):
    RegistrationSetupFactory(event=event, capacity=5)
    RegistrationFactory.create_batch(3, event=event, status=Status.CONFIRMED)

    response = logged_in.post(
        address(event),
        settings_data(capacity="2", quota_government="", quota_other=""),
        follow=True,
    )

    assert RegistrationSetup.objects.get(event=event).capacity == 2
    assert shown_messages(response) == [
        "The registration settings were saved.",
        "The capacity is now below the 3 seats already taken: nobody loses their seat, "
        "but nobody new gets one until enough people cancel.",
    ]
    assert list(event.registrations.values_list("status", flat=True)) == ["confirmed"] * 3


def test_raising_the_capacity_offers_seats_to_the_waiting_list(logged_in, event):
    RegistrationSetupFactory(event=event, capacity=1)
    RegistrationFactory(event=event, status=Status.CONFIRMED)
    waiting = RegistrationFactory(event=event, status=Status.WAITING, email="next@example.org")

    logged_in.post(address(event), settings_data(capacity="2", quota_government="", quota_other=""))

    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert [message.to for message in mail.outbox] == [["next@example.org"]]
