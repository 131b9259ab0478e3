"""Reading and writing frab XML and c3voc JSON, on the real files in ../shared/data."""

import datetime as dt
import json

import pytest

from cosummit.programme.interchange import (
    Conference,
    Event,
    Person,
    Schedule,
    ScheduleFormatError,
    parse_duration,
    read_c3voc_json,
    read_frab_xml,
    read_schedule,
    write_c3voc_json,
    write_frab_xml,
)
from tests.programme.formats_helpers import (
    json_schema_errors,
    needs_shared_data,
    shared_file,
    xsd_errors,
)

BRUSSELS = dt.timezone(dt.timedelta(hours=1))


def essentials(schedule: Schedule) -> list[tuple]:
    """What a round trip must keep of each event."""
    return sorted(
        (
            event.guid,
            event.id,
            event.title,
            event.start,
            event.duration,
            event.room,
            event.track,
            event.language,
            tuple(person.name for person in event.persons),
        )
        for event in schedule.events
    )


@pytest.fixture(scope="module")
def fosdem() -> Schedule:
    return read_frab_xml(shared_file("fosdem-2025-schedule.xml"))


@needs_shared_data
def test_fosdem_2025_is_read_with_every_event_day_room_and_track(fosdem):
    assert len(fosdem.events) == 943
    assert [(day.index, day.date) for day in fosdem.days] == [
        (1, dt.date(2025, 2, 1)),
        (2, dt.date(2025, 2, 2)),
    ]
    assert len({event.room for event in fosdem.events}) == 29
    assert len(fosdem.tracks) == 74
    assert fosdem.problems == []
    assert fosdem.conference.acronym == "fosdem-2025"
    assert fosdem.conference.time_zone_name == "Europe/Brussels"


@needs_shared_data
def test_a_fosdem_event_keeps_its_fields(fosdem):
    event = next(event for event in fosdem.events if event.id == 6210)

    assert event.guid == "852280ac-61d3-588c-b74c-8d87f9d9d2c6"
    assert event.title == "A New Approach to Callee-Saved Registers in LLVM"
    assert event.start == dt.datetime(2025, 2, 1, 10, 35, tzinfo=BRUSSELS)
    assert event.duration == 25
    assert event.end == dt.datetime(2025, 2, 1, 11, 0, tzinfo=BRUSSELS)
    assert event.room == "K.3.201"
    assert event.track == "LLVM"
    assert event.type == "devroom"
    assert event.language == "en"
    assert event.persons == [Person(name="Mikhail Gudim", id=4744)]


@needs_shared_data
def test_the_rc3_pretalx_json_is_read():
    schedule = read_c3voc_json(shared_file("rc3-schedule.json"))

    assert len(schedule.events) == 48
    assert len(schedule.days) == 4
    first = schedule.events[0]
    assert first.guid == "c3642671-4c1f-5109-81ba-0535c1cc8428"
    assert first.start == dt.datetime(2020, 12, 27, 11, 30, tzinfo=BRUSSELS)
    assert first.duration == 40
    assert first.room == "r3s - Monheim/Rhein"
    assert [(person.name, person.code) for person in first.persons] == [
        ("Chris Fiege", "SCD9VJ"),
        ("Kasa", "MCQKPV"),
    ]


@needs_shared_data
def test_the_camp_2019_frab_json_is_read():
    schedule = read_c3voc_json(shared_file("camp2019-schedule.json"))

    assert len(schedule.events) == 79
    assert len(schedule.days) == 5
    assert [room.name for room in schedule.rooms] == ["Curie", "Meitner"]
    first = schedule.events[0]
    assert (first.title, first.duration, first.room) == ("Opening Ceremony", 30, "Curie")
    assert [person.name for person in first.persons] == ["jinxx", "smtw"]


@needs_shared_data
@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("fosdem-2025-schedule.xml", read_frab_xml),
        ("rc3-schedule.json", read_c3voc_json),
        ("camp2019-schedule.json", read_c3voc_json),
    ],
)
def test_every_shared_file_written_again_validates_and_reads_back_the_same(name, reader):
    schedule = reader(shared_file(name))

    xml = write_frab_xml(schedule)
    document = write_c3voc_json(schedule)

    assert xsd_errors(xml) == []
    assert json_schema_errors(document) == []
    assert essentials(read_frab_xml(xml)) == essentials(schedule)
    assert essentials(read_c3voc_json(document)) == essentials(schedule)


