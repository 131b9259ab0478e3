"""Importing a schedule file into a summit's working agenda."""

import datetime as dt

import pytest

from cosummit.accounts.models import User
from cosummit.programme.imports import import_schedule, is_imported_address, plain_text
from cosummit.programme.interchange import (
    Conference,
    Event,
    Person,
    Schedule,
    read_c3voc_json,
    read_frab_xml,
)
from cosummit.programme.models import Day, Session, Slot
from cosummit.proposals.models import Track
from cosummit.summits.models import Room, Venue
from tests.factories import RoomFactory, SummitFactory, UserFactory, VenueFactory
from tests.programme.factories import DayFactory, SessionFactory
from tests.programme.formats_helpers import needs_shared_data, shared_file
from tests.proposals.factories import CallFactory, SessionFormatFactory

UTC = dt.UTC


def schedule_of(*events: Event, problems=()) -> Schedule:
    return Schedule(
        conference=Conference(acronym="test", title="Test conference"),
        events=list(events),
        problems=list(problems),
    )


def event(**fields) -> Event:
    return Event(
        **{
            "guid": "0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11",
            "id": 1,
            "title": "Open budgets",
            "start": dt.datetime(2026, 6, 3, 9, 30, tzinfo=UTC),
            "duration": 60,
            "room": "Salle Verte",
            "track": "Fiscal openness",
            "language": "fr",
            "abstract": "<p>Budgets &amp; people.</p><p>Second part.</p>",
            "persons": [Person(name="Awa Diallo", id=12)],
        }
        | fields
    )


@pytest.fixture
def summit(db):
    return SummitFactory(
        start_date=dt.date(2026, 6, 3), end_date=dt.date(2026, 6, 5), timezone="Europe/Paris"
    )


def test_an_event_becomes_a_placed_session_with_its_room_day_track_and_speaker(summit):
    result = import_schedule(summit, schedule_of(event()))

    session = Session.objects.get(summit=summit)
    assert str(session.guid) == "0b7c1b2e-7f39-4a8e-9a55-3c1f7e3a0d11"
    assert (session.title, session.duration, session.language) == ("Open budgets", 60, "fr")
    assert session.abstract == "Budgets & people.\n\nSecond part."
    assert str(session.track.name) == "Fiscal openness"
    assert session.track.slug == "fiscal-openness"
    slot = Slot.objects.get(session=session, release=None)
    assert str(slot.room.name) == "Salle Verte"
    assert slot.room.venue.summit == summit
    assert slot.starts_at == dt.datetime(2026, 6, 3, 9, 30, tzinfo=UTC)
    assert slot.ends_at == dt.datetime(2026, 6, 3, 10, 30, tzinfo=UTC)
    day = Day.objects.get(summit=summit)
    # 09:30 UTC is 11:30 in Paris in June.
    assert (day.date, day.starts, day.ends, day.slot_minutes) == (
        dt.date(2026, 6, 3),
        dt.time(11, 30),
        dt.time(12, 30),
        60,
    )
    assert (
        result.sessions_created,
        result.sessions_updated,
        result.rooms_created,
        result.days_created,
        result.tracks_created,
        result.speakers_created,
    ) == (1, 0, 1, 1, 1, 1)


def test_speakers_without_an_address_get_an_invalid_one_and_cannot_log_in(summit):
    import_schedule(summit, schedule_of(event()))

    speaker = Session.objects.get(summit=summit).speakers.get()
    assert speaker.name == "Awa Diallo"
    assert speaker.email.startswith(f"{summit.slug}-")
    assert speaker.email.endswith("@imported.invalid")
    assert is_imported_address(speaker.email) is True
    assert speaker.has_usable_password() is False


def test_importing_twice_updates_the_sessions_and_duplicates_nothing(summit):
    import_schedule(summit, schedule_of(event()))
    moved = event(
        title="Open budgets, revised",
        start=dt.datetime(2026, 6, 4, 14, 0, tzinfo=UTC),
        duration=90,
        room="Salle Bleue",
    )

    result = import_schedule(summit, schedule_of(moved))

    session = Session.objects.get(summit=summit)
    slot = Slot.objects.get(session__summit=summit)
    assert (session.title, session.duration) == ("Open budgets, revised", 90)
    assert (str(slot.room.name), slot.starts_at, slot.ends_at) == (
        "Salle Bleue",
        dt.datetime(2026, 6, 4, 14, 0, tzinfo=UTC),
        dt.datetime(2026, 6, 4, 15, 30, tzinfo=UTC),
    )
    assert [user.name for user in session.speakers.all()] == ["Awa Diallo"]
    assert User.objects.filter(name="Awa Diallo").count() == 1
    assert Track.objects.filter(summit=summit).count() == 1
    assert (result.sessions_created, result.sessions_updated, result.speakers_created) == (0, 1, 0)


