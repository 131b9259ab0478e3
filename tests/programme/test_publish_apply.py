"""Applying a scheduler draft to the working agenda (`releases.apply_schedule_draft`)."""

import pytest
from django.core.exceptions import ValidationError

from cosummit.core.models import Job
from cosummit.programme.models import Session
from cosummit.programme.releases import apply_schedule_draft
from tests.factories import SummitFactory
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, done_job, small_programme

pytestmark = pytest.mark.django_db


def _place(session):
    slot = session.slots.get(release__isnull=True)
    return slot.room, slot.starts_at, slot.ends_at


def test_applying_a_draft_places_the_sessions_where_it_says(summit, organiser):
    _day, (room_a, room_b), (first, second, third) = small_programme(summit)
    job = done_job(
        summit,
        {
            first: (room_a, at(summit, 9)),
            second: (room_b, at(summit, 9)),
            third: (room_a, at(summit, 10, 30)),
        },
    )

    changed = apply_schedule_draft(job, by=organiser, summit=summit)

    assert changed == 3
    assert _place(first) == (room_a, at(summit, 9), at(summit, 10))
    assert _place(second) == (room_b, at(summit, 9), at(summit, 10))
    assert _place(third) == (room_a, at(summit, 10, 30), at(summit, 11, 30))
    job.refresh_from_db()
    assert job.result["applied_by"] == organiser.pk


def test_pinned_and_unchanged_sessions_stay_where_they_are(summit, organiser):
    _day, (room_a, room_b), (first, _second, _third) = small_programme(summit)
    pinned = SessionFactory(summit=summit, is_pinned=True, room=room_a, starts_at=at(summit, 15))
    kept = SessionFactory(summit=summit, room=room_b, starts_at=at(summit, 13, 30))
    fixed = SessionFactory(
        summit=summit, kind=Session.Kind.BREAK, takes_whole_venue=True, duration=60
    )
    job = done_job(
        summit,
        {
            first: (room_b, at(summit, 9)),
            pinned: (room_b, at(summit, 9)),
            kept: (room_b, at(summit, 13, 30)),
            fixed: (room_a, at(summit, 12)),
        },
    )

    changed = apply_schedule_draft(job, by=organiser, summit=summit)

    assert changed == 1
    assert _place(first) == (room_b, at(summit, 9), at(summit, 10))
    assert _place(pinned) == (room_a, at(summit, 15), at(summit, 16))
    assert _place(kept) == (room_b, at(summit, 13, 30), at(summit, 14, 30))
    assert _place(fixed) == (None, None, None)


def test_a_draft_of_another_summit_is_refused_and_changes_nothing(summit, organiser):
    _day, (room_a, _room_b), (first, _second, _third) = small_programme(summit)
    other = SummitFactory()
    job = done_job(other, {first: (room_a, at(summit, 9))})

    with pytest.raises(ValidationError) as raised:
        apply_schedule_draft(job, by=organiser, summit=summit)

    assert raised.value.messages == ["This is not a scheduler run of this summit."]
    assert _place(first) == (None, None, None)


@pytest.mark.parametrize("state", [Job.State.QUEUED, Job.State.RUNNING, Job.State.FAILED])
def test_a_run_that_is_not_done_cannot_be_applied(summit, organiser, state):
    _day, (room_a, _room_b), (first, _second, _third) = small_programme(summit)
    job = done_job(summit, {first: (room_a, at(summit, 9))})
    job.state = state
    job.save()

    with pytest.raises(ValidationError) as raised:
        apply_schedule_draft(job, by=organiser, summit=summit)

    assert raised.value.messages == [
        "This scheduler run has no draft to apply: it is not finished or it failed."
    ]
    assert _place(first) == (None, None, None)


def test_a_room_no_longer_in_the_summit_is_skipped(summit, organiser):
    _day, (room_a, room_b), (first, second, _third) = small_programme(summit)
    job = done_job(summit, {first: (room_a, at(summit, 9)), second: (room_b, at(summit, 9))})
    room_b.delete()

    assert apply_schedule_draft(job, by=organiser, summit=summit) == 1
    assert _place(second) == (None, None, None)
