"""Organisers add, change, list and delete sessions, plenaries, breaks and pitch sessions."""

import pytest

from cosummit.programme.models import Session, Slot, Star
from tests.factories import RoomFactory, UserFactory, VenueFactory
from tests.programme.builder_helpers import (
    at,
    day_fixture,  # noqa: F401
    organiser_client_fixture,  # noqa: F401
    page,
    room_fixture,  # noqa: F401
    shown_messages,
    venue_fixture,  # noqa: F401
)
from tests.programme.factories import (
    ReleasedSlotFactory,
    ReleaseFactory,
    SessionFactory,
    StarFactory,
)
from tests.proposals.factories import ProposalFactory, TrackFactory

pytestmark = pytest.mark.django_db


def session_data(**overrides) -> dict:
    data = {
        "kind": "session",
        "title": "Open budgets in cities",
        "abstract": "How cities publish budgets.",
        "language": "fr",
        "duration": "60",
        "interpretation": "en, es",
        "expected_audience": "80",
        "equipment": ["projector", "microphones"],
        "needs_step_free_access": "on",
        "speakers": "",
    }
    data.update(overrides)
    return data


def test_an_organiser_adds_a_session_with_speakers_chosen_by_email(organiser_client, summit):
    amina = UserFactory(email="amina@example.org")
    john = UserFactory(email="john@example.org")
    track = TrackFactory(summit=summit)
    response = organiser_client.post(
        page("session_create", summit),
        session_data(speakers="John@example.org\namina@example.org", track=track.pk),
        follow=True,
    )
    session = Session.objects.get()
    assert response.redirect_chain == [(page("sessions", summit), 302)]
    assert shown_messages(response) == ["The session “Open budgets in cities” was added."]
    assert (
        session.summit,
        session.kind,
        session.title,
        session.language,
        session.track,
        session.duration,
        session.interpretation,
        session.expected_audience,
        session.equipment,
        session.needs_step_free_access,
        session.takes_whole_venue,
        session.is_pinned,
        set(session.speakers.all()),
    ) == (
        summit,
        "session",
        "Open budgets in cities",
        "fr",
        track,
        60,
        ["en", "es"],
        80,
        ["projector", "microphones"],
        True,
        False,
        False,
        {amina, john},
    )
    slot = Slot.objects.get(session=session)
    assert (slot.release, slot.room, slot.starts_at) == (None, None, None)


def test_an_organiser_adds_a_lunch_that_holds_every_room_and_is_pinned(organiser_client, summit):
    form = organiser_client.get(page("session_create", summit) + "?kind=break")
    assert form.context["form"].initial == {
        "kind": "break",
        "takes_whole_venue": True,
        "is_pinned": True,
    }
    organiser_client.post(
        page("session_create", summit),
        session_data(
            kind="break",
            title="Lunch",
            takes_whole_venue="on",
            is_pinned="on",
            equipment=[],
            interpretation="",
        ),
    )
    lunch = Session.objects.get()
    assert (lunch.kind, lunch.takes_whole_venue, lunch.is_pinned) == ("break", True, True)


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"title": ""}, "title", "This field is required."),
        (
            {"kind": "party"},
            "kind",
            "Select a valid choice. party is not one of the available choices.",
        ),
        ({"duration": "2"}, "duration", "A session lasts at least 5 minutes."),
        ({"duration": "2000"}, "duration", "Ensure this value is less than or equal to 1440."),
        ({"duration": "-5"}, "duration", "Ensure this value is greater than or equal to 0."),
        ({"language": "French!"}, "language", "Write a language code, such as fr or en."),
        (
            {"interpretation": "en, 12"},
            "interpretation",
            "“12” is not a language code. Write codes such as fr, en, es.",
        ),
        (
            {"equipment": ["laser"]},
            "equipment",
            "Select a valid choice. laser is not one of the available choices.",
        ),
        (
            {"speakers": "nobody@example.org, ghost@example.org"},
            "speakers",
            "No one has an account with these addresses: nobody@example.org, ghost@example.org.",
        ),
        (
            {"takes_whole_venue": "on"},
            "takes_whole_venue",
            "Only breaks, meals and plenaries can hold every room.",
        ),
        ({"expected_audience": "many"}, "expected_audience", "Enter a whole number."),
    ],
)
def test_bad_input_adds_no_session(organiser_client, summit, change, field, error):
    response = organiser_client.post(page("session_create", summit), session_data(**change))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert Session.objects.count() == 0
    assert Slot.objects.count() == 0


