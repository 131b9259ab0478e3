import datetime as dt
import zoneinfo

import pytest

from cosummit.summits.models import Event
from tests.api.helpers import bearer
from tests.factories import EventFactory, SummitFactory, VenueFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def paris():
    return SummitFactory(slug="paris-2016", name={"fr": "Sommet de Paris", "en": "Paris Summit"})


def test_event_is_described_with_times_in_its_time_zone(client, paris):
    EventFactory(
        summit=paris,
        slug="cso-day",
        kind=Event.Kind.CSO_DAY,
        title={"fr": "Journée de la société civile", "en": "CSO Day"},
        summary={"en": "Civil society meets before the summit."},
        starts_at=dt.datetime(2016, 12, 6, 9, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2016, 12, 6, 18, 30, tzinfo=PARIS),
        venue=VenueFactory(summit=paris),
        online_url="https://example.org/live",
    )

    response = client.get("/api/v1/summits/paris-2016/events/cso-day")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "cso-day",
        "summit": "paris-2016",
        "kind": "cso_day",
        "kind_label": "CSO Day",
        "title": {"fr": "Journée de la société civile", "en": "CSO Day"},
        "summary": {"fr": None, "en": "Civil society meets before the summit."},
        "description": {"fr": None, "en": None},
        "starts_at": "2016-12-06T09:00:00+01:00",
        "ends_at": "2016-12-06T18:30:00+01:00",
        "timezone": "Europe/Paris",
        "venue": {
            "name": {"fr": "Palais d'Iéna", "en": "Palais d'Iéna"},
            "address": "9 place d'Iéna",
            "city": "Paris",
            "country": "FR",
            "accessibility": {"fr": None, "en": None},
        },
        "location": "",
        "online_url": "https://example.org/live",
        "is_published": True,
        "url": "http://testserver/en/paris-2016/events/cso-day/",
    }


def test_event_in_another_time_zone_is_given_with_that_offset(client, paris):
    EventFactory(
        summit=paris,
        slug="americas",
        timezone="America/Mexico_City",
        starts_at=dt.datetime(2016, 6, 1, 16, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 6, 1, 20, 0, tzinfo=dt.UTC),
    )

    event = client.get("/api/v1/summits/paris-2016/events/americas").json()

    assert (event["starts_at"], event["ends_at"], event["timezone"]) == (
        "2016-06-01T11:00:00-05:00",
        "2016-06-01T15:00:00-05:00",
        "America/Mexico_City",
    )


def test_unpublished_event_is_not_found_for_an_anonymous_visitor(client, summit):
    draft = EventFactory(summit=summit, is_published=False)

    response = client.get(f"/api/v1/summits/{summit.slug}/events/{draft.slug}")

    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no event “{draft.slug}” in this summit that you may see."
    }


def test_unpublished_event_is_not_found_with_another_organisers_token(client, summit, other_token):
    draft = EventFactory(summit=summit, is_published=False)

    response = client.get(
        f"/api/v1/summits/{summit.slug}/events/{draft.slug}", headers=bearer(other_token)
    )

    assert response.status_code == 404


def test_unpublished_event_is_shown_to_its_organisers_token(client, summit, organiser_token):
    draft = EventFactory(summit=summit, is_published=False)

    response = client.get(
        f"/api/v1/summits/{summit.slug}/events/{draft.slug}", headers=bearer(organiser_token)
    )

    assert (response.status_code, response.json()["is_published"]) == (200, False)


def test_event_of_another_summit_is_not_found_under_this_one(client, summit):
    elsewhere = EventFactory(summit=SummitFactory())

    response = client.get(f"/api/v1/summits/{summit.slug}/events/{elsewhere.slug}")

    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no event “{elsewhere.slug}” in this summit that you may see."
    }


def test_event_at_utc_offset_zero_still_gives_its_offset(client, paris):
    EventFactory(
        summit=paris,
        slug="london",
        timezone="Europe/London",
        starts_at=dt.datetime(2016, 12, 1, 9, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 12, 1, 12, 0, tzinfo=dt.UTC),
    )

    event = client.get("/api/v1/summits/paris-2016/events/london").json()

    assert (event["starts_at"], event["ends_at"]) == (
        "2016-12-01T09:00:00+00:00",
        "2016-12-01T12:00:00+00:00",
    )
