"""The schema.org description in the event page, read back as JSON."""

import datetime as dt
import json
import re
import zoneinfo

import pytest

from tests.factories import EventFactory, SummitFactory, VenueFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture
def paris():
    return SummitFactory(
        slug="paris-2016",
        name={"fr": "Sommet mondial du PGO", "en": "OGP Global Summit"},
        start_date=dt.date(2016, 12, 7),
        end_date=dt.date(2016, 12, 9),
        languages=["fr", "en", "es"],
    )


def json_ld(client, event, language="en") -> dict:
    response = client.get(f"/{language}/{event.summit.slug}/events/{event.slug}/")
    assert response.status_code == 200
    (block,) = JSON_LD.findall(response.text)
    return json.loads(block)


def test_event_page_describes_the_event_at_its_venue(client, paris):
    event = EventFactory(
        summit=paris,
        slug="opening",
        title={"fr": "Séance d'ouverture", "en": "Opening plenary"},
        summary={"en": "Heads of state open the summit."},
        starts_at=dt.datetime(2016, 12, 7, 9, 30, tzinfo=PARIS),
        ends_at=dt.datetime(2016, 12, 7, 11, 0, tzinfo=PARIS),
        venue=VenueFactory(summit=paris),
    )

    assert json_ld(client, event) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Opening plenary",
        "description": "Heads of state open the summit.",
        "startDate": "2016-12-07T09:30:00+01:00",
        "endDate": "2016-12-07T11:00:00+01:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": "http://testserver/en/paris-2016/events/opening/",
        "inLanguage": ["fr", "en", "es"],
        "superEvent": {
            "@type": "Event",
            "name": "OGP Global Summit",
            "startDate": "2016-12-07",
            "endDate": "2016-12-09",
        },
        "location": {
            "@type": "Place",
            "name": "Palais d'Iéna",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "9 place d'Iéna",
                "addressLocality": "Paris",
                "addressCountry": "FR",
            },
        },
    }


def test_event_page_in_french_describes_the_event_in_french(client, paris):
    event = EventFactory(summit=paris, title={"fr": "Séance d'ouverture", "en": "Opening plenary"})

    data = json_ld(client, event, language="fr")

    assert (data["name"], data["superEvent"]["name"]) == (
        "Séance d'ouverture",
        "Sommet mondial du PGO",
    )


def test_start_date_carries_the_offset_of_the_events_time_zone(client, paris):
    event = EventFactory(
        summit=paris,
        timezone="America/Mexico_City",
        starts_at=dt.datetime(2016, 6, 1, 16, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 6, 1, 20, 0, tzinfo=dt.UTC),
    )

    data = json_ld(client, event)

    assert (data["startDate"], data["endDate"]) == (
        "2016-06-01T11:00:00-05:00",
        "2016-06-01T15:00:00-05:00",
    )


def test_event_with_only_a_place_name_gives_it_as_location(client, paris):
    event = EventFactory(summit=paris, location="Maison de la Radio, Paris")

    assert json_ld(client, event)["location"] == {
        "@type": "Place",
        "name": "Maison de la Radio, Paris",
        "address": "Maison de la Radio, Paris",
    }


def test_online_event_has_a_virtual_location(client, paris):
    event = EventFactory(summit=paris, online_url="https://example.org/live")

    data = json_ld(client, event)

    assert (data["location"], data["eventAttendanceMode"]) == (
        {"@type": "VirtualLocation", "url": "https://example.org/live"},
        "https://schema.org/OnlineEventAttendanceMode",
    )


def test_event_at_a_venue_and_online_is_mixed(client, paris):
    event = EventFactory(
        summit=paris,
        venue=VenueFactory(summit=paris, address=""),
        online_url="https://example.org/live",
    )

    data = json_ld(client, event)

    assert (data["location"], data["eventAttendanceMode"]) == (
        [
            {
                "@type": "Place",
                "name": "Palais d'Iéna",
                "address": {
                    "@type": "PostalAddress",
                    "addressLocality": "Paris",
                    "addressCountry": "FR",
                },
            },
            {"@type": "VirtualLocation", "url": "https://example.org/live"},
        ],
        "https://schema.org/MixedEventAttendanceMode",
    )


def test_summit_without_session_languages_gives_no_language(client):
    event = EventFactory(summit=SummitFactory(languages=[]))

    assert "inLanguage" not in json_ld(client, event)


def test_text_that_looks_like_html_cannot_close_the_script(client, paris):
    summary = "Bring </script><script>alert(1)</script> & <!-- friends -->"
    event = EventFactory(summit=paris, summary={"en": summary})

    response = client.get(f"/en/paris-2016/events/{event.slug}/")

    block = JSON_LD.search(response.text).group(1)
    assert "<" not in block
    assert json.loads(block)["description"] == summary
