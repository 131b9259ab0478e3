"""Importing FOSDEM 2025 and exporting it again keeps every event, room, time and speaker."""

import datetime as dt
import json

import pytest

from cosummit.programme.imports import import_schedule
from cosummit.programme.interchange import read_c3voc_json, read_frab_xml
from tests.factories import SummitFactory
from tests.programme.formats_helpers import (
    json_schema_errors,
    needs_shared_data,
    release_working_agenda,
    shared_file,
    xsd_errors,
)

pytestmark = needs_shared_data


def kept(schedule) -> dict[str, tuple]:
    """What the round trip must keep, by event guid."""
    return {
        event.guid: (
            event.title,
            event.room,
            event.start,
            event.duration,
            sorted(person.name for person in event.persons),
        )
        for event in schedule.events
    }


@pytest.fixture(scope="module")
def original():
    return read_frab_xml(shared_file("fosdem-2025-schedule.xml"))


@pytest.fixture
def released_fosdem(db, original):
    summit = SummitFactory(
        slug="fosdem-2025",
        start_date=dt.date(2025, 2, 1),
        end_date=dt.date(2025, 2, 2),
        timezone="Europe/Brussels",
    )
    import_schedule(summit, original)
    release_working_agenda(summit)
    return summit


def test_the_frab_export_keeps_every_event_room_time_and_speaker(client, released_fosdem, original):
    response = client.get("/en/fosdem-2025/programme/export/schedule.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert xsd_errors(response.content) == []
    exported = read_frab_xml(response.content)
    assert len(exported.events) == 943
    assert kept(exported) == kept(original)
    assert {event.room for event in exported.events} == {event.room for event in original.events}
    assert [day.date for day in exported.days] == [dt.date(2025, 2, 1), dt.date(2025, 2, 2)]


def test_the_c3voc_export_keeps_every_event_room_time_and_speaker(
    client, released_fosdem, original
):
    response = client.get("/en/fosdem-2025/programme/export/schedule.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json_schema_errors(response.content) == []
    exported = read_c3voc_json(response.content)
    assert kept(exported) == kept(original)
    conference = json.loads(response.content)["schedule"]["conference"]
    assert conference["acronym"] == "fosdem_2025"
    assert conference["time_zone_name"] == "Europe/Brussels"
    assert conference["daysCount"] == 2


def test_a_session_page_address_is_given_for_each_exported_event(client, released_fosdem):
    response = client.get("/en/fosdem-2025/programme/export/schedule.xml")

    exported = read_frab_xml(response.content)
    first = exported.events[0]
    assert first.url == f"http://testserver/en/fosdem-2025/programme/sessions/{first.id}/"
    assert exported.conference.base_url == "http://testserver/en/fosdem-2025/programme/"
