"""The summit's dashboard: counts and lists of everything, with links to edit it."""

import pytest

from cosummit.summits.models import Role
from tests.factories import (
    EventFactory,
    PageFactory,
    RoomFactory,
    TeamMembershipFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, organiser):
    client.force_login(organiser)
    return client


def add_one_of_each(summit):
    venue = VenueFactory(summit=summit)
    RoomFactory(venue=venue)
    EventFactory(summit=summit, venue=venue)
    PageFactory(summit=summit)
    TeamMembershipFactory(summit=summit, role=Role.REVIEWER)


def test_the_dashboard_counts_and_lists_events_venues_rooms_pages_and_team(
    logged_in, summit, organiser
):
    venue = VenueFactory(summit=summit, name={"en": "Palais d'Iéna"})
    room = RoomFactory(venue=venue, name={"en": "Hemicycle"}, capacity=350)
    RoomFactory(venue=venue)
    event = EventFactory(summit=summit, title={"en": "Launch"}, slug="launch")
    EventFactory(summit=summit, is_published=False)
    page = PageFactory(summit=summit, title={"en": "Getting there"})
    TeamMembershipFactory(summit=summit, user=organiser, role=Role.REVIEWER)
    response = logged_in.get(f"/en/organise/{summit.slug}/")
    text = response.text
    assert len(response.context["events"]) == 2
    assert "2 events · 1 published" in text
    assert "1 venue · 2 rooms" in text
    assert "1 page" in text
    assert "1 person" in text
    assert f"{organiser} ({organiser.email}): Organiser, Reviewer" in text
    assert f'<a href="/en/organise/{summit.slug}/events/launch/"><span lang="en">Launch</span>' in (
        text
    )
    assert f'href="/en/organise/{summit.slug}/rooms/{room.pk}/"' in text
    assert f'href="/en/organise/{summit.slug}/pages/{page.pk}/"' in text
    assert f'<a href="/en/{summit.slug}/">See the public page</a>' in text
    assert f'href="/en/organise/{summit.slug}/events/{event.slug}/"' in text
    assert f'<a href="/en/organise/{summit.slug}/" aria-current="true">Overview</a>' in text


def test_a_draft_summit_is_offered_for_publication(logged_in, summit):
    summit.is_published = False
    summit.save(update_fields=["is_published"])
    response = logged_in.get(f"/en/organise/{summit.slug}/")
    assert "Draft: only the team can see the summit." in response.text
    assert '<input type="hidden" name="is_published" value="1">' in response.text


def test_the_dashboard_makes_a_constant_number_of_queries(
    logged_in, summit, django_assert_num_queries
):
    add_one_of_each(summit)
    with django_assert_num_queries(9):
        logged_in.get(f"/en/organise/{summit.slug}/")
    add_one_of_each(summit)
    add_one_of_each(summit)
    with django_assert_num_queries(9):
        response = logged_in.get(f"/en/organise/{summit.slug}/")
    assert (len(response.context["events"]), len(response.context["pages"])) == (3, 3)
