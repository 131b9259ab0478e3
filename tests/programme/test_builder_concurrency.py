"""Two organisers at the same moment: one places a pitch (by hand or by applying a
scheduler draft), the other groups it in a pitch session."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cosummit.programme import builder
from cosummit.programme.models import Session, Slot
from cosummit.programme.releases import apply_schedule_draft
from cosummit.proposals.models import FormatKind
from cosummit.summits.models import Role
from tests.factories import RoomFactory, SummitFactory, TeamMembershipFactory, VenueFactory
from tests.programme.factories import DayFactory, SessionFactory
from tests.programme.publish_helpers import done_job
from tests.proposals.factories import CallFactory, SessionFormatFactory
from tests.threads import outcomes_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]

ROUNDS = 5


def test_a_pitch_placed_while_it_is_grouped_never_keeps_a_place_of_its_own():
    summit = SummitFactory()
    first, second = (
        TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user for _ in range(2)
    )
    day = DayFactory(summit=summit)
    room = RoomFactory(venue=VenueFactory(summit=summit))
    nine = dt.datetime.combine(day.date, dt.time(9), tzinfo=summit.tz)
    pitch_format = SessionFormatFactory(call=CallFactory(summit=summit), kind=FormatKind.PITCH)
    group = SessionFactory(summit=summit, kind="pitches", room=room, starts_at=nine)
    pitches = [SessionFactory(summit=summit, format=pitch_format) for _ in range(ROUNDS)]

    outcomes = []
    for pitch in pitches:
        # Each organiser works from the rows as they read them before the other wrote.
        seen_by_first = Session.objects.get(pk=pitch.pk)
        seen_group = Session.objects.get(pk=group.pk)
        outcomes += outcomes_of(
            [
                lambda seen=seen_by_first: builder.place_session(
                    seen, room=room, starts_at=nine + dt.timedelta(hours=5), by=first
                ),
                lambda seen=seen_group, pitch=pitch: builder.group_pitches(
                    seen, pitches=[pitch], by=second
                ),
            ],
            refused=ValidationError,
        )
        pitch.refresh_from_db()
        assert pitch.pitch_session_id == group.pk
        assert Slot.objects.get(session=pitch, release=None).starts_at is None

    # Whichever came first, grouping always happens; placing is refused when it came second.
    assert outcomes.count("done") >= ROUNDS


def test_a_draft_applied_while_a_pitch_is_grouped_never_leaves_the_pitch_a_place_of_its_own():
    summit = SummitFactory()
    first, second = (
        TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user for _ in range(2)
    )
    day = DayFactory(summit=summit)
    room = RoomFactory(venue=VenueFactory(summit=summit))
    nine = dt.datetime.combine(day.date, dt.time(9), tzinfo=summit.tz)
    pitch_format = SessionFormatFactory(call=CallFactory(summit=summit), kind=FormatKind.PITCH)
    group = SessionFactory(summit=summit, kind="pitches", room=room, starts_at=nine)
    pitches = [SessionFactory(summit=summit, format=pitch_format) for _ in range(ROUNDS)]

    for pitch in pitches:
        # A draft made before the grouping places the pitch on its own.
        job = done_job(summit, {pitch: (room, nine + dt.timedelta(hours=5))}, by=first)
        seen_group = Session.objects.get(pk=group.pk)
        outcomes_of(
            [
                lambda job=job: apply_schedule_draft(job, by=first, summit=summit),
                lambda seen=seen_group, pitch=pitch: builder.group_pitches(
                    seen, pitches=[pitch], by=second
                ),
            ],
            refused=ValidationError,
        )
        pitch.refresh_from_db()
        assert pitch.pitch_session_id == group.pk
        assert Slot.objects.get(session=pitch, release=None).starts_at is None