@needs_shared_data
def test_the_original_fosdem_file_does_not_pass_the_strict_xsd_which_is_why_reading_is_lenient():
    errors = xsd_errors(shared_file("fosdem-2025-schedule.xml"))

    assert any("tracks" in error for error in errors)


@needs_shared_data
def test_the_schema_checker_itself_refuses_a_broken_document():
    document = json.loads(write_c3voc_json(read_c3voc_json(shared_file("rc3-schedule.json"))))
    first_room = next(iter(document["schedule"]["conference"]["days"][0]["rooms"].values()))
    first_room[0]["guid"] = "not-a-uuid"
    del first_room[0]["slug"]

    errors = json_schema_errors(json.dumps(document).encode())

    assert sorted(error.split(": ")[1] for error in errors) == [
        "'not-a-uuid' is not a 'uuid'",
        "'slug' is a required property",
    ]


def test_read_schedule_guesses_the_format_from_the_first_character():
    xml = write_frab_xml(small_schedule())
    document = write_c3voc_json(small_schedule())

    assert essentials(read_schedule(xml)) == essentials(small_schedule())
    assert essentials(read_schedule(b"\n  " + document)) == essentials(small_schedule())
    with pytest.raises(ScheduleFormatError) as error:
        read_schedule(xml, format="pdf")
    assert str(error.value) == "Unknown schedule format: pdf."


def small_schedule(**event_fields) -> Schedule:
    fields = {
        "guid": "0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11",
        "id": 7,
        "title": "Open data for cities",
        "start": dt.datetime(2026, 6, 3, 9, 30, tzinfo=dt.UTC),
        "duration": 90,
        "room": "Salle 1",
        "track": "Main summit",
        "type": "Workshop",
        "language": "fr",
        "persons": [Person(name="Awa Diallo", id=12)],
    } | event_fields
    return Schedule(
        conference=Conference(
            acronym="ogp-2026",
            title="OGP Summit 2026",
            time_zone_name="Europe/Paris",
            base_url="https://summit.example.org/",
        ),
        events=[Event(**fields)],
    )


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("00:25", 25),
        ("1:30", 90),
        ("01:30:00", 90),
        ("0:45:59", 45),
        ("1:02:00:00", 1560),
        ("45", 45),
        ("", None),
        ("an hour", None),
        ("1:2:3:4:5", None),
    ],
)
def test_durations_are_read_in_every_form_real_files_use(text, minutes):
    assert parse_duration(text) == minutes


def test_an_event_without_a_start_is_skipped_and_reported():
    data = b"""<schedule><version>1</version><conference><acronym>test</acronym></conference>
    <day index="1" date="2026-06-03"><room name="A">
      <event id="1" guid="not-a-guid"><title>Kept</title><start>10:00</start>
        <duration>00:30</duration><room>A</room></event>
      <event id="2"><title>No start</title><duration>00:30</duration><room>A</room></event>
    </room></day></schedule>"""

    schedule = read_frab_xml(data)

    assert [event.title for event in schedule.events] == ["Kept"]
    assert schedule.problems == [
        "Event “No start” has no readable start, duration or room; it was skipped."
    ]
    # Without a date, the day's date and the start are used, in UTC as the
    # file names no time zone.
    assert schedule.events[0].start == dt.datetime(2026, 6, 3, 10, 0, tzinfo=dt.UTC)
    # A malformed guid is replaced by one derived from the event, the same
    # at every reading, so that importing twice updates rather than duplicates.
    assert schedule.events[0].guid == read_frab_xml(data).events[0].guid
    assert len(schedule.events[0].guid) == 36


def test_an_event_whose_guid_repeats_is_skipped_and_reported():
    event = (
        b'<event id="%d" guid="0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11"><title>%s</title>'
        b"<date>2026-06-03T10:00:00+02:00</date><duration>00:30</duration></event>"
    )
    data = (
        b'<schedule><conference><acronym>test</acronym></conference><day index="1">'
        b'<room name="A">' + event % (1, b"First") + event % (2, b"Second") + b"</room></day>"
        b"</schedule>"
    )

    schedule = read_frab_xml(data)

    assert [(event.title, event.room) for event in schedule.events] == [("First", "A")]
    assert schedule.problems == [
        "Event “Second” repeats the guid 0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11; it was skipped."
    ]


