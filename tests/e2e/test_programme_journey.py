"""The programme, from the automatic scheduler to a participant's calendar.

An organiser runs the scheduler and watches its page report its progress
while a worker runs it, applies the draft, moves a session by hand with the
form that needs no script, and releases version 1; a participant stars three
sessions of the public agenda and subscribes to their private calendar feed.

Tasks do not run inside requests here: the scheduler's job waits, queued,
until the test starts a worker thread, as `python -m cosummit worker` would.
"""

import datetime as dt
import re
import threading

import icalendar
import pytest
from django.db import connections
from playwright.sync_api import expect

from cosummit.core.jobs import run_job
from cosummit.core.models import Job
from cosummit.programme.models import Release, Session, Slot, Star
from cosummit.summits.models import Role
from tests.factories import (
    RoomFactory,
    SummitFactory,
    TeamMembershipFactory,
    UserFactory,
    VenueFactory,
)
from tests.programme.factories import DayFactory, SessionFactory

pytestmark = pytest.mark.e2e

# More sessions than the scheduler solves in one model, so that it searches
# until its time limit and the page has progress to show.
SESSIONS = 45
TIME_LIMIT = 6


def run_worker(job_id: int) -> threading.Thread:
    def work():
        try:
            run_job(job_id)
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    return thread


@pytest.fixture
def programme_site(transactional_db):
    """Two days of five rooms, 45 sessions not placed yet, and people interested in them."""
    summit = SummitFactory(slug="ogp-paris", name={"fr": "Sommet PGO", "en": "OGP Summit"})
    organiser = TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user
    days = [
        DayFactory(summit=summit, date=summit.start_date),
        DayFactory(summit=summit, date=summit.start_date + dt.timedelta(days=1)),
    ]
    venue = VenueFactory(summit=summit)
    rooms = [
        RoomFactory(venue=venue, name={"fr": f"Salle {n}", "en": f"Room {n}"}, capacity=200)
        for n in range(1, 6)
    ]
    speakers = [UserFactory(name=f"Speaker {n}") for n in range(15)]
    sessions = [
        SessionFactory(
            summit=summit,
            title=f"Session {n:02d}",
            duration=60,
            speakers=[speakers[n % 15], speakers[(n * 7 + 3) % 15]],
        )
        for n in range(SESSIONS)
    ]
    for n in range(30):
        person = UserFactory()
        Star.objects.bulk_create(
            Star(session=sessions[(n + 7 * k) % SESSIONS], user=person) for k in (1, 2, 3)
        )
    return summit, organiser, days, rooms, sessions


def test_an_organiser_schedules_moves_and_releases_and_a_participant_subscribes_to_her_stars(
    new_context, log_in, live_server, programme_site, settings
):
    summit, organiser, days, rooms, sessions = programme_site
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}

    # The organiser opens the automatic scheduler from the programme's overview.
    organiser_context = new_context()
    log_in(organiser_context, organiser)
    page = organiser_context.new_page()
    page.goto("/en/organise/ogp-paris/programme/")
    page.get_by_role("main").get_by_role("link", name="Automatic scheduler").first.click()
    page.get_by_label("Time limit (seconds)").fill(str(TIME_LIMIT))
    page.get_by_role("button", name="Run the scheduler").click()

    # The job waits for a worker; its page says so and keeps reloading.
    expect(page.get_by_role("main")).to_contain_text("Waiting for the task worker to start it.")
    job = Job.objects.get(kind="programme.schedule")
    assert job.state == Job.State.QUEUED
    worker = run_worker(job.pk)
    # While the worker searches, the page shows the time spent and the best total so far.
    expect(page.get_by_role("main")).to_contain_text(
        re.compile(rf"Running for \d+ seconds? of {TIME_LIMIT}\."), timeout=10_000
    )
    expect(page.get_by_role("main")).to_contain_text("Best weighted total so far:")
    expect(page.get_by_role("heading", name="Draft", exact=True)).to_be_visible(timeout=20_000)
    worker.join()
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    assert Slot.objects.filter(release=None, starts_at=None).count() == SESSIONS

    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("main")).to_contain_text(
        "This draft has been applied to the working agenda."
    )
    placed = Slot.objects.filter(release=None, starts_at__isnull=False)
    assert placed.count() == SESSIONS
    assert Job.objects.get(pk=job.pk).result["applied_at"]

    # She moves one session by hand, without dragging: room 5, the second day at 16:30.
    moved = sessions[0]
    page.goto(f"/en/organise/ogp-paris/programme/sessions/{moved.pk}/place/")
    page.get_by_label("Room").select_option(label=rooms[4].name["en"])
    new_start = dt.datetime.combine(days[1].date, dt.time(16, 30), tzinfo=summit.tz)
    page.get_by_label("Starts at").fill(new_start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Place the session").click()
    expect(page.get_by_role("main")).to_contain_text("Session 00")
    slot = Slot.objects.get(session=moved, release=None)
    assert (slot.room, slot.starts_at, slot.ends_at) == (
        rooms[4],
        new_start,
        new_start + dt.timedelta(hours=1),
    )

    # She releases version 1.
    page.goto("/en/organise/ogp-paris/programme/releases/")
    page.get_by_label("Comment").fill("The first programme.")
    page.get_by_role("button", name="Release the next version").click()
    expect(page.get_by_role("heading", name="Version 1", exact=True)).to_be_visible()
    release = Release.objects.get(summit=summit)
    assert (release.version, release.comment) == (1, "The first programme.")
    assert Slot.objects.filter(release=release).count() == SESSIONS

    # A participant stars three sessions of the public agenda.
    participant = UserFactory(name="Ana Participant")
    participant_context = new_context()
    log_in(participant_context, participant)
    visitor = participant_context.new_page()
    starred = sessions[1:4]
    for session in starred:
        visitor.goto(f"/en/ogp-paris/programme/sessions/{session.pk}/")
        expect(visitor.get_by_role("heading", name=session.title)).to_be_visible()
        visitor.get_by_role("button", name="Add to my agenda").click()
        expect(visitor.get_by_role("button", name="In my agenda")).to_be_visible()
    assert sorted(
        Star.objects.filter(user=participant).values_list("session__title", flat=True)
    ) == [
        "Session 01",
        "Session 02",
        "Session 03",
    ]

    # She makes her private calendar address and her calendar app reads it.
    visitor.goto("/en/ogp-paris/programme/mine/calendar/")
    visitor.get_by_role("button", name="Make my calendar address").click()
    feed_url = visitor.get_by_label("Your private calendar address").input_value()
    assert re.fullmatch(rf"{live_server.url}/en/ogp-paris/programme/mine/[\w-]+\.ics", feed_url)
    anonymous = new_context()
    response = anonymous.request.get(feed_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert sorted(events) == ["Session 01", "Session 02", "Session 03"]
    for session in starred:
        released = Slot.objects.get(session=session, release=release)
        assert events[session.title].decoded("dtstart") == released.starts_at
    assert Session.objects.filter(summit=summit).count() == SESSIONS
