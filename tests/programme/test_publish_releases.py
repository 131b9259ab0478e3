"""Releasing the programme: versions, what changed, and the speakers' e-mails."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format

from cosummit.core.models import OutboxMessage
from cosummit.programme.models import Release, Session, Slot
from cosummit.programme.releases import pending_changes, release_programme
from tests.factories import UserFactory
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, rooms
from tests.review.decision_helpers import use_outbox

pytestmark = pytest.mark.django_db


def _move(session, room, starts_at):
    slot = session.slots.get(release__isnull=True)
    slot.room, slot.starts_at = room, starts_at
    slot.ends_at = starts_at + dt.timedelta(minutes=session.duration) if starts_at else None
    slot.save()


@pytest.fixture
def placed(summit):
    room_a, room_b = rooms(summit, 100, 50)
    sessions = [
        SessionFactory(summit=summit, title="Open budgets", room=room_a, starts_at=at(summit, 9)),
        SessionFactory(summit=summit, title="Civic tech", room=room_b, starts_at=at(summit, 9)),
    ]
    SessionFactory(summit=summit, title="Not placed yet")
    return (room_a, room_b), sessions


def test_the_first_release_copies_every_placed_slot_as_added(summit, organiser, placed):
    (room_a, room_b), (budgets, civic) = placed

    release = release_programme(summit, by=organiser, comment="First programme.")

    assert (release.version, release.comment, release.released_by) == (
        1,
        "First programme.",
        organiser,
    )
    copied = Slot.objects.filter(release=release).order_by("session__title")
    assert [(slot.session, slot.room, slot.starts_at) for slot in copied] == [
        (civic, room_b, at(summit, 9)),
        (budgets, room_a, at(summit, 9)),
    ]

    def released(session):
        slot = Slot.objects.get(release=release, session=session)
        return slot.starts_at.isoformat(), slot.ends_at.isoformat()

    assert release.changes == [
        {
            "session": session.pk,
            "title": session.title,
            "change": "added",
            "before": None,
            "after": {
                "room": room.pk,
                "room_name": room.name["fr"],
                "starts_at": released(session)[0],
                "ends_at": released(session)[1],
            },
        }
        for session, room in [(civic, room_b), (budgets, room_a)]
    ]
    assert dt.datetime.fromisoformat(released(civic)[0]) == at(summit, 9)


def test_the_next_release_lists_what_moved_was_added_and_was_removed(summit, organiser, placed):
    (room_a, room_b), (budgets, civic) = placed
    release_programme(summit, by=organiser, comment="")
    _move(budgets, room_b, at(summit, 10, 30))
    _move(civic, None, None)
    late = SessionFactory(
        summit=summit, title="Late addition", room=room_a, starts_at=at(summit, 15)
    )

    release = release_programme(summit, by=organiser, comment="Second.")

    assert release.version == 2
    assert [(entry["title"], entry["change"]) for entry in release.changes] == [
        ("Civic tech", "removed"),
        ("Open budgets", "moved"),
        ("Late addition", "added"),
    ]
    moved = release.changes[1]
    assert (moved["before"]["room"], moved["after"]["room"]) == (room_a.pk, room_b.pk)
    assert dt.datetime.fromisoformat(moved["after"]["starts_at"]) == at(summit, 10, 30)
    assert release.changes[2]["session"] == late.pk
    assert set(Slot.objects.filter(release=release).values_list("session", flat=True)) == {
        budgets.pk,
        late.pk,
    }
    # The first release is left as it was.
    assert Slot.objects.filter(release__version=1, release__summit=summit).count() == 2


def test_the_preview_shows_what_a_release_would_change_without_writing(summit, organiser, placed):
    (_room_a, room_b), (budgets, _civic) = placed
    release_programme(summit, by=organiser)
    _move(budgets, room_b, at(summit, 15))

    changes = pending_changes(summit)

    assert [(entry["title"], entry["change"]) for entry in changes] == [("Open budgets", "moved")]
    assert Release.objects.filter(summit=summit).count() == 1


def test_nothing_placed_cannot_be_released(summit, organiser):
    SessionFactory(summit=summit)

    with pytest.raises(ValidationError) as raised:
        release_programme(summit, by=organiser, comment="")

    assert raised.value.messages == [
        "No session is placed in the working agenda: there is nothing to release."
    ]
    assert Release.objects.count() == 0


def test_each_speaker_gets_one_mail_in_their_language_listing_their_sessions(
    summit, organiser, placed
):
    (room_a, _room_b), (budgets, civic) = placed
    french = UserFactory(name="Camille", email="camille@example.org", preferred_language="fr")
    english = UserFactory(name="Alex", email="alex@example.org", preferred_language="en")
    budgets.speakers.set([french, english])
    civic.speakers.set([french])
    mail.outbox = []

    release_programme(summit, by=organiser, comment="See you there.")

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["alex@example.org", "camille@example.org"]
    english_mail = by_address["alex@example.org"]
    assert english_mail.subject == (
        f"The programme of {summit.name['en']} is published (version 1): where your sessions are"
    )
    with translation.override("en"):
        start = date_format(at(summit, 9).astimezone(summit.tz), "DATETIME_FORMAT")
    assert f"- Open budgets\n  On {start} to " in english_mail.body
    assert room_a.name["en"] in english_mail.body
    assert "Civic tech" not in english_mail.body
    assert "See you there." in english_mail.body
    assert f"/en/{summit.slug}/programme/changes/" in english_mail.body
    french_mail = by_address["camille@example.org"]
    with translation.override("fr"):
        french_start = date_format(at(summit, 9).astimezone(summit.tz), "DATETIME_FORMAT")
    assert french_mail.body.count(french_start) == 2
    assert "Civic tech" in french_mail.body
    assert "Open budgets" in french_mail.body
    assert f"/fr/{summit.slug}/programme/changes/" in french_mail.body


def test_speakers_imported_without_an_address_get_no_mail(summit, organiser, placed):
    (_rooms, (budgets, _civic)) = placed
    imported = UserFactory(name="Imported", email="paris-1a2b3c@imported.invalid")
    real = UserFactory(name="Alex", email="alex@example.org")
    budgets.speakers.set([imported, real])
    mail.outbox = []

    release_programme(summit, by=organiser)

    assert [message.to for message in mail.outbox] == [["alex@example.org"]]


def test_a_moved_session_tells_where_it_was_and_unchanged_sessions_send_nothing(
    summit, organiser, placed
):
    (_room_a, room_b), (budgets, civic) = placed
    mover, stayer = UserFactory(preferred_language="en"), UserFactory(preferred_language="en")
    budgets.speakers.set([mover])
    civic.speakers.set([stayer])
    release_programme(summit, by=organiser)
    _move(budgets, room_b, at(summit, 15))
    mail.outbox = []

    release_programme(summit, by=organiser)

    assert [message.to for message in mail.outbox] == [[mover.email]]
    body = mail.outbox[0].body
    with translation.override("en"):
        before = date_format(at(summit, 9).astimezone(summit.tz), "DATETIME_FORMAT")
        after = date_format(at(summit, 15).astimezone(summit.tz), "DATETIME_FORMAT")
    assert f"Now on {after} to " in body
    assert f"It was on {before}, " in body


def test_speakers_of_pitches_hear_of_their_pitch_session(summit, organiser):
    (room,) = rooms(summit, 100)
    pitches = SessionFactory(
        summit=summit,
        kind=Session.Kind.PITCHES,
        title="Lightning pitches",
        room=room,
        starts_at=at(summit, 11),
    )
    pitcher = UserFactory(preferred_language="en")
    SessionFactory(summit=summit, title="My tool", pitch_session=pitches, speakers=[pitcher])
    mail.outbox = []

    release_programme(summit, by=organiser)

    assert [message.to for message in mail.outbox] == [[pitcher.email]]
    assert "- My tool (in the pitch session “Lightning pitches”)" in mail.outbox[0].body


def test_the_mails_go_through_the_outbox_without_being_held(summit, organiser, placed, settings):
    use_outbox(settings)
    _rooms, (budgets, _civic) = placed
    budgets.speakers.set([UserFactory(email="speaker@example.org")])

    release_programme(summit, by=organiser)

    queued = OutboxMessage.objects.get()
    assert queued.to == ["speaker@example.org"]
    assert queued.status == OutboxMessage.Status.QUEUED
