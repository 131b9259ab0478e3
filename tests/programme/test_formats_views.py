"""The export files under /<lang>/<summit>/programme/export/: who gets them, and what they hold."""

import csv
import datetime as dt
import io

import icalendar
import pytest

from cosummit.programme.interchange import read_c3voc_json, read_frab_xml
from cosummit.programme.models import Slot
from cosummit.proposals.models import Track
from tests.factories import (
    PARIS,
    RoomFactory,
    SummitFactory,
    TeamMembershipFactory,
    UserFactory,
    VenueFactory,
)
from tests.programme.factories import SessionFactory
from tests.programme.formats_helpers import release_working_agenda

EXPORTS = ["schedule.xml", "schedule.json", "programme.ics", "programme.csv"]


def url(summit, name: str, language: str = "en") -> str:
    return f"/{language}/{summit.slug}/programme/export/{name}"


@pytest.fixture
def programme(db):
    """A published summit with two rooms, a track and two placed sessions, not released yet."""
    summit = SummitFactory(
        slug="paris-2026", start_date=dt.date(2026, 6, 3), end_date=dt.date(2026, 6, 4)
    )
    venue = VenueFactory(summit=summit)
    summit.rooms = [
        RoomFactory(venue=venue, name={"fr": "Salle Verte", "en": "Green Room"}),
        RoomFactory(venue=venue, name={"fr": "Salle Bleue", "en": "Blue Room"}),
    ]
    summit.track = Track.objects.create(
        summit=summit, slug="open-data", name={"fr": "Données ouvertes", "en": "Open data"}
    )
    summit.first = SessionFactory(
        summit=summit,
        title="Open budgets",
        track=summit.track,
        room=summit.rooms[0],
        starts_at=dt.datetime(2026, 6, 3, 10, 0, tzinfo=PARIS),
        speakers=[UserFactory(name="Awa Diallo")],
    )
    summit.second = SessionFactory(
        summit=summit,
        title='=HYPERLINK("http://evil.example")',
        room=summit.rooms[1],
        starts_at=dt.datetime(2026, 6, 4, 14, 30, tzinfo=PARIS),
        duration=90,
    )
    return summit


@pytest.mark.parametrize("name", [*EXPORTS, "tracks/open-data.ics", "sessions/1.ics"])
def test_nothing_is_exported_before_the_first_release(client, programme, name):
    assert client.get(url(programme, name)).status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_an_unpublished_summit_is_exported_to_its_organisers_only(client, programme, name):
    release_working_agenda(programme)
    programme.is_published = False
    programme.save(update_fields=["is_published"])
    other_organiser = TeamMembershipFactory(summit=SummitFactory()).user
    organiser = TeamMembershipFactory(summit=programme).user

    anonymous = client.get(url(programme, name)).status_code
    client.force_login(UserFactory())
    participant = client.get(url(programme, name)).status_code
    client.force_login(other_organiser)
    of_another_summit = client.get(url(programme, name)).status_code
    client.force_login(organiser)
    theirs = client.get(url(programme, name)).status_code

    assert (anonymous, participant, of_another_summit, theirs) == (404, 404, 404, 200)


def test_the_exports_show_the_latest_release_only(client, programme):
    release_working_agenda(programme)
    Slot.objects.filter(session=programme.first, release=None).update(
        starts_at=dt.datetime(2026, 6, 3, 16, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2026, 6, 3, 17, 0, tzinfo=PARIS),
    )
    release_working_agenda(programme)
    # Placed in the working agenda after the last release: not public yet.
    SessionFactory(
        summit=programme,
        title="Not released",
        room=programme.rooms[0],
        starts_at=dt.datetime(2026, 6, 4, 9, 0, tzinfo=PARIS),
    )

    schedule = read_frab_xml(client.get(url(programme, "schedule.xml")).content)

    assert schedule.version == "v2"
    assert [(event.title, event.start.isoformat(), event.room) for event in schedule.events] == [
        ("Open budgets", "2026-06-03T16:00:00+02:00", "Green Room"),
        ('=HYPERLINK("http://evil.example")', "2026-06-04T14:30:00+02:00", "Blue Room"),
    ]


