"""The summit's programme as a problem for the scheduler (`jobs.problem_for_summit`)."""

import datetime as dt

import pytest

from cosummit.programme import scheduler
from cosummit.programme.jobs import problem_for_summit
from cosummit.programme.models import Session
from tests.factories import PARIS, SummitFactory, UserFactory
from tests.programme.factories import (
    DayFactory,
    ReleasedSlotFactory,
    ReleaseFactory,
    SessionFactory,
    StarFactory,
    UnavailabilityFactory,
)
from tests.programme.publish_helpers import at, rooms, small_programme
from tests.proposals.factories import ProposalFactory, SupportFactory, TrackFactory

pytestmark = pytest.mark.django_db


def _session(problem, pk):
    return next(session for session in problem.sessions if session.id == pk)


def test_the_grid_cuts_out_fixed_items_that_hold_the_whole_venue(summit):
    small_programme(summit)
    SessionFactory(
        summit=summit,
        kind=Session.Kind.BREAK,
        takes_whole_venue=True,
        is_pinned=True,
        duration=60,
        starts_at=at(summit, 12, 30),
    )

    problem = problem_for_summit(summit)

    day = summit.start_date.isoformat()
    assert problem.slots == (
        scheduler.TimeSlot(0, day, 540, 630),
        scheduler.TimeSlot(1, day, 630, 720),
        scheduler.TimeSlot(2, day, 810, 900),
        scheduler.TimeSlot(3, day, 900, 990),
        scheduler.TimeSlot(4, day, 990, 1080),
    )


def test_slots_of_several_days_are_numbered_in_time_order(summit):
    small_programme(summit)
    DayFactory(summit=summit, date=summit.start_date + dt.timedelta(days=1), slot_minutes=180)

    problem = problem_for_summit(summit)

    second = (summit.start_date + dt.timedelta(days=1)).isoformat()
    assert [(slot.id, slot.day, slot.start) for slot in problem.slots[6:]] == [
        (6, second, 540),
        (7, second, 720),
        (8, second, 900),
    ]


def test_rooms_offer_their_equipment_step_free_access_and_booths(summit):
    DayFactory(summit=summit)
    SessionFactory(summit=summit)
    (plain,) = rooms(summit, 40, is_step_free=False)
    (equipped,) = rooms(
        summit,
        300,
        equipment=["projector", "streaming"],
        is_step_free=True,
        interpretation_booths=["fr", "es"],
    )

    problem = problem_for_summit(summit)

    assert problem.rooms == (
        scheduler.Room(id=plain.pk, capacity=40, features=frozenset()),
        scheduler.Room(
            id=equipped.pk,
            capacity=300,
            features=frozenset({"projector", "streaming", "step_free", "booth:fr", "booth:es"}),
        ),
    )


def test_pitches_of_a_pitch_session_and_whole_venue_items_are_not_placed(summit):
    small_programme(summit)
    pitches = SessionFactory(summit=summit, kind=Session.Kind.PITCHES, duration=90)
    pitch = SessionFactory(summit=summit, pitch_session=pitches, duration=10)
    lunch = SessionFactory(
        summit=summit, kind=Session.Kind.BREAK, takes_whole_venue=True, duration=60
    )
    coffee = SessionFactory(summit=summit, kind=Session.Kind.BREAK, duration=30)

    ids = {session.id for session in problem_for_summit(summit).sessions}

    assert pitches.pk in ids
    assert coffee.pk in ids
    assert pitch.pk not in ids
    assert lunch.pk not in ids
    assert len(ids) == 5


def test_a_session_brings_its_speakers_needs_track_and_duration(summit):
    small_programme(summit)
    track = TrackFactory(summit=summit, slug="open-data")
    speakers = [UserFactory(), UserFactory()]
    session = SessionFactory(
        summit=summit,
        duration=None,
        track=track,
        equipment=["microphones"],
        needs_step_free_access=True,
        interpretation=["fr"],
        speakers=speakers,
    )

    found = _session(problem_for_summit(summit), session.pk)

    assert found.speakers == tuple(sorted(speaker.pk for speaker in speakers))
    assert found.track == "open-data"
    assert found.needs == frozenset({"microphones", "step_free", "booth:fr"})
    # No duration yet: the session takes one slot of the grid.
    assert found.duration == 90
    assert found.pinned is None


def test_a_pinned_session_keeps_its_room_and_grid_slot(summit):
    _day, (room_a, room_b), _sessions = small_programme(summit)
    pinned = SessionFactory(
        summit=summit, is_pinned=True, room=room_b, starts_at=at(summit, 13, 30)
    )
    placed = SessionFactory(summit=summit, room=room_a, starts_at=at(summit, 9))

    problem = problem_for_summit(summit)

    assert _session(problem, pinned.pk).pinned == scheduler.Placement(room=room_b.pk, slot=3)
    assert _session(problem, placed.pk).pinned is None