def test_json_events_without_duration_take_it_from_their_end():
    data = {
        "schedule": {
            "version": "1",
            "conference": {
                "acronym": "test",
                "title": "Test",
                "days": [
                    {
                        "index": 1,
                        "date": "2026-06-03",
                        "rooms": {
                            "Hall": [
                                {
                                    "guid": "0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11",
                                    "title": "Opening",
                                    "date": "2026-06-03T09:00:00+02:00",
                                    "end": "2026-06-03T09:45:00+02:00",
                                    "persons": [{"name": "A"}, {"public_name": "B"}, "C", {}],
                                    "language": None,
                                }
                            ],
                            "Empty": None,
                        },
                    },
                    "not a day",
                ],
            },
        }
    }

    schedule = read_c3voc_json(json.dumps(data).encode())

    assert [(event.title, event.duration, event.room) for event in schedule.events] == [
        ("Opening", 45, "Hall")
    ]
    assert [person.name for person in schedule.events[0].persons] == ["A", "B"]
    assert schedule.events[0].language == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<schedule><conference>", "The file is not valid XML: "),
        (b"<programme/>", "The XML file is not a schedule: its root is not <schedule>."),
        (b"<schedule><version>1</version></schedule>", "The schedule has no <conference> element."),
    ],
)
def test_what_is_not_a_frab_schedule_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ScheduleFormatError) as error:
        read_frab_xml(data)

    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "The file is not valid JSON: "),
        (b"\xff\xfe", "The file is not valid JSON: "),
        (b"[]", "The JSON file is not a schedule: it has no “schedule” with a “conference”."),
        (
            b'{"schedule": {"conference": []}}',
            "The JSON file is not a schedule: it has no “schedule” with a “conference”.",
        ),
    ],
)
def test_what_is_not_a_c3voc_schedule_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ScheduleFormatError) as error:
        read_c3voc_json(data)

    assert str(error.value).startswith(message)


def test_entities_are_not_expanded_and_external_files_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret")
    data = f"""<?xml version="1.0"?>
    <!DOCTYPE schedule [
      <!ENTITY lol "lol">
      <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      <!ENTITY secret SYSTEM "file://{secret}">
    ]>
    <schedule><conference><acronym>test</acronym></conference>
    <day index="1" date="2026-06-03"><room name="A">
      <event id="1" guid="0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11"><title>T&lol2;</title>
      <abstract>&secret;</abstract><start>10:00</start><duration>00:30</duration></event>
    </room></day></schedule>""".encode()

    schedule = read_frab_xml(data)

    # The references stay as they were written, unexpanded.
    assert schedule.events[0].title == "T&lol2;"
    assert schedule.events[0].abstract == "&secret;"


@needs_shared_data
def test_the_writers_repair_what_the_schemas_would_refuse():
    schedule = small_schedule(
        slug="Not A Slug",
        url="javascript:alert(1)",
        title="Budget\x00 open \x1fdata",
        code="lower",
        persons=[Person(name="Awa Diallo", id=12, guid="bad"), Person(name="Li Wei", code="AB12")],
    )
    schedule.conference.acronym = "OGP 2026!"
    schedule.conference.time_zone_name = "Etc/GMT+1"
    schedule.events.append(
        Event(
            guid=schedule.events[0].guid.upper(),
            id=7,
            title="Same guid and id",
            start=dt.datetime(2026, 6, 4, 9, 0, tzinfo=dt.UTC),
            duration=30,
            room="Salle 2",
        )
    )

    xml = write_frab_xml(schedule)
    document = write_c3voc_json(schedule)

    assert xsd_errors(xml) == []
    assert json_schema_errors(document) == []
    written = json.loads(document)["schedule"]["conference"]
    assert written["acronym"] == "ogp_2026"
    assert "time_zone_name" not in written
    first, second = (events[0] for day in written["days"] for events in day["rooms"].values())
    assert (first["id"], second["id"]) == (7, 8)
    assert first["guid"] == "0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11"
    assert second["guid"] not in (first["guid"], first["guid"].upper())
    assert first["slug"] == "ogp_2026-7-budget-open-data"
    assert first["title"] == "Budget\x00 open \x1fdata"
    assert first["url"] == "javascript:alert(1)"
    assert "code" not in first
    assert first["persons"] == [
        {"id": 12, "public_name": "Awa Diallo"},
        {"name": "Li Wei", "code": "AB12"},
    ]
    reread = read_frab_xml(xml)
    assert reread.events[0].title == "Budget open data"
    assert reread.events[0].url == ""


