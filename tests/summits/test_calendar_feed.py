"""The public iCalendar feed of a summit's events, read back with the icalendar library."""

import datetime as dt
import zoneinfo

import icalendar
import pytest

from cosummit.summits.models import Event
from tests.factories import EventFactory, SummitFactory, TeamMembershipFactory, VenueFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
MEXICO = zoneinfo.ZoneInfo("America/Mexico_City")


@pytest.fixture
def paris():
    return SummitFactory(slug="paris-2016", name={"fr": "Sommet de Paris", "en": "Paris Summit"})


def feed(client, summit, language="en") -> icalendar.Calendar:
    response = client.get(f"/{language}/{summit.slug}/events.ics")
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content)


def offset_in_vtimezone(vtimezone, local: dt.datetime) -> dt.timedelta:
    """The UTC offset that a client reading only the VTIMEZONE gives to `local`.

    It takes the last onset (DTSTART or RDATE) at or before `local`, as RFC 5545
    says, without guessing rules beyond what the component describes.
    """
    onsets = []
    for observance in vtimezone.subcomponents:
        offset = observance["TZOFFSETTO"].td
        onsets.append((observance["DTSTART"].dt, offset))
        rdates = observance.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            onsets.extend((value.dt, offset) for value in rdate.dts)
    naive = local.replace(tzinfo=None)
    return max(onset for onset in onsets if onset[0] <= naive)[1]


def test_feed_is_served_as_a_calendar_file(client, paris):
    response = client.get("/en/paris-2016/events.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="paris-2016-events.ics"'


def test_feed_lists_published_events_in_their_own_time_zones(client, paris):
    EventFactory(
        summit=paris,
        title={"fr": "Journée de la société civile", "en": "CSO Day"},
        starts_at=dt.datetime(2016, 12, 6, 9, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2016, 12, 6, 18, 0, tzinfo=PARIS),
    )
    EventFactory(
        summit=paris,
        title={"en": "Americas regional summit"},
        timezone="America/Mexico_City",
        starts_at=dt.datetime(2016, 6, 1, 16, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2016, 6, 1, 20, 0, tzinfo=dt.UTC),
    )

    calendar = feed(client, paris)

    assert str(calendar["X-WR-CALNAME"]) == "Paris Summit"
    assert [(str(event["SUMMARY"]), event.DTSTART, event.DTEND) for event in calendar.events] == [
        (
            "Americas regional summit",
            dt.datetime(2016, 6, 1, 11, 0, tzinfo=MEXICO),
            dt.datetime(2016, 6, 1, 15, 0, tzinfo=MEXICO),
        ),
        (
            "CSO Day",
            dt.datetime(2016, 12, 6, 9, 0, tzinfo=PARIS),
            dt.datetime(2016, 12, 6, 18, 0, tzinfo=PARIS),
        ),
    ]
    assert [event["DTSTART"].params["TZID"] for event in calendar.events] == [
        "America/Mexico_City",
        "Europe/Paris",
    ]


def test_feed_describes_each_time_zone_it_uses_with_the_right_offsets(client, paris):
    winter = dt.datetime(2016, 12, 7, 9, 0, tzinfo=PARIS)
    summer = dt.datetime(2016, 4, 20, 18, 0, tzinfo=PARIS)
    mexico = dt.datetime(2016, 6, 1, 11, 0, tzinfo=MEXICO)
    for starts_at in (winter, summer, mexico):
        EventFactory(
            summit=paris,
            timezone=starts_at.tzinfo.key,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=2),
        )

    calendar = feed(client, paris)

    vtimezones = {str(vtimezone["TZID"]): vtimezone for vtimezone in calendar.timezones}
    assert sorted(vtimezones) == ["America/Mexico_City", "Europe/Paris"]
    assert [
        offset_in_vtimezone(vtimezones[local.tzinfo.key], local)
        for local in (winter, summer, mexico)
    ] == [dt.timedelta(hours=1), dt.timedelta(hours=2), dt.timedelta(hours=-5)]


def test_feed_gives_the_right_offset_to_events_after_2038(client, paris):
    starts_at = dt.datetime(2040, 7, 4, 9, 0, tzinfo=PARIS)
    EventFactory(summit=paris, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=8))

    calendar = feed(client, paris)

    assert offset_in_vtimezone(calendar.timezones[0], starts_at) == dt.timedelta(hours=2)


def test_unpublished_events_are_not_in_the_feed_even_for_organisers(client, paris):
    EventFactory(summit=paris, title={"en": "Launch"})
    EventFactory(summit=paris, title={"en": "Secret rehearsal"}, is_published=False)
    client.force_login(TeamMembershipFactory(summit=paris).user)

    calendar = feed(client, paris)

    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Launch"]


def test_feed_is_in_the_language_of_its_address(client, paris):
    EventFactory(summit=paris, title={"fr": "Journée de la société civile", "en": "CSO Day"})

    calendar = feed(client, paris, language="fr")

    assert str(calendar["X-WR-CALNAME"]) == "Sommet de Paris"
    assert [str(event["SUMMARY"]) for event in calendar.events] == ["Journée de la société civile"]


def test_event_carries_its_place_page_kind_and_summary(client, paris):
    event = EventFactory(
        summit=paris,
        slug="cso-day",
        kind=Event.Kind.CSO_DAY,
        summary={"en": "Civil society meets before the summit."},
        venue=VenueFactory(summit=paris),
    )

    entry = feed(client, paris).events[0]

    assert {
        "uid": str(entry["UID"]),
        "location": str(entry["LOCATION"]),
        "url": str(entry["URL"]),
        "categories": [str(category) for category in entry["CATEGORIES"].cats],
        "description": str(entry["DESCRIPTION"]),
    } == {
        "uid": f"event-{event.pk}@testserver",
        "location": "Palais d'Iéna, 9 place d'Iéna, Paris",
        "url": "http://testserver/en/paris-2016/events/cso-day/",
        "categories": ["CSO Day"],
        "description": "Civil society meets before the summit.",
    }


def test_event_uid_stays_the_same_when_the_summit_changes_its_address(client, paris):
    event = EventFactory(summit=paris)
    before = str(feed(client, paris).events[0]["UID"])
    paris.slug = "ogp-paris-2016"
    paris.save(update_fields=["slug"])

    after = str(feed(client, paris).events[0]["UID"])

    assert before == after == f"event-{event.pk}@testserver"


def test_feed_of_an_unpublished_summit_is_not_found_for_visitors(client):
    draft = SummitFactory(is_published=False)

    assert client.get(f"/en/{draft.slug}/events.ics").status_code == 404


def test_feed_makes_a_constant_number_of_queries(client, paris, django_assert_num_queries):
    venue = VenueFactory(summit=paris)
    EventFactory(summit=paris, venue=venue)
    with django_assert_num_queries(2):
        assert len(feed(client, paris).events) == 1
    EventFactory.create_batch(2, summit=paris, venue=venue)
    with django_assert_num_queries(2):
        assert len(feed(client, paris).events) == 3
