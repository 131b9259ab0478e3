"""The organisers' scheduler pages: the form, a run's page while it runs, its draft, applying it."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.core.models import Job
from cosummit.programme.models import Session
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, done_job, schedule_url, small_programme

pytestmark = pytest.mark.django_db

FORM = {
    "time_limit": "5",
    "mode": "scratch",
    "weight_attendee_conflicts": "10",
    "weight_over_capacity": "1",
    "weight_track_rooms": "20",
    "weight_popular_spread": "1",
    "weight_changes": "100",
}


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.mark.parametrize("tail", ["scheduler/", "releases/"])
def test_anonymous_people_are_sent_to_log_in(client, summit, tail):
    address = schedule_url(summit, tail)

    response = client.get(address)

    assert (response.status_code, response["Location"]) == (
        302,
        f"/en/accounts/login/?next={address}",
    )


@pytest.mark.parametrize("tail", ["scheduler/", "releases/", "scheduler/runs/{job}/"])
@pytest.mark.parametrize("who", ["participant", "other organiser"])
def test_only_the_summits_organisers_see_the_pages(client, summit, tail, who):
    job = done_job(summit, {})
    if who == "participant":
        person = UserFactory()
    else:
        person = TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user
    client.force_login(person)

    response = client.get(schedule_url(summit, tail.format(job=job.pk)))

    assert response.status_code == 404


def test_others_cannot_run_apply_or_release(client, summit):
    _day, (room_a, _room_b), (first, _second, _third) = small_programme(summit)
    job = done_job(summit, {first: (room_a, at(summit, 9))})
    client.force_login(TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user)

    statuses = [
        client.post(schedule_url(summit, "scheduler/run/"), FORM).status_code,
        client.post(schedule_url(summit, f"scheduler/runs/{job.pk}/apply/")).status_code,
        client.post(schedule_url(summit, "releases/release/"), {"comment": ""}).status_code,
    ]

    assert statuses == [404, 404, 404]
    assert Job.objects.count() == 1
    assert first.slots.get().starts_at is None


def test_the_form_offers_the_time_limit_modes_and_weights(organiser_client, summit):
    html = organiser_client.get(schedule_url(summit, "scheduler/")).text

    assert "<h1>Automatic scheduler</h1>" in html
    assert 'name="time_limit" value="30"' in html
    assert "Fewest changes from the working agenda" in html
    assert "Fewest changes from the latest release" in html
    assert 'name="weight_attendee_conflicts" value="10"' in html
    assert "The scheduler has not run yet." in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_limit", "4", "Ensure this value is greater than or equal to 5."),
        ("time_limit", "301", "Ensure this value is less than or equal to 300."),
        ("time_limit", "soon", "Enter a whole number."),
        ("weight_changes", "-1", "Ensure this value is greater than or equal to 0."),
        ("mode", "magic", "Select a valid choice. magic is not one of the available choices."),
        (
            "mode",
            "release",
            "Nothing is released yet: start from scratch or from the working agenda.",
        ),
    ],
)
def test_bad_settings_are_explained_and_nothing_runs(
    organiser_client, summit, field, value, message
):
    response = organiser_client.post(schedule_url(summit, "scheduler/run/"), {**FORM, field: value})

    assert response.status_code == 422
    assert message in response.text
    assert Job.objects.count() == 0


def test_running_starts_a_job_with_the_settings_and_shows_its_page(
    organiser_client, summit, organiser, django_capture_on_commit_callbacks
):
    small_programme(summit)

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            schedule_url(summit, "scheduler/run/"), {**FORM, "mode": "working"}
        )

    job = Job.objects.get()
    assert response["Location"] == schedule_url(summit, f"scheduler/runs/{job.pk}/")
    assert (job.kind, job.created_by, job.arguments) == (
        "programme.schedule",
        organiser,
        {
            "time_limit": 5,
            "mode": "working",
            "weights": {
                "attendee_conflicts": 10,
                "over_capacity": 1,
                "track_rooms": 20,
                "popular_spread": 1,
                "changes": 100,
            },
        },
    )
    assert job.state == Job.State.DONE
    html = organiser_client.get(response["Location"]).text
    assert "3 sessions move" in html
    assert 'http-equiv="refresh"' not in html


def test_a_running_job_shows_its_progress_and_reloads_itself(organiser_client, summit, monkeypatch):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)  # the page's clock stands still
    job = Job.objects.create(
        kind="programme.schedule",
        summit_slug=summit.slug,
        state=Job.State.RUNNING,
        arguments={"time_limit": 60, "mode": "scratch"},
        started_at=now - dt.timedelta(seconds=12),
        progress={"stage": "search", "seconds": 11.5, "best_total": 340},
    )

    html = organiser_client.get(schedule_url(summit, f"scheduler/runs/{job.pk}/")).text

    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress max="60" value="12">12 / 60</progress>' in html
    assert (
        "Running for 12 seconds of 60. Now: improving the schedule. "
        "Best weighted total so far: 340."
    ) in html
    assert "Apply" not in html


def test_a_failed_run_says_why_in_a_sentence(organiser_client, summit):
    session = SessionFactory(summit=summit, title="Data journalism")
    job = Job.objects.create(
        kind="programme.schedule",
        summit_slug=summit.slug,
        state=Job.State.FAILED,
        arguments={"time_limit": 10},
        finished_at=timezone.now(),
        result={"code": "no_room_fits", "details": {"session": session.pk}},
    )

    html = organiser_client.get(schedule_url(summit, f"scheduler/runs/{job.pk}/")).text

    assert (
        "The scheduler found no schedule: No room has what the session “Data journalism” "
        "needs: the equipment, step-free access or interpretation booths it asks for, "
        "and as many seats as its expected audience."
    ) in html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert 'http-equiv="refresh"' not in html


def test_the_draft_shows_its_terms_beside_the_working_agenda_moves_and_warnings(
    organiser_client, summit
):
    _day, (room_a, room_b), (first, second, third) = small_programme(summit)
    first.title, second.title = "Open budgets", "Civic tech"
    first.save()
    second.save()
    speaker = UserFactory(name="Camille")
    first.speakers.set([speaker])
    second.speakers.set([speaker])
    slot = third.slots.get()
    slot.room, slot.starts_at, slot.ends_at = room_b, at(summit, 15), at(summit, 16)
    slot.save()
    job = done_job(
        summit,
        {
            first: (room_a, at(summit, 9)),
            second: (room_b, at(summit, 9)),
            third: (room_b, at(summit, 15)),
        },
        working={
            "objective": {
                "attendee_conflicts": 5,
                "over_capacity": 7,
                "track_rooms": 0,
                "popular_spread": 2,
                "changes": 0,
            },
            "total": 59,
        },
    )

    html = organiser_client.get(schedule_url(summit, f"scheduler/runs/{job.pk}/")).text

    assert (
        '<tr>\n      <th scope="row">Attendee conflicts</th>\n      <td>10</td>\n'
        "      <td>2</td>\n      <td>5</td>\n    </tr>"
    ) in html
    assert "<td>23</td>\n      <td>59</td>" in html
    assert "2 sessions move" in html
    assert '<th scope="row">Open budgets</th>\n      <td>not placed</td>' in html
    assert (
        f'<td><a href="{schedule_url(summit, f"sessions/{first.pk}/")}">Open budgets</a></td>\n'
        "      <td>Camille also speaks at “Civic tech” at the same time.</td>"
    ) in html
    assert 'action="' + schedule_url(summit, f"scheduler/runs/{job.pk}/apply/") + '"' in html


def test_applying_the_draft_places_the_sessions_and_says_how_many_moved(organiser_client, summit):
    _day, (room_a, room_b), (first, second, _third) = small_programme(summit)
    pinned = SessionFactory(summit=summit, is_pinned=True, room=room_a, starts_at=at(summit, 15))
    job = done_job(
        summit,
        {
            first: (room_a, at(summit, 9)),
            second: (room_b, at(summit, 9)),
            pinned: (room_b, at(summit, 9)),
        },
    )

    response = organiser_client.post(
        schedule_url(summit, f"scheduler/runs/{job.pk}/apply/"), follow=True
    )

    assert "The draft is applied: 2 sessions changed place in the working agenda." in response.text
    assert first.slots.get().starts_at == at(summit, 9)
    assert pinned.slots.get().starts_at == at(summit, 15)
    assert "This draft has been applied to the working agenda." in response.text


def test_applying_a_failed_run_is_refused_with_a_message(organiser_client, summit):
    job = Job.objects.create(
        kind="programme.schedule", summit_slug=summit.slug, state=Job.State.FAILED
    )

    response = organiser_client.post(
        schedule_url(summit, f"scheduler/runs/{job.pk}/apply/"), follow=True
    )

    assert (
        "This scheduler run has no draft to apply: it is not finished or it failed."
        in response.text
    )


def test_a_job_of_another_kind_or_summit_is_not_found(organiser_client, summit):
    other_summit = done_job(SummitFactory(), {})
    other_kind = Job.objects.create(kind="review.assignment", summit_slug=summit.slug)

    statuses = [
        organiser_client.get(schedule_url(summit, f"scheduler/runs/{job.pk}/")).status_code
        for job in (other_summit, other_kind)
    ]

    assert statuses == [404, 404]


def test_the_recent_runs_take_the_same_queries_for_1_and_3(
    organiser_client, summit, django_assert_num_queries
):
    done_job(summit, {}, by=UserFactory())
    organiser_client.get(schedule_url(summit, "scheduler/"))
    with django_assert_num_queries(5) as one:
        organiser_client.get(schedule_url(summit, "scheduler/"))
    for _ in range(2):
        done_job(summit, {}, by=UserFactory())
    with django_assert_num_queries(len(one.captured_queries)):
        html = organiser_client.get(schedule_url(summit, "scheduler/")).text
    assert html.count("<td>23</td>") == 3


def test_the_draft_page_takes_the_same_queries_for_1_and_4_sessions(
    organiser_client, summit, django_assert_num_queries
):
    _day, (room_a, _room_b), (first, _second, _third) = small_programme(summit)
    job = done_job(summit, {first: (room_a, at(summit, 9))})
    address = schedule_url(summit, f"scheduler/runs/{job.pk}/")
    organiser_client.get(address)
    with django_assert_num_queries(17) as one:
        organiser_client.get(address)
    pitches = SessionFactory(summit=summit, kind=Session.Kind.PITCHES)
    more = [SessionFactory(summit=summit, speakers=[UserFactory()]) for _ in range(2)]
    job = done_job(
        summit,
        {
            first: (room_a, at(summit, 9)),
            pitches: (room_a, at(summit, 10, 30)),
            more[0]: (room_a, at(summit, 12)),
            more[1]: (room_a, at(summit, 13, 30)),
        },
    )
    with django_assert_num_queries(len(one.captured_queries)):
        organiser_client.get(schedule_url(summit, f"scheduler/runs/{job.pk}/"))
