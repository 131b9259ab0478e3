"""Warnings on the agenda: each case, on the working agenda or on slots given as plain data."""

import datetime as dt

import pytest

from cosummit.programme.warnings import Placement, agenda_warnings
from tests.factories import RoomFactory, UserFactory, VenueFactory
from tests.programme.builder_helpers import (
    at,
    organiser_client_fixture,  # noqa: F401
    page,
)
from tests.programme.factories import (
    DayFactory,
    SessionFactory,
    StarFactory,
    UnavailabilityFactory,
)
from tests.proposals.factories import ProposalFactory, SupportFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(summit):
    return DayFactory(summit=summit)


@pytest.fixture
def venue(summit):
    return VenueFactory(summit=summit)


@pytest.fixture
def room(venue):
    return RoomFactory(
        venue=venue,
        name={"en": "Salle Iéna", "fr": "Salle Iéna"},
        capacity=100,
        equipment=["projector"],
        is_step_free=True,
        interpretation_booths=["fr", "en"],
    )


@pytest.fixture
def attic(venue):
    return RoomFactory(
        venue=venue,
        name={"en": "Attic", "fr": "Grenier"},
        capacity=10,
        equipment=[],
        is_step_free=False,
        interpretation_booths=[],
    )


def found(summit, slots=None) -> list[tuple]:
    return [(w.kind, w.title, w.message) for w in agenda_warnings(summit, slots)]


def test_a_well_placed_agenda_has_no_warning(summit, day, room, attic):
    SessionFactory(summit=summit, room=room, starts_at=at(summit, 9), equipment=["projector"])
    SessionFactory(summit=summit, room=attic, starts_at=at(summit, 9), expected_audience=10)
    SessionFactory(summit=summit)
    assert found(summit) == []


def test_a_speaker_in_two_places_at_once(summit, day, room, attic):
    amina = UserFactory(name="Amina")
    SessionFactory(summit=summit, title="A", speakers=[amina], room=room, starts_at=at(summit, 9))
    SessionFactory(
        summit=summit, title="B", speakers=[amina], room=attic, starts_at=at(summit, 9, 30)
    )
    SessionFactory(
        summit=summit, title="C", speakers=[amina], room=attic, starts_at=at(summit, 10, 30)
    )
    assert found(summit) == [
        ("speaker_clash", "A", "Amina also speaks at “B” at the same time."),
        ("speaker_clash", "B", "Amina also speaks at “A” at the same time."),
    ]


def test_a_speaker_placed_when_unavailable(summit, day, room):
    amina = UserFactory(name="Amina")
    UnavailabilityFactory(summit=summit, user=amina, starts_at=at(summit, 8))
    SessionFactory(
        summit=summit, title="A", speakers=[amina], room=room, starts_at=at(summit, 9, 30)
    )
    SessionFactory(summit=summit, title="B", speakers=[amina], room=room, starts_at=at(summit, 11))
    assert found(summit) == [("speaker_unavailable", "A", "Amina is not available at this time.")]


def test_two_sessions_in_one_room_at_once(summit, day, room):
    SessionFactory(summit=summit, title="A", room=room, starts_at=at(summit, 9))
    SessionFactory(summit=summit, title="B", room=room, starts_at=at(summit, 9, 45))
    assert found(summit) == [
        ("room_clash", "A", "“B” is in the same room at the same time."),
        ("room_clash", "B", "“A” is in the same room at the same time."),
    ]


def test_a_room_too_small_for_the_declared_audience(summit, day, room):
    SessionFactory(
        summit=summit, title="A", room=room, starts_at=at(summit, 9), expected_audience=150
    )
    assert found(summit) == [
        ("room_too_small", "A", "About 150 people are expected; the room holds 100.")
    ]


def test_a_room_too_small_for_the_people_who_starred_or_supported_it(summit, day, attic):
    proposal = ProposalFactory(summit=summit)
    session = SessionFactory(
        summit=summit,
        title="A",
        proposal=proposal,
        room=attic,
        starts_at=at(summit, 9),
        expected_audience=5,
    )
    people = [UserFactory() for _ in range(11)]
    for person in people[:6]:
        StarFactory(session=session, user=person)
    for person in people[4:]:
        SupportFactory(proposal=proposal, user=person)
    assert found(summit) == [
        ("room_too_small", "A", "About 11 people are expected; the room holds 10.")
    ]


def test_missing_equipment_step_free_access_and_booths(summit, day, attic):
    SessionFactory(
        summit=summit,
        title="A",
        room=attic,
        starts_at=at(summit, 9),
        equipment=["projector", "microphones"],
        needs_step_free_access=True,
        interpretation=["es"],
    )
    assert found(summit) == [
        ("missing_equipment", "A", "The room lacks equipment the session needs: Microphones."),
        (
            "missing_equipment",
            "A",
            "The room lacks equipment the session needs: Projector and screen.",
        ),
        ("no_booth", "A", "The room has no interpretation booth into “es”."),
        (
            "no_step_free_access",
            "A",
            "The session needs step-free access, which the room does not have.",
        ),
    ]


