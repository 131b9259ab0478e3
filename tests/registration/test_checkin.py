"""Check-in at the door: by code (typed or scanned), by name, twice, or refused."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cosummit.registration.models import Registration, Status
from tests.factories import EventFactory, SummitFactory, UserFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory

from .organiser_helpers import checkin_staff_of, organiser_of

pytestmark = pytest.mark.django_db

PAGE = "/en/organise/ogp/check-in/launch/"


@pytest.fixture
def event():
    event = EventFactory(
        summit=SummitFactory(slug="ogp"),
        slug="launch",
        title={"en": "Launch"},
        timezone="America/Montreal",
    )
    RegistrationSetupFactory(event=event)
    return event


@pytest.fixture
def staff(event):
    return checkin_staff_of(event.summit)


@pytest.fixture
def logged_in(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def ada(event):
    return RegistrationFactory(
        event=event, name="Ada Lovelace", code="ADA23456", organisation="Analytical Engines"
    )


def result_text(response) -> str:
    section = re.search(r'<section class="checkin-result.*?</section>', response.text, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", section.group()).split()) if section else ""


def test_a_typed_code_checks_the_person_in(logged_in, staff, ada):
    response = logged_in.post(PAGE, {"code": "ada23456"}, follow=True)

    ada.refresh_from_db()
    assert (ada.checked_in_by, ada.checked_in_at is not None) == (staff, True)
    assert response.redirect_chain == [(f"{PAGE}?registration={ada.pk}&outcome=checked-in", 302)]
    assert result_text(response) == (
        "Ada Lovelace is checked in. Name Ada Lovelace Organisation Analytical Engines "
        "Category Civil society Status Confirmed Code ADA23456"
    )


def test_a_second_scan_warns_when_and_by_whom_in_the_events_time_zone(logged_in, event, ada, staff):
    staff.name = "Door volunteer"
    staff.save(update_fields=["name"])
    now = timezone.now().replace(second=0, microsecond=0)
    Registration.objects.filter(pk=ada.pk).update(checked_in_at=now, checked_in_by=staff)

    response = logged_in.post(PAGE, {"code": "ADA23456"}, follow=True)

    local = timezone.localtime(now, event.tz)
    assert response.redirect_chain == [(f"{PAGE}?registration={ada.pk}&outcome=already", 302)]
    assert result_text(response).startswith(
        f"Already checked in. Already checked in at {local:%H:%M} by Door volunteer. Name"
    )
    ada.refresh_from_db()
    assert ada.checked_in_at == now


def test_a_check_in_on_an_earlier_day_gives_the_date(logged_in, event, ada):
    volunteer = UserFactory(name="Morning volunteer")
    at = dt.datetime(2016, 12, 7, 14, 5, tzinfo=dt.UTC)
    Registration.objects.filter(pk=ada.pk).update(checked_in_at=at, checked_in_by=volunteer)

    response = logged_in.get(PAGE, {"registration": ada.pk, "outcome": "already"})

    assert "Already checked in on Dec. 7, 2016 at 09:05 by Morning volunteer." in (
        result_text(response)
    )


@pytest.mark.parametrize(
    ("status", "label"),
    [
        (Status.WAITING, "On the waiting list"),
        (Status.CANCELLED, "Cancelled"),
        (Status.HELD, "Waiting for e-mail confirmation"),
        (Status.AWAITING_APPROVAL, "Waiting for approval"),
    ],
)
def test_a_registration_that_is_not_confirmed_is_refused(logged_in, event, status, label):
    registration = RegistrationFactory(event=event, name="Grace", code="GRACE234", status=status)

    response = logged_in.post(PAGE, {"code": "GRACE234"}, follow=True)

    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert result_text(response).startswith(
        "Do not let Grace in: the registration is not confirmed. Name Grace"
    )
    assert f"Status {label}" in result_text(response)


def test_a_name_lists_the_matches_each_with_a_button(logged_in, event):
    ada = RegistrationFactory(event=event, name="Ada Lovelace")
    RegistrationFactory(event=event, name="Ada Byron", status=Status.WAITING)
    RegistrationFactory(event=event, name="Grace Hopper")
    RegistrationFactory(event=EventFactory(), name="Ada Elsewhere")

    response = logged_in.post(PAGE, {"code": "ada"}, follow=True)

    assert response.redirect_chain == [(f"{PAGE}?q=ada", 302)]
    assert [registration.name for registration in response.context["matches"]] == [
        "Ada Byron",
        "Ada Lovelace",
    ]
    assert response.text.count('name="registration"') == 1
    assert f'<input type="hidden" name="registration" value="{ada.pk}">' in response.text
    assert "Cannot be checked in" in response.text


def test_the_button_of_a_match_checks_that_person_in(logged_in, event, ada):
    logged_in.post(PAGE, {"registration": str(ada.pk)})

    ada.refresh_from_db()
    assert ada.checked_in_at is not None


def test_a_registration_of_another_event_cannot_be_checked_in_here(logged_in, event):
    elsewhere = RegistrationFactory(event=EventFactory(summit=event.summit), code="ELSE2345")

    by_code = logged_in.post(PAGE, {"code": "ELSE2345"}, follow=True)
    by_id = logged_in.post(PAGE, {"registration": str(elsewhere.pk)})

    elsewhere.refresh_from_db()
    assert elsewhere.checked_in_at is None
    assert "No registration matches “ELSE2345”." in by_code.text
    assert by_id["Location"] == PAGE


@pytest.mark.parametrize("data", [{}, {"code": ""}, {"code": "x" * 500}, {"registration": "x"}])
def test_bad_input_changes_nothing(logged_in, ada, data):
    response = logged_in.post(PAGE, data)

    ada.refresh_from_db()
    assert (response.status_code, ada.checked_in_at) == (302, None)


@pytest.mark.parametrize(
    "query",
    [
        {"registration": "abc", "outcome": "checked-in"},
        {"registration": "999999", "outcome": "checked-in"},
        {"registration": "1", "outcome": "hacked"},
        {"q": "x" * 1000},
    ],
)
def test_odd_addresses_show_the_page_without_a_result(logged_in, ada, query):
    response = logged_in.get(PAGE, query)

    assert (response.status_code, result_text(response)) == (200, "")


def test_counts_of_checked_in_people_by_category_and_in_total(logged_in, event):
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, organisation_type="government", checked_in_at=timezone.now())
    RegistrationFactory(event=event, status=Status.CANCELLED)

    response = logged_in.get(PAGE)

    counts = [
        (count.label, count.checked_in, count.confirmed) for count in response.context["counts"]
    ]
    assert counts == [("Government", 1, 1), ("Civil society", 1, 2), ("Other", 0, 0)]
    total = response.context["total"]
    assert (total.checked_in, total.confirmed) == (2, 3)


def test_the_page_is_standalone_and_loads_the_scanner_script(logged_in):
    response = logged_in.get(PAGE)

    assert 'class="organiser-nav"' not in response.text
    assert '<script src="/static/cosummit/checkin.js" defer></script>' in response.text
    assert "data-checkin-scan hidden" in response.text
    assert "<script>" not in response.text


def test_the_event_chooser_lists_events_with_registration(logged_in, event):
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    RegistrationFactory(event=event)
    EventFactory(summit=event.summit, title={"en": "No registration"})

    response = logged_in.get("/en/organise/ogp/check-in/")

    assert [listed.title["en"] for listed in response.context["events"]] == ["Launch"]
    assert "1 of 2 checked in" in response.text


def test_check_in_staff_find_the_page_from_their_profile(logged_in):
    response = logged_in.get("/en/profile/")

    assert '<a href="/en/organise/ogp/check-in/">Check people in</a>' in response.text


def test_organisers_check_people_in_too(client, event, ada):
    client.force_login(organiser_of(event.summit))

    client.post(PAGE, {"code": "ADA23456"})

    ada.refresh_from_db()
    assert ada.checked_in_at is not None


def test_the_page_makes_a_constant_number_of_queries(logged_in, event, django_assert_num_queries):
    RegistrationFactory(event=event, name="Ada One")
    # Session, user, roles, event, matches, counts.
    with django_assert_num_queries(6):
        response = logged_in.get(PAGE, {"q": "ada"})
    assert len(response.context["matches"]) == 1
    RegistrationFactory.create_batch(2, event=event, name="Ada Again")
    with django_assert_num_queries(6):
        response = logged_in.get(PAGE, {"q": "ada"})
    assert len(response.context["matches"]) == 3
