"""Who reaches the organiser area: its organisers only; everyone else gets 404."""

import pytest
from django.test import Client

from cosummit.summits.models import Role, TeamMembership
from tests.factories import (
    EventFactory,
    PageFactory,
    RoomFactory,
    SummitFactory,
    TeamMembershipFactory,
    VenueFactory,
)

from .factories_extra import (
    LOGGED_IN_NON_ORGANISERS,
    address,
    build_site,
    change_request,
    everything,
    make_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return build_site()


PAGES = [
    "summit",
    "summit_edit",
    "events",
    "event_create",
    "event_edit",
    "event_delete",
    "venues",
    "venue_create",
    "venue_edit",
    "venue_delete",
    "room_create",
    "room_edit",
    "room_delete",
    "pages",
    "page_create",
    "page_edit",
    "page_delete",
    "team",
]
CHANGES = [
    *[name for name in PAGES if name not in {"summit", "events", "venues", "pages"}],
    "summit_publication",
    "event_publication",
    "team_role_remove",
]


@pytest.mark.parametrize("name", PAGES)
def test_organiser_reaches_every_page_of_the_organiser_area(client, site, name):
    client.force_login(make_person("organiser", site.summit))
    response = client.get(address(name, site))
    assert response.status_code == 200
    assert response.text.count("<h1") == 1


@pytest.mark.parametrize("kind", LOGGED_IN_NON_ORGANISERS)
@pytest.mark.parametrize("name", PAGES)
def test_team_members_and_strangers_who_do_not_organise_get_404(client, site, name, kind):
    client.force_login(make_person(kind, site.summit))
    response = client.get(address(name, site))
    assert response.status_code == 404


@pytest.mark.parametrize("kind", LOGGED_IN_NON_ORGANISERS)
@pytest.mark.parametrize("name", CHANGES)
def test_changes_sent_by_people_who_do_not_organise_change_nothing(client, site, name, kind):
    client.force_login(make_person(kind, site.summit))
    before = everything()
    response = client.post(address(name, site), change_request(name, site))
    assert response.status_code == 404
    assert everything() == before


@pytest.mark.parametrize("kind", ["anonymous", "inactive organiser"])
@pytest.mark.parametrize("name", PAGES)
def test_people_not_logged_in_are_sent_to_log_in(client, site, name, kind):
    person = make_person(kind, site.summit)
    if person.is_authenticated:
        client.force_login(person)
    url = address(name, site)
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/en/accounts/login/?next={url}")


@pytest.mark.parametrize("name", CHANGES)
def test_changes_sent_without_logging_in_change_nothing(client, site, name):
    before = everything()
    response = client.post(address(name, site), change_request(name, site))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert everything() == before


def test_an_unknown_summit_gives_the_same_answer_as_a_draft_to_a_stranger(client):
    draft = SummitFactory(is_published=False)
    client.force_login(make_person("participant", draft))
    unknown = client.get("/en/organise/no-such-summit/")
    existing = client.get(f"/en/organise/{draft.slug}/")
    assert (unknown.status_code, existing.status_code) == (404, 404)


@pytest.mark.parametrize(
    "url",
    [
        "/en/organise/ogp/events/no-such-event/",
        "/en/organise/ogp/venues/999999/",
        "/en/organise/ogp/rooms/999999/",
        "/en/organise/ogp/pages/999999/",
        "/en/organise/ogp/venues/not-a-number/",
    ],
)
def test_unknown_objects_give_404_to_an_organiser(client, site, url):
    client.force_login(make_person("organiser", site.summit))
    assert client.get(url).status_code == 404


def test_objects_of_another_summit_give_404_to_an_organiser(client, site):
    client.force_login(make_person("organiser", site.summit))
    other = SummitFactory()
    other_venue = VenueFactory(summit=other)
    urls = [
        f"/en/organise/ogp/events/{EventFactory(summit=other).slug}/",
        f"/en/organise/ogp/venues/{other_venue.pk}/",
        f"/en/organise/ogp/rooms/{RoomFactory(venue=other_venue).pk}/",
        f"/en/organise/ogp/pages/{PageFactory(summit=other).pk}/",
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404, 404]
    membership = TeamMembershipFactory(summit=other, role=Role.REVIEWER)
    response = client.post(f"/en/organise/ogp/team/{membership.pk}/remove/")
    assert response.status_code == 404
    assert TeamMembership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("name", ["summit_publication", "event_publication", "team_role_remove"])
def test_buttons_that_change_something_refuse_a_plain_visit(client, site, name):
    client.force_login(make_person("organiser", site.summit))
    before = everything()
    response = client.get(address(name, site))
    assert response.status_code == 405
    assert everything() == before


def test_a_change_without_the_csrf_token_is_refused(site):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_person("organiser", site.summit))
    before = everything()
    response = client.post(address("summit_publication", site), {"is_published": "0"})
    assert response.status_code == 403
    assert everything() == before