def test_a_session_on_a_day_reserved_to_other_tracks(summit, day, room):
    hackathon = TrackFactory(summit=summit, name={"en": "Hackathon", "fr": "Hackathon"})
    open_data = TrackFactory(summit=summit, name={"en": "Open data", "fr": "Données ouvertes"})
    day.tracks.set([hackathon])
    SessionFactory(summit=summit, title="A", track=open_data, room=room, starts_at=at(summit, 9))
    SessionFactory(summit=summit, title="B", track=hackathon, room=room, starts_at=at(summit, 11))
    SessionFactory(summit=summit, title="C", room=room, starts_at=at(summit, 14))
    assert found(summit) == [
        (
            "outside_track_days",
            "A",
            f"{day.date.isoformat()} is reserved to other tracks than “Open data”.",
        )
    ]


def test_a_track_with_its_own_days_on_an_open_day(summit, day, room):
    hackathon = TrackFactory(summit=summit, name={"en": "Hackathon", "fr": "Hackathon"})
    other = TrackFactory(summit=summit)
    hack_day = DayFactory(summit=summit, date=day.date + dt.timedelta(days=1))
    hack_day.tracks.set([hackathon])
    SessionFactory(summit=summit, title="A", track=hackathon, room=room, starts_at=at(summit, 9))
    SessionFactory(summit=summit, title="B", track=other, room=room, starts_at=at(summit, 11))
    assert found(summit) == [
        (
            "outside_track_days",
            "A",
            f"The track “Hackathon” has its own days, and {day.date.isoformat()} "
            "is not one of them.",
        )
    ]


def test_a_session_on_no_programme_day(summit, day, room):
    SessionFactory(summit=summit, title="A", room=room, starts_at=at(summit, 9, days=2))
    date = at(summit, 9, days=2).date().isoformat()
    assert found(summit) == [("not_a_programme_day", "A", f"{date} is not a day of the programme.")]


def test_a_session_overlapping_a_fixed_item_that_holds_every_room(summit, day, room, attic):
    SessionFactory(
        summit=summit, title="Lunch", kind="break", takes_whole_venue=True, starts_at=at(summit, 12)
    )
    SessionFactory(
        summit=summit, title="A", room=attic, starts_at=at(summit, 12, 30), expected_audience=1
    )
    SessionFactory(summit=summit, title="B", room=room, starts_at=at(summit, 13))
    assert found(summit) == [
        ("during_fixed_item", "A", "It overlaps “Lunch”, which holds every room.")
    ]


def test_pitches_are_checked_at_their_pitch_sessions_place(summit, day, room, attic):
    amina = UserFactory(name="Amina")
    pitches = SessionFactory(
        summit=summit, kind="pitches", title="Pitches", room=room, starts_at=at(summit, 9)
    )
    SessionFactory(
        summit=summit, title="Pitch", pitch_session=pitches, speakers=[amina], interpretation=["es"]
    )
    SessionFactory(
        summit=summit,
        title="Talk",
        speakers=[amina],
        room=attic,
        starts_at=at(summit, 9),
        expected_audience=1,
    )
    assert found(summit) == [
        ("no_booth", "Pitches", "The room has no interpretation booth into “es”."),
        ("speaker_clash", "Pitches", "Amina also speaks at “Talk” at the same time."),
        ("speaker_clash", "Talk", "Amina also speaks at “Pitches” at the same time."),
    ]


def test_slots_given_as_plain_data_are_checked_instead_of_the_working_agenda(
    summit, day, room, attic
):
    amina = UserFactory(name="Amina")
    a = SessionFactory(
        summit=summit, title="A", speakers=[amina], room=room, starts_at=at(summit, 9)
    )
    b = SessionFactory(
        summit=summit,
        title="B",
        speakers=[amina],
        room=attic,
        starts_at=at(summit, 14),
        expected_audience=1,
    )
    assert found(summit) == []
    draft = [
        {"session": a.pk, "room": room.pk, "starts_at": at(summit, 11)},
        Placement(session=b.pk, room=attic.pk, starts_at=at(summit, 11), ends_at=at(summit, 12)),
    ]
    assert found(summit, draft) == [
        ("speaker_clash", "A", "Amina also speaks at “B” at the same time."),
        ("speaker_clash", "B", "Amina also speaks at “A” at the same time."),
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_the_warnings_take_the_same_queries_for_1_and_3_sessions(
    summit, day, room, django_assert_num_queries, count
):
    for hour in range(count):
        SessionFactory(
            summit=summit, speakers=[UserFactory()], room=room, starts_at=at(summit, 9 + hour)
        )
    with django_assert_num_queries(10):
        agenda_warnings(summit)


def test_the_warnings_page_lists_each_warning_with_a_link_to_the_session(
    organiser_client, summit, day, room
):
    session = SessionFactory(
        summit=summit, title="A", room=room, starts_at=at(summit, 9), expected_audience=150
    )
    content = organiser_client.get(page("warnings", summit)).content.decode()
    assert content.count("About 150 people are expected; the room holds 100.") == 1
    assert content.count(f'href="{page("session_edit", summit, session=session.pk)}"') == 1


def test_the_warnings_page_says_when_there_is_none(organiser_client, summit):
    content = organiser_client.get(page("warnings", summit)).content.decode()
    assert content.count("No warning: the working agenda has no clash") == 1


@pytest.mark.parametrize("count", [1, 3])
def test_the_warnings_page_runs_the_same_queries_for_1_and_3_warnings(
    organiser_client, summit, day, room, django_assert_num_queries, count
):
    for hour in range(count):
        SessionFactory(
            summit=summit, room=room, starts_at=at(summit, 9 + hour), expected_audience=500
        )
    with django_assert_num_queries(16):
        response = organiser_client.get(page("warnings", summit))
    assert len(response.context["rows"]) == count
