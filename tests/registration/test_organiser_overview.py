"""The summit's registrations overview: each event's registration state and counts."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cosummit.registration.models import Status
from tests.factories import EventFactory, SummitFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory

from .organiser_helpers import organiser_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def summit():
    return SummitFactory(slug="ogp")


@pytest.fixture
def logged_in(client, summit):
    client.force_login(organiser_of(summit))
    return client


def rows(response) -> list[list[str]]:
    """The overview table as text: one list of cells per event."""
    body = response.text.split("<tbody>")[1].split("</tbody>")[0]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        ][:7]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def event_on(summit, title: str, days: int):
    starts_at = (timezone.now() + dt.timedelta(days=days)).replace(microsecond=0)
    return EventFactory(
        summit=summit,
        title={"en": title},
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=2),
    )


def test_each_event_shows_its_registration_state_and_counts(logged_in, summit):
    launch = event_on(summit, "Launch", 5)
    RegistrationSetupFactory(event=launch, capacity=10)
    for status, count in [
        (Status.HELD, 2),
        (Status.CONFIRMED, 3),
        (Status.WAITING, 1),
        (Status.CANCELLED, 4),
    ]:
        RegistrationFactory.create_batch(count, event=launch, status=status)
    RegistrationFactory(event=launch, status=Status.CONFIRMED, checked_in_at=timezone.now())
    workshop = event_on(summit, "Workshop", 6)
    RegistrationSetupFactory(event=workshop, is_enabled=False, capacity=None)
    later = event_on(summit, "Hackathon", 7)
    RegistrationSetupFactory(event=later, opens_at=timezone.now() + dt.timedelta(days=2))
    event_on(summit, "Dinner", 8)
    RegistrationFactory(event=EventFactory(), status=Status.CONFIRMED)

    response = logged_in.get(f"/en/organise/{summit.slug}/registrations/")

    assert response.status_code == 200
    assert [row[1:] for row in rows(response)] == [
        ["Open", "6 of 10 seats taken", "2", "4", "1", "1"],
        ["Turned off", "No limit", "0", "0", "0", "0"],
        [rows(response)[2][1], "0 of 10 seats taken", "0", "0", "0", "0"],
        ["Not set up", "—", "0", "0", "0", "0"],
    ]
    assert rows(response)[2][1].startswith("Not open yet Opens ")
    assert [row[0].split(" ")[0] for row in rows(response)] == [
        "Launch",
        "Workshop",
        "Hackathon",
        "Dinner",
    ]


def test_closed_registration_says_so(logged_in, summit):
    event = event_on(summit, "Launch", 5)
    RegistrationSetupFactory(event=event, closes_at=timezone.now() - dt.timedelta(hours=1))

    response = logged_in.get(f"/en/organise/{summit.slug}/registrations/")

    assert rows(response)[0][1] == "Closed"


def test_registrations_to_approve_are_pointed_out(logged_in, summit):
    event = event_on(summit, "Launch", 5)
    RegistrationSetupFactory(event=event, requires_approval=True)
    RegistrationFactory.create_batch(2, event=event, status=Status.AWAITING_APPROVAL)

    response = logged_in.get(f"/en/organise/{summit.slug}/registrations/")

    assert rows(response)[0][1] == "Open 2 to approve"


def test_a_summit_without_events_says_so(logged_in, summit):
    response = logged_in.get(f"/en/organise/{summit.slug}/registrations/")

    assert "This summit has no event yet." in response.text


def test_the_overview_is_in_the_organiser_navigation(logged_in, summit):
    response = logged_in.get(f"/en/organise/{summit.slug}/registrations/")

    assert (
        f'<a href="/en/organise/{summit.slug}/registrations/" aria-current="true">Registrations</a>'
    ) in response.text
    assert f'<a href="/en/organise/{summit.slug}/check-in/">Check-in</a>' in response.text


def test_the_overview_makes_a_constant_number_of_queries(
    logged_in, summit, django_assert_num_queries
):
    def add_event():
        event = EventFactory(summit=summit)
        RegistrationSetupFactory(event=event)
        RegistrationFactory.create_batch(2, event=event)

    add_event()
    # Session, user, roles, summit, events with their setups and counts.
    with django_assert_num_queries(5):
        response = logged_in.get(f"/en/organise/{summit.slug}/registrations/")
    assert len(rows(response)) == 1
    add_event()
    add_event()
    with django_assert_num_queries(5):
        response = logged_in.get(f"/en/organise/{summit.slug}/registrations/")
    assert len(rows(response)) == 3