def test_a_track_of_another_summit_is_refused(organiser_client, summit):
    foreign = TrackFactory()
    response = organiser_client.post(page("session_create", summit), session_data(track=foreign.pk))
    assert response.context["form"].errors["track"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Session.objects.count() == 0


def test_an_organiser_changes_a_placed_sessions_duration_and_speakers(
    organiser_client, summit, day, room
):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9), duration=60)
    speaker = UserFactory(email="lea@example.org")
    response = organiser_client.post(
        page("session_edit", summit, session=session.pk),
        session_data(title="Renamed", duration="90", speakers="lea@example.org"),
        follow=True,
    )
    session.refresh_from_db()
    slot = Slot.objects.get(session=session)
    assert shown_messages(response) == ["The session “Renamed” was saved."]
    assert (session.title, session.duration, list(session.speakers.all())) == (
        "Renamed",
        90,
        [speaker],
    )
    assert (slot.starts_at, slot.ends_at) == (at(summit, 9), at(summit, 10, 30))


def test_the_edit_form_shows_speakers_as_addresses(organiser_client, summit):
    session = SessionFactory(
        summit=summit,
        speakers=[UserFactory(email="b@example.org"), UserFactory(email="a@example.org")],
    )
    response = organiser_client.get(page("session_edit", summit, session=session.pk))
    assert response.context["form"]["speakers"].value() == "a@example.org\nb@example.org"


def test_a_session_from_a_proposal_can_be_edited_and_says_so(organiser_client, summit):
    session = SessionFactory(summit=summit, proposal=ProposalFactory(summit=summit))
    content = organiser_client.get(page("session_edit", summit, session=session.pk)).content
    assert content.decode().count("This session comes from a confirmed proposal") == 1


def test_an_organiser_deletes_a_session_with_its_slot_and_stars(organiser_client, summit):
    session = SessionFactory(summit=summit, title="Gone")
    StarFactory(session=session)
    response = organiser_client.post(
        page("session_delete", summit, session=session.pk), follow=True
    )
    assert shown_messages(response) == ["The session “Gone” was deleted."]
    assert (Session.objects.count(), Slot.objects.count(), Star.objects.count()) == (0, 0, 0)


def test_a_session_of_the_published_programme_is_not_deleted_until_a_release_drops_it(
    organiser_client, summit, organiser
):
    session = SessionFactory(summit=summit, title="Published")
    v1 = ReleaseFactory(summit=summit, version=1)
    ReleasedSlotFactory(session=session, release=v1, starts_at=at(summit, 9))

    response = organiser_client.post(
        page("session_delete", summit, session=session.pk), follow=True
    )

    assert shown_messages(response) == [
        "“Published” is in the published programme (version 1): unschedule it and release "
        "the next version first, so that the public and its speakers are told."
    ]
    assert Slot.objects.filter(session=session).count() == 2
    # Once a release without it is out, it goes, with its place in version 1.
    ReleaseFactory(summit=summit, version=2)
    organiser_client.post(page("session_delete", summit, session=session.pk))
    assert Session.objects.filter(pk=session.pk).exists() is False


def test_a_session_of_another_summit_is_404(organiser_client, summit):
    other = SessionFactory()
    for name in ("session_edit", "session_delete", "session_place"):
        assert organiser_client.get(page(name, summit, session=other.pk)).status_code == 404
    assert (
        organiser_client.post(page("session_delete", summit, session=other.pk)).status_code == 404
    )
    assert Session.objects.count() == 1


def test_the_list_filters_by_title_kind_track_and_place(organiser_client, summit, day, room):
    track = TrackFactory(summit=summit)
    placed = SessionFactory(
        summit=summit, title="Open data", track=track, room=room, starts_at=at(summit, 9)
    )
    waiting = SessionFactory(summit=summit, title="Open contracting")
    lunch = SessionFactory(summit=summit, title="Lunch", kind="break")

    def listed(**query):
        response = organiser_client.get(page("sessions", summit), query)
        return list(response.context["page"].object_list)

    assert listed() == [lunch, waiting, placed]
    assert listed(q="open") == [waiting, placed]
    assert listed(kind="break") == [lunch]
    assert listed(track=track.pk) == [placed]
    assert listed(state="placed") == [placed]
    assert listed(state="unscheduled") == [lunch, waiting]
    assert listed(kind="nonsense") == [lunch, waiting, placed]


@pytest.mark.parametrize("count", [1, 3])
def test_the_sessions_list_runs_the_same_queries_for_1_and_3_sessions(
    organiser_client, summit, day, django_assert_num_queries, count
):
    venue = VenueFactory(summit=summit)
    track = TrackFactory(summit=summit)
    for number in range(count):
        SessionFactory(
            summit=summit,
            track=track,
            speakers=[UserFactory(), UserFactory()],
            room=RoomFactory(venue=venue),
            starts_at=at(summit, 9 + number),
        )
    with django_assert_num_queries(9):
        response = organiser_client.get(page("sessions", summit))
    assert len(response.context["page"].object_list) == count
