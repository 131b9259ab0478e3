"""The scheduler as a job: run from the database with the immediate task backend."""

import datetime as dt

import pytest

from cosummit.core.jobs import start_job
from cosummit.core.models import Job
from cosummit.programme.jobs import problem_for_summit, run_schedule_job
from cosummit.programme.releases import release_programme
from cosummit.programme.scheduler import Placement, violations
from tests.factories import UserFactory
from tests.programme.factories import SessionFactory, StarFactory
from tests.programme.publish_helpers import at, small_programme

pytestmark = pytest.mark.django_db

WEIGHTS = {
    "attendee_conflicts": 10,
    "over_capacity": 1,
    "track_rooms": 20,
    "popular_spread": 1,
    "changes": 100,
}


@pytest.fixture
def run(summit, organiser, django_capture_on_commit_callbacks):
    """Start a scheduler run; the immediate task backend runs it once the start commits."""

    def start(**arguments) -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            job = start_job(
                "programme.schedule",
                summit_slug=summit.slug,
                arguments={"time_limit": 3, "mode": "scratch", "weights": WEIGHTS, **arguments},
                by=organiser,
            )
        job.refresh_from_db()
        return job

    return start


def test_a_run_places_every_session_in_the_grid_keeping_the_rules(summit, run):
    _day, (room_a, room_b), sessions = small_programme(summit)
    speaker = UserFactory()
    sessions[0].speakers.set([speaker])
    sessions[1].speakers.set([speaker])
    fan = UserFactory()
    StarFactory(session=sessions[0], user=fan)
    StarFactory(session=sessions[2], user=fan)

    job = run()

    assert job.state == Job.State.DONE
    placements = job.result["placements"]
    assert sorted(placements) == sorted(str(session.pk) for session in sessions)
    grid_starts = {at(summit, h, m) for h, m in [(9, 0), (10, 30), (12, 0), (13, 30), (15, 0)]}
    grid_starts.add(at(summit, 16, 30))
    for place in placements.values():
        starts_at = dt.datetime.fromisoformat(place["starts_at"])
        assert starts_at in grid_starts
        assert dt.datetime.fromisoformat(place["ends_at"]) - starts_at == dt.timedelta(hours=1)
        assert place["room"] in {room_a.pk, room_b.pk}
    first, second = placements[str(sessions[0].pk)], placements[str(sessions[1].pk)]
    assert first["starts_at"] != second["starts_at"]
    assert set(job.result["objective"]) == set(WEIGHTS)
    assert job.result["objective"]["attendee_conflicts"] == 0
    assert job.result["status"] in ("optimal", "feasible")
    # The working agenda places nothing yet: nothing to compare with.
    assert job.result["working"] is None
    assert job.progress["stage"] != ""
    assert job.progress["time_limit"] == 3


def test_the_result_keeps_the_hard_rules_of_the_problem(summit, run):
    _day, (room_a, _room_b), sessions = small_programme(summit)
    pinned = SessionFactory(summit=summit, is_pinned=True, room=room_a, starts_at=at(summit, 9))
    pinned.speakers.set([UserFactory()])
    problem = problem_for_summit(summit)

    job = run()

    grid = {(slot.day, slot.start): slot.id for slot in problem.slots}
    placements = {}
    for session_id, place in job.result["placements"].items():
        local = dt.datetime.fromisoformat(place["starts_at"]).astimezone(summit.tz)
        slot = grid[(local.date().isoformat(), local.hour * 60 + local.minute)]
        placements[int(session_id)] = Placement(room=place["room"], slot=slot)
    assert violations(problem, placements) == []
    assert job.result["placements"][str(pinned.pk)] == {
        "room": room_a.pk,
        "starts_at": at(summit, 9).isoformat(),
        "ends_at": at(summit, 10).isoformat(),
    }
    assert len(placements) == len(sessions) + 1


def test_a_complete_working_agenda_gets_its_objective_for_comparison(summit, run):
    _day, (room_a, room_b), _sessions = small_programme(summit)
    summit_sessions = list(summit.sessions.all())
    for session, (room, start) in zip(
        summit_sessions,
        [(room_a, at(summit, 9)), (room_b, at(summit, 9)), (room_a, at(summit, 15))],
        strict=True,
    ):
        slot = session.slots.get()
        slot.room, slot.starts_at = room, start
        slot.ends_at = start + dt.timedelta(minutes=60)
        slot.save()
    fan = UserFactory()
    StarFactory(session=summit_sessions[0], user=fan)
    StarFactory(session=summit_sessions[1], user=fan)

    job = run()
    # Moving a session costs more than the conflict it removes.
    fewest_changes = run(mode="working")

    assert job.result["working"]["objective"]["attendee_conflicts"] == 1
    working = job.result["working"]["objective"]
    assert job.result["working"]["total"] == sum(WEIGHTS[name] * working[name] for name in WEIGHTS)
    assert job.result["objective"]["attendee_conflicts"] == 0
    assert fewest_changes.result["mode"] == "working"
    assert fewest_changes.result["objective"]["changes"] == 0
    assert fewest_changes.result["objective"]["attendee_conflicts"] == 1


def test_a_session_no_room_can_hold_fails_the_run_with_the_reason(summit, run):
    small_programme(summit)
    needy = SessionFactory(summit=summit, equipment=["streaming"])

    job = run()

    assert job.state == Job.State.FAILED
    assert job.result == {"code": "no_room_fits", "details": {"session": needy.pk}}


def test_a_programme_without_days_fails_the_run(summit, run):
    SessionFactory(summit=summit)

    job = run()

    assert (job.state, job.result) == (Job.State.FAILED, {"code": "no_days", "details": {}})


def test_the_runner_reports_its_stage_time_and_best_total_while_it_works(summit, organiser):
    small_programme(summit)
    job = Job.objects.create(
        kind="programme.schedule",
        summit_slug=summit.slug,
        arguments={"time_limit": 2, "mode": "scratch", "weights": WEIGHTS},
        created_by=organiser,
    )
    reports = []

    result = run_schedule_job(job, lambda **values: reports.append(values))

    assert reports[0] == {"stage": "start", "seconds": 0, "best_total": None, "time_limit": 2.0}
    assert len(reports) >= 2
    assert reports[-1]["best_total"] == result["total"]
    assert [report["seconds"] for report in reports] == sorted(
        report["seconds"] for report in reports
    )


def test_fewest_changes_from_the_latest_release_keeps_its_places(summit, organiser, run):
    _day, (room_a, room_b), sessions = small_programme(summit)
    places = [(room_a, at(summit, 9)), (room_b, at(summit, 9)), (room_a, at(summit, 13, 30))]
    for session, (room, start) in zip(sessions, places, strict=True):
        slot = session.slots.get()
        slot.room, slot.starts_at, slot.ends_at = room, start, start + dt.timedelta(hours=1)
        slot.save()
    release_programme(summit, by=organiser)
    for session in sessions:  # the working agenda is emptied since the release
        session.slots.filter(release__isnull=True).update(room=None, starts_at=None, ends_at=None)

    job = run(mode="release")

    assert job.result["objective"]["changes"] == 0
    assert {
        int(pk): (place["room"], dt.datetime.fromisoformat(place["starts_at"]))
        for pk, place in job.result["placements"].items()
    } == {
        session.pk: (room.pk, start)
        for session, (room, start) in zip(sessions, places, strict=True)
    }
    assert job.result["working"] is None