def test_a_session_keeps_its_real_speakers_when_the_file_names_them(summit):
    real = UserFactory(name="Awa Diallo", email="awa@example.org")
    session = SessionFactory(summit=summit, title="Open budgets", speakers=[real])
    guid = str(session.guid)

    import_schedule(summit, schedule_of(event(guid=guid, persons=[Person(name="awa diallo")])))

    assert list(session.speakers.all()) == [real]
    assert Slot.objects.filter(session=session).count() == 1
    assert Slot.objects.get(session=session).starts_at == dt.datetime(2026, 6, 3, 9, 30, tzinfo=UTC)


def test_existing_rooms_tracks_and_days_are_used_and_days_widened(summit):
    venue = VenueFactory(summit=summit)
    room = RoomFactory(venue=venue, name={"fr": "Salle Verte", "en": "Green Room"})
    track = Track.objects.create(summit=summit, slug="fiscal", name={"en": "Fiscal openness"})
    day = DayFactory(summit=summit, date=dt.date(2026, 6, 3), starts=dt.time(12, 0))

    result = import_schedule(summit, schedule_of(event(room="green room")))

    slot = Slot.objects.get(session__summit=summit)
    assert slot.room == room
    assert Session.objects.get(summit=summit).track == track
    day.refresh_from_db()
    assert (day.starts, day.ends, day.slot_minutes) == (dt.time(11, 30), dt.time(18, 0), 90)
    assert (result.rooms_created, result.tracks_created, result.days_created) == (0, 0, 0)
    assert Venue.objects.filter(summit=summit).count() == 1


def test_a_guid_held_by_another_summit_gets_a_guid_of_its_own_here(summit):
    other = SessionFactory(title="Elsewhere")

    import_schedule(summit, schedule_of(event(guid=str(other.guid))))
    import_schedule(summit, schedule_of(event(guid=str(other.guid), title="Again")))

    here = Session.objects.get(summit=summit)
    assert here.guid != other.guid
    assert here.title == "Again"
    other.refresh_from_db()
    assert other.title == "Elsewhere"


def test_reading_problems_and_dates_outside_the_summit_are_reported(summit):
    result = import_schedule(
        summit,
        schedule_of(
            event(start=dt.datetime(2026, 7, 1, 9, 0, tzinfo=UTC)), problems=["One was skipped."]
        ),
    )

    assert result.problems == [
        "One was skipped.",
        "Some sessions fall outside the summit's dates, on 2026-07-01.",
    ]


def test_a_session_running_past_midnight_stretches_its_day_to_the_last_minute(summit):
    import_schedule(
        summit,
        schedule_of(event(start=dt.datetime(2026, 6, 3, 21, 0, tzinfo=UTC), duration=120)),
    )

    day = Day.objects.get(summit=summit)
    assert (day.date, day.starts, day.ends) == (
        dt.date(2026, 6, 3),
        dt.time(23, 0),
        dt.time(23, 59),
    )


def test_html_abstracts_become_plain_text():
    assert plain_text("<p>A &lt;b&gt; c</p>\n<p>d<br>e</p>") == "A <b> c\n\nd\n\ne"


@needs_shared_data
def test_fosdem_2025_is_imported_once_however_often_it_is_imported(db):
    summit = SummitFactory(
        start_date=dt.date(2025, 2, 1), end_date=dt.date(2025, 2, 2), timezone="Europe/Brussels"
    )
    schedule = read_frab_xml(shared_file("fosdem-2025-schedule.xml"))

    first = import_schedule(summit, schedule)
    users = User.objects.count()
    second = import_schedule(summit, schedule)

    assert (first.sessions_created, first.sessions_updated) == (943, 0)
    assert (second.sessions_created, second.sessions_updated) == (0, 943)
    assert (second.rooms_created, second.days_created, second.speakers_created) == (0, 0, 0)
    assert Session.objects.filter(summit=summit).count() == 943
    assert Slot.objects.filter(session__summit=summit, starts_at__isnull=False).count() == 943
    assert User.objects.count() == users
    assert first.speakers_created == len(
        {person.id for event in schedule.events for person in event.persons}
    )
    assert Room.objects.filter(venue__summit=summit).count() == 40
    assert [day.date for day in Day.objects.filter(summit=summit)] == [
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 2),
    ]


@needs_shared_data
@pytest.mark.parametrize(
    ("name", "events"), [("rc3-schedule.json", 48), ("camp2019-schedule.json", 79)]
)
def test_the_c3voc_files_are_imported(db, name, events):
    summit = SummitFactory()

    result = import_schedule(summit, read_c3voc_json(shared_file(name)))

    assert result.sessions_created == events
    assert Slot.objects.filter(session__summit=summit, starts_at__isnull=False).count() == events


def test_an_event_type_becomes_the_format_of_that_name(summit):
    workshop = SessionFormatFactory(
        call=CallFactory(summit=summit), name={"fr": "Atelier", "en": "Workshop"}
    )

    import_schedule(
        summit,
        schedule_of(
            event(type="atelier"),
            event(guid="5d0f3c1e-2a4b-4c6d-8e9f-0a1b2c3d4e5f", id=2, type="devroom"),
        ),
    )

    assert [
        (session.title, session.format)
        for session in Session.objects.filter(summit=summit).order_by("pk")
    ] == [("Open budgets", workshop), ("Open budgets", None)]