def test_a_pinned_session_off_the_grid_stops_the_problem(summit):
    _day, (room_a, _room_b), _sessions = small_programme(summit)
    pinned = SessionFactory(summit=summit, is_pinned=True, room=room_a, starts_at=at(summit, 19))

    with pytest.raises(scheduler.NoSchedule) as raised:
        problem_for_summit(summit)

    assert (raised.value.code, raised.value.details) == ("pinned_off_grid", {"session": pinned.pk})


def test_speakers_unavailabilities_are_cut_by_day_in_local_minutes(summit):
    small_programme(summit)
    DayFactory(summit=summit, date=summit.start_date + dt.timedelta(days=1))
    speaker, other = UserFactory(), UserFactory()
    SessionFactory(summit=summit, speakers=[speaker])
    UnavailabilityFactory(
        summit=summit,
        user=speaker,
        starts_at=at(summit, 16),
        ends_at=at(summit, 10, 30, day=1),
    )
    # Someone who speaks in no session does not matter to the scheduler.
    UnavailabilityFactory(summit=summit, user=other, starts_at=at(summit, 9))

    problem = problem_for_summit(summit)

    first, second = summit.start_date, summit.start_date + dt.timedelta(days=1)
    assert problem.unavailable == (
        scheduler.Unavailable(speaker=speaker.pk, day=first.isoformat(), start=960, end=1440),
        scheduler.Unavailable(speaker=speaker.pk, day=second.isoformat(), start=0, end=630),
    )


def test_a_track_named_by_days_goes_only_on_those_days_and_others_avoid_them(summit):
    rooms(summit, 100)
    cso, hackathon, main = (TrackFactory(summit=summit) for _ in range(3))
    first = DayFactory(summit=summit)
    first.tracks.set([cso])
    DayFactory(summit=summit, date=summit.start_date + dt.timedelta(days=1))
    DayFactory(summit=summit, date=summit.start_date + dt.timedelta(days=2))
    in_cso = SessionFactory(summit=summit, track=cso)
    in_main = SessionFactory(summit=summit, track=main)
    no_track = SessionFactory(summit=summit)
    del hackathon

    problem = problem_for_summit(summit)

    later = frozenset((summit.start_date + dt.timedelta(days=n)).isoformat() for n in (1, 2))
    assert _session(problem, in_cso.pk).days == frozenset({summit.start_date.isoformat()})
    assert _session(problem, in_main.pk).days == later
    assert _session(problem, no_track.pk).days == later


def test_without_reserved_days_every_session_may_go_on_any_day(summit):
    small_programme(summit)

    assert {session.days for session in problem_for_summit(summit).sessions} == {None}


def test_audience_and_interests_come_from_supports_and_stars(summit):
    small_programme(summit)
    fan, supporter, both = UserFactory(), UserFactory(), UserFactory()
    proposal = ProposalFactory(summit=summit)
    supported = SessionFactory(summit=summit, proposal=proposal, expected_audience=1)
    starred = SessionFactory(summit=summit, expected_audience=80)
    pitches = SessionFactory(summit=summit, kind=Session.Kind.PITCHES)
    pitch = SessionFactory(summit=summit, pitch_session=pitches)
    SupportFactory(proposal=proposal, user=supporter)
    SupportFactory(proposal=proposal, user=both)
    StarFactory(session=supported, user=both)
    StarFactory(session=starred, user=both)
    StarFactory(session=starred, user=fan)
    StarFactory(session=pitch, user=supporter)

    problem = problem_for_summit(summit)

    assert _session(problem, supported.pk).audience == 2
    assert _session(problem, starred.pk).audience == 80
    # A person interested in one session only cannot have a conflict, and a
    # pitch counts for its pitch session.
    assert sorted(problem.interests) == sorted(
        [
            tuple(sorted((supported.pk, starred.pk))),
            tuple(sorted((supported.pk, pitches.pk))),
        ]
    )


