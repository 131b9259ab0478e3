import datetime as dt

import pytest
from django.utils import timezone

from cosummit.summits.models import Event
from tests.factories import EventFactory, PageFactory, SummitFactory, VenueFactory

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_language_of_the_browser(client):
    response = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert (response.status_code, response["Location"]) == (302, "/en/")


def test_home_shows_the_published_summit_in_french(client, summit):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "Sommet" in response.text
    assert '<html lang="fr">' in response.text


def test_unpublished_summit_is_not_found_for_visitors(client):
    draft = SummitFactory(is_published=False)
    response = client.get(f"/en/{draft.slug}/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_event_list_filters_by_kind_and_time(client, summit):
    EventFactory(summit=summit, kind=Event.Kind.HACKATHON, title={"en": "Hack night"})
    EventFactory(summit=summit, kind=Event.Kind.WORKSHOP, title={"en": "Agenda workshop"})
    EventFactory(
        summit=summit,
        kind=Event.Kind.HACKATHON,
        title={"en": "Old hack"},
        starts_at=timezone.now() - dt.timedelta(days=30),
        ends_at=timezone.now() - dt.timedelta(days=29),
    )
    response = client.get(f"/en/{summit.slug}/events/", {"kind": "hackathon"})
    titles = [event.title["en"] for event in response.context["events"]]
    assert titles == ["Hack night"]
    response = client.get(f"/en/{summit.slug}/events/", {"kind": "hackathon", "when": "past"})
    assert [event.title["en"] for event in response.context["events"]] == ["Old hack"]


def test_event_list_makes_a_constant_number_of_queries(client, summit, django_assert_num_queries):
    EventFactory(summit=summit)
    with django_assert_num_queries(2):
        client.get(f"/en/{summit.slug}/events/")
    EventFactory.create_batch(3, summit=summit)
    with django_assert_num_queries(2):
        client.get(f"/en/{summit.slug}/events/")


def test_event_shown_in_fallback_language_says_so(client, summit):
    event = EventFactory(summit=summit, title={"fr": "Atelier agenda"})
    response = client.get(f"/en/{summit.slug}/events/{event.slug}/")
    assert '<span lang="fr">Atelier agenda</span>' in response.text
    assert "(shown in French: no translation yet)" in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_home_page_makes_a_constant_number_of_queries(
    client, summit, django_assert_num_queries, count
):
    EventFactory.create_batch(count, summit=summit, venue=VenueFactory(summit=summit))
    with django_assert_num_queries(2):
        response = client.get("/en/")
    assert len(response.context["upcoming"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_summit_page_makes_a_constant_number_of_queries(
    client, summit, django_assert_num_queries, count
):
    EventFactory.create_batch(count, summit=summit, venue=VenueFactory(summit=summit))
    PageFactory.create_batch(count, summit=summit)
    with django_assert_num_queries(4):
        response = client.get(f"/en/{summit.slug}/")
    assert (len(response.context["upcoming"]), len(response.context["pages"])) == (count, count)
