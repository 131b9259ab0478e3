"""The draft's moves and agenda say what applying it does (`schedule_queries.draft_*`)."""

import pytest

from cosummit.programme.models import Session
from cosummit.programme.releases import apply_schedule_draft
from cosummit.programme.schedule_queries import draft_agenda, draft_moves
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, done_job, rooms, small_programme

pytestmark = pytest.mark.django_db


def test_the_draft_shows_only_the_moves_applying_it_makes(summit, organiser):
    _day, (room_a, room_b), (first, second, third) = small_programme(summit)
    (gone,) = rooms(summit, 40)
    pitch_session = SessionFactory(
        summit=summit, kind=Session.Kind.PITCHES, room=room_b, starts_at=at(summit, 15)
    )
    longer = SessionFactory(summit=summit, duration=60, room=room_a, starts_at=at(summit, 15))
    job = done_job(
        summit,
        {
            first: (room_a, at(summit, 9)),
            second: (room_b, at(summit, 9)),
            third: (gone, at(summit, 10, 30)),
            longer: (room_a, at(summit, 13, 30)),
        },
    )
    # Since the run: a session grouped into a pitch session, a room removed,
    # a session made longer.
    second.pitch_session = pitch_session
    second.save(update_fields=["pitch_session"])
    gone.delete()
    longer.duration = 90
    longer.save(update_fields=["duration"])

    moves = draft_moves(summit, job)
    agenda = draft_agenda(summit, job)
    changed = apply_schedule_draft(job, by=organiser, summit=summit)

    assert [(move.session, move.starts_after) for move in moves] == [
        (first.pk, at(summit, 9)),
        (longer.pk, at(summit, 13, 30)),
    ]
    assert sorted(
        (place["session"], place["room"], place["starts_at"], place["ends_at"]) for place in agenda
    ) == sorted(
        [
            (first.pk, room_a.pk, at(summit, 9), at(summit, 10)),
            (longer.pk, room_a.pk, at(summit, 13, 30), at(summit, 15)),
            (pitch_session.pk, room_b.pk, at(summit, 15), pitch_session.slots.get().ends_at),
        ]
    )
    assert changed == len(moves) == 2