def test_fewest_changes_starts_from_the_working_agenda_or_the_latest_release(summit):
    _day, (room_a, room_b), (first, second, _third) = small_programme(summit)
    placed = SessionFactory(summit=summit, room=room_a, starts_at=at(summit, 10, 30))
    ReleasedSlotFactory(
        session=first,
        release=ReleaseFactory(summit=summit, version=1),
        room=room_a,
        starts_at=at(summit, 9),
    )
    latest = ReleaseFactory(summit=summit, version=2)
    ReleasedSlotFactory(session=second, release=latest, room=room_b, starts_at=at(summit, 15))

    assert problem_for_summit(summit).previous == {}
    assert problem_for_summit(summit, fewest_changes_from="working").previous == {
        placed.pk: scheduler.Placement(room=room_a.pk, slot=1)
    }
    assert problem_for_summit(summit, fewest_changes_from="release").previous == {
        second.pk: scheduler.Placement(room=room_b.pk, slot=4)
    }


@pytest.mark.parametrize("missing", ["no_days", "no_rooms", "no_sessions"])
def test_a_programme_without_days_rooms_or_sessions_has_no_problem(summit, missing):
    if missing != "no_days":
        DayFactory(summit=summit)
    if missing != "no_rooms":
        rooms(summit, 100)
    if missing != "no_sessions":
        SessionFactory(summit=summit)

    with pytest.raises(scheduler.NoSchedule) as raised:
        problem_for_summit(summit)

    assert raised.value.code == missing


def test_building_the_problem_takes_the_same_queries_for_1_and_3_sessions(
    summit, django_assert_num_queries
):
    DayFactory(summit=summit)
    rooms(summit, 100)
    SessionFactory(summit=summit, speakers=[UserFactory()])
    with django_assert_num_queries(11):
        problem_for_summit(summit)
    for _ in range(2):
        SessionFactory(summit=summit, speakers=[UserFactory()])
    with django_assert_num_queries(11):
        problem_for_summit(summit)


def test_unavailabilities_on_the_day_clocks_go_forward_count_in_wall_clock_minutes():
    # Clocks in Paris go from 02:00 to 03:00 on 28 March 2027: the grid
    # counts minutes as the clock shows them, so must the unavailabilities.
    summit = SummitFactory(start_date=dt.date(2027, 3, 28), end_date=dt.date(2027, 3, 28))
    small_programme(summit)
    speaker = UserFactory()
    SessionFactory(summit=summit, speakers=[speaker])
    UnavailabilityFactory(
        summit=summit,
        user=speaker,
        starts_at=dt.datetime(2027, 3, 28, 10, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2027, 3, 28, 11, 30, 20, tzinfo=PARIS),
    )
    UnavailabilityFactory(
        summit=summit,
        user=speaker,
        starts_at=dt.datetime(2027, 3, 28, 17, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2027, 3, 29, 9, 0, tzinfo=PARIS),
    )

    problem = problem_for_summit(summit)

    assert sorted(problem.unavailable, key=lambda absence: absence.start) == [
        scheduler.Unavailable(speaker=speaker.pk, day="2027-03-28", start=600, end=691),
        scheduler.Unavailable(speaker=speaker.pk, day="2027-03-28", start=1020, end=1440),
    ]


def test_a_pinned_session_starting_inside_a_slot_holds_every_slot_it_overlaps(summit):
    DayFactory(summit=summit, slot_minutes=60)
    room_a, _room_b = rooms(summit, 100, 50)
    # 09:15–10:15 on a grid of hours: the room and the speaker are busy in
    # the 09:00 slot and in the 10:00 one too.
    speaker = UserFactory()
    pinned = SessionFactory(
        summit=summit,
        duration=60,
        is_pinned=True,
        room=room_a,
        starts_at=at(summit, 9, 15),
        speakers=[speaker],
    )
    other = SessionFactory(summit=summit, duration=60, speakers=[speaker])

    problem = problem_for_summit(summit)
    solution = scheduler.schedule(problem, time_limit=5)

    assert _session(problem, pinned.pk).pinned == scheduler.Placement(room=room_a.pk, slot=0)
    assert _session(problem, pinned.pk).duration == 75
    assert solution.placements[other.pk].slot >= 2


def test_a_pinned_session_starting_inside_the_last_slot_before_a_break_holds_only_that_slot(
    summit,
):
    DayFactory(summit=summit, slot_minutes=60)
    room_a, _room_b = rooms(summit, 100, 50)
    SessionFactory(
        summit=summit,
        kind=Session.Kind.BREAK,
        takes_whole_venue=True,
        duration=60,
        starts_at=at(summit, 12),
    )
    pinned = SessionFactory(
        summit=summit, duration=60, is_pinned=True, room=room_a, starts_at=at(summit, 11, 15)
    )

    problem = problem_for_summit(summit)
    solution = scheduler.schedule(problem, time_limit=5)

    assert _session(problem, pinned.pk).duration == 60
    assert solution.placements[pinned.pk] == scheduler.Placement(room=room_a.pk, slot=2)