@needs_shared_data
def test_a_schedule_without_events_still_validates_with_one_day():
    schedule = small_schedule()
    schedule.events = []
    schedule.conference.start = dt.date(2026, 6, 3)

    xml = write_frab_xml(schedule)
    document = write_c3voc_json(schedule)

    assert xsd_errors(xml) == []
    assert json_schema_errors(document) == []
    assert [day.date for day in read_frab_xml(xml).days] == [dt.date(2026, 6, 3)]


@needs_shared_data
def test_events_outside_every_listed_day_get_a_day_of_their_own():
    schedule = small_schedule()
    schedule.days = read_frab_xml(write_frab_xml(small_schedule())).days
    schedule.events.append(
        Event(
            guid="5d0f3c1e-2a4b-4c6d-8e9f-0a1b2c3d4e5f",
            id=8,
            title="Two days later",
            start=dt.datetime(2026, 6, 5, 14, 0, tzinfo=dt.UTC),
            duration=60,
            room="Salle 1",
        )
    )

    xml = write_frab_xml(schedule)

    assert xsd_errors(xml) == []
    reread = read_frab_xml(xml)
    assert [(day.index, day.date) for day in reread.days] == [
        (1, dt.date(2026, 6, 3)),
        (2, dt.date(2026, 6, 5)),
    ]
    assert [event.start.isoformat() for event in reread.events] == [
        "2026-06-03T11:30:00+02:00",
        "2026-06-05T16:00:00+02:00",
    ]


@pytest.mark.parametrize("text", ["²", "00:²", "1:³0", "٣٠:x", "99999999999", "600000:00"])
def test_digits_python_cannot_count_with_and_durations_no_session_lasts_are_not_durations(text):
    assert parse_duration(text) is None


def test_an_event_lasting_for_ever_is_skipped_and_reported_and_a_strange_id_is_no_id():
    data = """<schedule><version>1</version><conference><acronym>test</acronym></conference>
    <day index="1" date="2026-06-03"><room name="A">
      <event id="²" guid="9b0f7c8e-2f4a-4c61-9b43-3c1a3f0e6a11"><title>Kept</title>
        <start>10:00</start><duration>00:30</duration><room>A</room></event>
      <event id="2"><title>For ever</title><start>11:00</start>
        <duration>9999999999:00</duration><room>A</room></event>
    </room></day></schedule>""".encode()

    schedule = read_frab_xml(data)

    assert [(event.title, event.id) for event in schedule.events] == [("Kept", None)]
    assert schedule.problems == [
        "Event “For ever” has no readable start, duration or room; it was skipped."
    ]


def test_a_json_event_whose_duration_overflows_is_skipped_and_reported():
    data = json.dumps(
        {
            "schedule": {
                "conference": {
                    "acronym": "test",
                    "days": [
                        {
                            "index": 1,
                            "date": "2026-06-03",
                            "rooms": {
                                "A": [
                                    {
                                        "guid": "9b0f7c8e-2f4a-4c61-9b43-3c1a3f0e6a12",
                                        "id": "²",
                                        "title": "For ever",
                                        "date": "2026-06-03T10:00:00+02:00",
                                        "duration": "99999999999:00",
                                        "room": "A",
                                    }
                                ]
                            },
                        }
                    ],
                }
            }
        }
    ).encode()

    schedule = read_c3voc_json(data)

    assert schedule.events == []
    assert schedule.problems == [
        "Event “For ever” has no readable start, duration or room; it was skipped."
    ]


def test_an_event_at_an_impossible_time_or_ending_after_year_9999_is_skipped_and_reported():
    data = b"""<schedule><version>1</version><conference><acronym>test</acronym></conference>
    <day index="1" date="2026-06-03"><room name="A">
      <event id="1"><title>Minute 75</title><start>10:75</start>
        <duration>00:30</duration><room>A</room></event>
    </room></day>
    <day index="2" date="9999-12-31"><room name="A">
      <event id="2"><title>Last night</title><start>23:45</start>
        <duration>00:30</duration><room>A</room></event>
    </room></day></schedule>"""

    schedule = read_frab_xml(data)

    assert schedule.events == []
    assert schedule.problems == [
        "Event “Minute 75” has no readable start, duration or room; it was skipped.",
        "Event “Last night” has no readable start, duration or room; it was skipped.",
    ]