def test_the_c3voc_json_holds_the_sessions_with_their_speakers_and_tracks(client, programme):
    release_working_agenda(programme)

    response = client.get(url(programme, "schedule.json"))

    schedule = read_c3voc_json(response.content)
    first = schedule.events[0]
    assert (first.guid, first.id, first.title, first.duration, first.track, first.language) == (
        str(programme.first.guid),
        programme.first.pk,
        "Open budgets",
        60,
        "Open data",
        "en",
    )
    assert [person.name for person in first.persons] == ["Awa Diallo"]
    assert [track.name for track in schedule.tracks] == ["Open data"]
    assert [room.name for room in schedule.rooms] == ["Green Room", "Blue Room"]
    assert response["Content-Disposition"] == 'inline; filename="paris-2026-schedule.json"'


def test_names_are_given_in_the_language_of_the_address(client, programme):
    release_working_agenda(programme)

    schedule = read_frab_xml(client.get(url(programme, "schedule.xml", "fr")).content)

    assert [event.room for event in schedule.events] == ["Salle Verte", "Salle Bleue"]
    assert schedule.events[0].track == "Données ouvertes"
    assert schedule.events[0].url.startswith("http://testserver/fr/paris-2026/programme/sessions/")


def test_the_csv_has_one_row_per_session_and_defuses_formulas(client, programme):
    release_working_agenda(programme)

    response = client.get(url(programme, "programme.csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="paris-2026-programme-v1.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Date",
        "Start",
        "End",
        "Room",
        "Title",
        "Track",
        "Format",
        "Language",
        "Speakers",
        "Abstract",
        "Address",
        "Identifier",
    ]
    assert [row[:9] for row in rows[1:]] == [
        [
            "2026-06-03",
            "10:00",
            "11:00",
            "Green Room",
            "Open budgets",
            "Open data",
            "Session",
            "en",
            "Awa Diallo",
        ],
        [
            "2026-06-04",
            "14:30",
            "16:00",
            "Blue Room",
            '\'=HYPERLINK("http://evil.example")',
            "",
            "Session",
            "en",
            "",
        ],
    ]
    assert (
        rows[1][10] == f"http://testserver/en/paris-2026/programme/sessions/{programme.first.pk}/"
    )
    assert rows[1][11] == str(programme.first.guid)


def events_of(response) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_the_programme_calendar_has_one_event_per_session_with_a_stable_uid(client, programme):
    release_working_agenda(programme)

    response = client.get(url(programme, "programme.ics"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == programme.name["en"]
    first, second = events_of(response)
    assert str(first["UID"]) == f"{programme.first.guid}@testserver"
    assert str(first["SUMMARY"]) == "Open budgets"
    assert first.decoded("DTSTART") == dt.datetime(2026, 6, 3, 10, 0, tzinfo=PARIS)
    assert first.decoded("DTEND") == dt.datetime(2026, 6, 3, 11, 0, tzinfo=PARIS)
    assert str(first["LOCATION"]) == "Green Room, Palais d'Iéna"
    assert str(first["DESCRIPTION"]) == "Awa Diallo\n\nWhat the session is about."
    assert str(first["URL"]) == (
        f"http://testserver/en/paris-2026/programme/sessions/{programme.first.pk}/"
    )
    assert first["CATEGORIES"].cats == ["Open data"]
    assert str(second["SUMMARY"]) == '=HYPERLINK("http://evil.example")'


def test_a_track_calendar_holds_the_track_sessions_only(client, programme):
    release_working_agenda(programme)

    response = client.get(url(programme, "tracks/open-data.ics"))

    assert [str(event["SUMMARY"]) for event in events_of(response)] == ["Open budgets"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == f"{programme.name['en']}: Open data"
    assert client.get(url(programme, "tracks/no-such-track.ics")).status_code == 404


def test_a_session_calendar_holds_that_session(client, programme):
    release_working_agenda(programme)
    unreleased = SessionFactory(summit=programme)
    elsewhere = SessionFactory(
        room=RoomFactory(), starts_at=dt.datetime(2026, 6, 3, 9, 0, tzinfo=PARIS)
    )
    release_working_agenda(elsewhere.summit)

    response = client.get(url(programme, f"sessions/{programme.second.pk}.ics"))

    assert [str(event["UID"]) for event in events_of(response)] == [
        f"{programme.second.guid}@testserver"
    ]
    assert client.get(url(programme, f"sessions/{unreleased.pk}.ics")).status_code == 404
    assert client.get(url(programme, f"sessions/{elsewhere.pk}.ics")).status_code == 404


# The summit, its latest release, the released slots, their speakers, the
# pitches of pitch sessions and their speakers; the schedule files add the
# days, rooms and tracks; a track calendar, the track.
@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("schedule.xml", 9),
        ("schedule.json", 9),
        ("programme.ics", 6),
        ("programme.csv", 6),
        ("tracks/open-data.ics", 7),
    ],
)
@pytest.mark.parametrize("size", [1, 3])
def test_an_export_costs_the_same_queries_for_one_and_three_sessions(
    db, client, django_assert_num_queries, name, queries, size
):
    summit = SummitFactory()
    room = RoomFactory(venue=VenueFactory(summit=summit))
    track = Track.objects.create(summit=summit, slug="open-data", name={"en": "Open data"})
    for index in range(size):
        session = SessionFactory(
            summit=summit,
            track=track,
            room=room,
            starts_at=dt.datetime(2026, 6, 3, 9 + index, 0, tzinfo=PARIS),
            speakers=[UserFactory(), UserFactory()],
        )
        # Each is a pitch session with a pitch, so that every prefetch runs.
        SessionFactory(summit=summit, title=f"Pitch {index}", pitch_session=session)
    release_working_agenda(summit)

    with django_assert_num_queries(queries):
        response = client.get(url(summit, name))

    assert response.status_code == 200
    assert response.content.count(b"Session ") == size


def test_a_pitch_session_lists_its_pitches_and_their_speakers(client, programme):
    pitch_session = SessionFactory(
        summit=programme,
        kind="pitches",
        title="Lightning pitches",
        abstract="",
        room=programme.rooms[1],
        starts_at=dt.datetime(2026, 6, 3, 12, 0, tzinfo=PARIS),
        speakers=[UserFactory(name="Host Person")],
    )
    for title, name in [("Zebra pitch", "Zoé Martin"), ("Alpha pitch", "Ana Silva")]:
        SessionFactory(
            summit=programme,
            title=title,
            pitch_session=pitch_session,
            speakers=[UserFactory(name=name)],
        )
    release_working_agenda(programme)

    schedule = read_frab_xml(client.get(url(programme, "schedule.xml")).content)
    calendar = client.get(url(programme, f"sessions/{pitch_session.pk}.ics"))

    event = next(event for event in schedule.events if event.title == "Lightning pitches")
    assert event.type == "Pitch session"
    assert event.description == (
        "Pitches in this session:\n– Alpha pitch (Ana Silva)\n– Zebra pitch (Zoé Martin)"
    )
    assert [person.name for person in event.persons] == ["Host Person", "Ana Silva", "Zoé Martin"]
    assert [event.title for event in schedule.events].count("Alpha pitch") == 0
    assert str(events_of(calendar)[0]["DESCRIPTION"]) == (
        "Host Person, Ana Silva, Zoé Martin\n\n"
        "Pitches in this session:\n– Alpha pitch (Ana Silva)\n– Zebra pitch (Zoé Martin)"
    )


def test_a_session_number_out_of_range_is_not_found(client, programme):
    release_working_agenda(programme)

    response = client.get(url(programme, "sessions/99999999999999999999999.ics"))

    assert response.status_code == 404
