"""The registrations API: the list and export for organisers, check-in for the door staff."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from cosummit.api.domain import create_api_token
from cosummit.registration.models import Registration, Status
from cosummit.summits.models import Role
from tests.api.helpers import bearer
from tests.factories import EventFactory, TeamMembershipFactory, UserFactory
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(summit):
    event = EventFactory(summit=summit, slug="launch", timezone="America/Montreal")
    RegistrationSetupFactory(event=event)
    return event


def token_for(summit, role: str) -> str:
    user = TeamMembershipFactory(summit=summit, role=role).user
    _token, raw = create_api_token(user, name="Door")
    return raw


@pytest.fixture
def checkin_token(summit):
    return token_for(summit, Role.CHECKIN)


@pytest.fixture
def reviewer_token(summit):
    return token_for(summit, Role.REVIEWER)


def address(event, suffix: str = "") -> str:
    return f"/api/v1/summits/{event.summit.slug}/events/{event.slug}/registrations{suffix}"


# The list


def test_the_list_gives_every_field_with_times_in_the_events_time_zone(
    client, event, organiser_token
):
    volunteer = UserFactory(name="Door volunteer")
    question = RegistrationQuestionFactory(setup=event.registration_setup)
    registration = RegistrationFactory(
        event=event,
        code="ABCD2345",
        name="Zoé Dupont",
        email="zoe@example.org",
        country="SN",
        answers={str(question.pk): "Vegetarian"},
        checked_in_at=dt.datetime(2016, 12, 7, 14, 0, tzinfo=dt.UTC),
        checked_in_by=volunteer,
    )
    Registration.objects.filter(pk=registration.pk).update(
        created_at=dt.datetime(2016, 4, 20, 14, 0, tzinfo=dt.UTC),
        confirmed_at=dt.datetime(2016, 4, 20, 14, 5, tzinfo=dt.UTC),
    )

    response = client.get(address(event), headers=bearer(organiser_token))

    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "limit": 20,
        "offset": 0,
        "next": None,
        "previous": None,
        "items": [
            {
                "code": "ABCD2345",
                "status": "confirmed",
                "status_label": "Confirmed",
                "category": "civil_society",
                "name": "Zoé Dupont",
                "email": "zoe@example.org",
                "organisation": "Open Data Collective",
                "organisation_type": "civil_society",
                "country": "SN",
                "language": "fr",
                "answers": {str(question.pk): "Vegetarian"},
                "registered_at": "2016-04-20T10:00:00-04:00",
                "confirmed_at": "2016-04-20T10:05:00-04:00",
                "cancelled_at": None,
                "checked_in_at": "2016-12-07T09:00:00-05:00",
                "checked_in_by": "Door volunteer",
            }
        ],
    }


def codes(response) -> list[str]:
    return [item["code"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["AAAA2222", "BBBB3333", "CCCC4444"]),
        ({"status": "waiting"}, ["BBBB3333"]),
        ({"category": "government"}, ["CCCC4444"]),
        ({"status": "", "category": ""}, ["AAAA2222", "BBBB3333", "CCCC4444"]),
        ({"search": "hopper"}, ["BBBB3333"]),
        ({"limit": 1, "offset": 1}, ["BBBB3333"]),
    ],
)
def test_the_list_is_filtered_and_paginated(client, event, organiser_token, query, expected):
    RegistrationFactory(event=event, code="AAAA2222")
    RegistrationFactory(event=event, code="BBBB3333", name="Grace Hopper", status=Status.WAITING)
    RegistrationFactory(event=event, code="CCCC4444", organisation_type="government")
    RegistrationFactory(code="DDDD5555")

    response = client.get(address(event), query, headers=bearer(organiser_token))

    assert codes(response) == expected


def test_an_unknown_status_is_refused_with_the_choices(client, event, organiser_token):
    response = client.get(address(event), {"status": "lost"}, headers=bearer(organiser_token))

    assert response.status_code == 422
    assert response.json()["detail"].startswith("“status” is not valid: Input should be 'held',")


def test_the_list_needs_a_token(client, event):
    response = client.get(address(event))

    assert response.status_code == 401
    assert response.json() == {
        "detail": "This endpoint needs an API token: send it in the header "
        "“Authorization: Bearer <token>”."
    }


@pytest.mark.parametrize("token", ["reviewer_token", "checkin_token", "other_token"])
def test_the_list_is_forbidden_to_those_who_do_not_organise_the_summit(
    client, event, request, token
):
    RegistrationFactory(event=event)

    response = client.get(address(event), headers=bearer(request.getfixturevalue(token)))

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the summit's organisers may read its registrations."}


def test_the_registrations_of_an_unpublished_summit_are_not_found_for_strangers(
    client, event, other_token
):
    event.summit.is_published = False
    event.summit.save(update_fields=["is_published"])

    response = client.get(address(event), headers=bearer(other_token))

    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no summit “{event.summit.slug}” that you may see."
    }


def test_an_unknown_event_is_not_found(client, summit, organiser_token):
    response = client.get(
        f"/api/v1/summits/{summit.slug}/events/nothing/registrations",
        headers=bearer(organiser_token),
    )

    assert (response.status_code, response.json()) == (
        404,
        {"detail": "There is no event “nothing” in this summit."},
    )


def test_the_list_makes_a_constant_number_of_queries(
    client, event, organiser_token, django_assert_num_queries
):
    client.get(address(event), headers=bearer(organiser_token))  # The token notes its first use.
    volunteer = UserFactory()
    RegistrationFactory(event=event, checked_in_at=timezone.now(), checked_in_by=volunteer)
    # The token, the summit, the roles, the event, the count and the page.
    with django_assert_num_queries(6):
        assert len(codes(client.get(address(event), headers=bearer(organiser_token)))) == 1
    RegistrationFactory.create_batch(
        2, event=event, checked_in_at=timezone.now(), checked_in_by=volunteer
    )
    with django_assert_num_queries(6):
        assert len(codes(client.get(address(event), headers=bearer(organiser_token)))) == 3


# The export


def test_the_export_is_the_csv_of_the_organisers_page(client, event, organiser_token):
    RegistrationFactory(event=event, code="AAAA2222", name="=cmd")
    RegistrationFactory(event=event, code="BBBB3333", status=Status.WAITING)

    response = client.get(
        address(event, "/export"), {"status": "confirmed"}, headers=bearer(organiser_token)
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registrations-{event.summit.slug}-launch.csv"'
    )
    assert rows[0][:4] == ["Registration code", "Status", "Category", "Name"]
    assert [row[:4] for row in rows[1:]] == [["AAAA2222", "Confirmed", "Civil society", "'=cmd"]]


@pytest.mark.parametrize("token", ["reviewer_token", "checkin_token"])
def test_the_export_is_forbidden_to_those_who_do_not_organise_the_summit(
    client, event, request, token
):
    response = client.get(address(event, "/export"), headers=bearer(request.getfixturevalue(token)))

    assert response.status_code == 403


def test_the_export_needs_a_token(client, event):
    assert client.get(address(event, "/export")).status_code == 401


# Check-in


def test_check_in_staff_check_someone_in(client, event, checkin_token):
    registration = RegistrationFactory(event=event, code="ABCD2345")

    response = client.post(address(event, "/abcd2345/check-in"), headers=bearer(checkin_token))

    registration.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["already_checked_in"] is False
    assert response.json()["registration"]["code"] == "ABCD2345"
    assert response.json()["registration"]["checked_in_at"] == (
        registration.checked_in_at.astimezone(event.tz).isoformat()
    )
    assert registration.checked_in_by.team_memberships.get().role == Role.CHECKIN


def test_a_second_check_in_says_when_and_by_whom(client, event, checkin_token, organiser_token):
    registration = RegistrationFactory(event=event, code="ABCD2345")
    client.post(address(event, "/ABCD2345/check-in"), headers=bearer(checkin_token))
    registration.refresh_from_db()

    response = client.post(address(event, "/ABCD2345/check-in"), headers=bearer(organiser_token))

    assert response.json()["already_checked_in"] is True
    assert response.json()["registration"]["checked_in_by"] == registration.checked_in_by.name
    assert response.json()["registration"]["checked_in_at"] == (
        registration.checked_in_at.astimezone(event.tz).isoformat()
    )


def test_a_registration_that_is_not_confirmed_cannot_be_checked_in(client, event, organiser_token):
    registration = RegistrationFactory(event=event, code="ABCD2345", status=Status.WAITING)

    response = client.post(address(event, "/ABCD2345/check-in"), headers=bearer(organiser_token))

    registration.refresh_from_db()
    assert (response.status_code, registration.checked_in_at) == (409, None)
    assert response.json() == {
        "detail": "Only confirmed registrations can be checked in; this one is: "
        "On the waiting list."
    }


def test_an_unknown_code_is_not_found(client, event, organiser_token):
    RegistrationFactory(code="ELSE2345")

    response = client.post(address(event, "/ELSE2345/check-in"), headers=bearer(organiser_token))

    assert (response.status_code, response.json()) == (
        404,
        {"detail": "There is no registration “ELSE2345” for this event."},
    )


@pytest.mark.parametrize("token", ["reviewer_token", "other_token"])
def test_check_in_is_forbidden_without_the_role(client, event, request, token):
    registration = RegistrationFactory(event=event, code="ABCD2345")

    response = client.post(
        address(event, "/ABCD2345/check-in"), headers=bearer(request.getfixturevalue(token))
    )

    registration.refresh_from_db()
    assert (response.status_code, registration.checked_in_at) == (403, None)
    assert response.json() == {
        "detail": "Only the summit's organisers and check-in staff may check people in."
    }


def test_check_in_needs_a_token(client, event):
    registration = RegistrationFactory(event=event, code="ABCD2345")

    response = client.post(address(event, "/ABCD2345/check-in"))

    registration.refresh_from_db()
    assert (response.status_code, registration.checked_in_at) == (401, None)


def test_check_in_only_answers_post(client, event, organiser_token):
    response = client.get(address(event, "/ABCD2345/check-in"), headers=bearer(organiser_token))

    assert (response.status_code, response.json()) == (
        405,
        {"detail": "This address only answers to POST."},
    )
