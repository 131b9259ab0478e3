"""The organisers' programme API: scheduler runs, their drafts, and releases."""

import pytest
from django.core import mail

from cosummit.api.domain import create_api_token
from cosummit.core.models import Job
from cosummit.programme.models import Release
from cosummit.programme.releases import release_programme
from tests.api.helpers import bearer
from tests.factories import SummitFactory, UserFactory
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, done_job, rooms, small_programme

pytestmark = pytest.mark.django_db


def api(summit, tail: str) -> str:
    return f"/api/v1/summits/{summit.slug}/programme/{tail}"


def test_an_organiser_runs_the_scheduler_and_follows_the_run(
    client, summit, organiser_token, django_capture_on_commit_callbacks
):
    _day, (room_a, room_b), sessions = small_programme(summit)

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            api(summit, "scheduler/runs"),
            {"time_limit": 5, "mode": "scratch", "weights": {"changes": 50}},
            content_type="application/json",
            headers=bearer(organiser_token),
        )

    assert started.status_code == 202
    job = Job.objects.get()
    assert job.arguments["weights"] == {
        "attendee_conflicts": 10,
        "over_capacity": 1,
        "track_rooms": 20,
        "popular_spread": 1,
        "changes": 50,
    }
    followed = client.get(api(summit, f"scheduler/runs/{job.pk}"), headers=bearer(organiser_token))
    body = followed.json()
    assert (body["id"], body["state"], body["failure"]) == (job.pk, "done", None)
    assert sorted(place["session"] for place in body["draft"]["placements"]) == sorted(
        session.pk for session in sessions
    )
    assert {place["room"] for place in body["draft"]["placements"]} <= {room_a.pk, room_b.pk}
    assert body["draft"]["working"] is None
    assert body["draft"]["applied_at"] is None
    assert body["progress"]["time_limit"] == 5


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"time_limit": 2}, "time_limit", "Input should be greater than or equal to 5"),
        ({"mode": "magic"}, "mode", "Input should be 'scratch', 'working' or 'release'"),
        ({"weights": {"changes": -3}}, "changes", "Input should be greater than or equal to 0"),
        (
            {"mode": "release"},
            "mode",
            "Nothing is released yet: start from scratch or from the working agenda.",
        ),
    ],
)
def test_bad_settings_get_422_and_start_nothing(
    client, summit, organiser_token, payload, field, message
):
    response = client.post(
        api(summit, "scheduler/runs"),
        payload,
        content_type="application/json",
        headers=bearer(organiser_token),
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [error["message"] for error in errors if error["field"].endswith(field)] == [message]
    assert Job.objects.count() == 0


def test_a_failed_run_says_why(client, summit, organiser_token):
    job = Job.objects.create(
        kind="programme.schedule",
        summit_slug=summit.slug,
        state=Job.State.FAILED,
        result={"code": "no_days", "details": {}},
    )

    body = client.get(
        api(summit, f"scheduler/runs/{job.pk}"), headers=bearer(organiser_token)
    ).json()

    assert (body["state"], body["failure"], body["draft"]) == (
        "failed",
        "The programme has no day yet: add its days first.",
        None,
    )


def test_applying_a_draft_places_its_sessions_and_refuses_a_run_not_done(
    client, summit, organiser_token
):
    _day, (room_a, _room_b), (first, _second, _third) = small_programme(summit)
    job = done_job(summit, {first: (room_a, at(summit, 9))})
    running = Job.objects.create(
        kind="programme.schedule", summit_slug=summit.slug, state=Job.State.RUNNING
    )

    applied = client.post(
        api(summit, f"scheduler/runs/{job.pk}/apply"), headers=bearer(organiser_token)
    )
    refused = client.post(
        api(summit, f"scheduler/runs/{running.pk}/apply"), headers=bearer(organiser_token)
    )

    assert (applied.status_code, applied.json()) == (200, {"changed": 1})
    assert first.slots.get().starts_at == at(summit, 9)
    assert (refused.status_code, refused.json()) == (
        409,
        {"detail": "This scheduler run has no draft to apply: it is not finished or it failed."},
    )


def test_an_organiser_releases_and_lists_the_releases(client, summit, organiser_token):
    (room,) = rooms(summit, 100)
    speaker = UserFactory(preferred_language="en")
    session = SessionFactory(
        summit=summit, title="Open budgets", room=room, starts_at=at(summit, 9), speakers=[speaker]
    )
    mail.outbox = []

    released = client.post(
        api(summit, "releases"),
        {"comment": "First."},
        content_type="application/json",
        headers=bearer(organiser_token),
    )
    listed = client.get(api(summit, "releases"), headers=bearer(organiser_token))

    assert released.status_code == 201
    body = released.json()
    assert (body["version"], body["comment"]) == (1, "First.")
    assert body["changes"][0]["session"] == session.pk
    assert body["changes"][0]["change"] == "added"
    assert body["changes"][0]["after"]["room"] == room.pk
    assert listed.json()["count"] == 1
    assert listed.json()["items"][0]["version"] == 1
    assert [message.to for message in mail.outbox] == [[speaker.email]]


def test_releasing_nothing_placed_gets_409(client, summit, organiser_token):
    SessionFactory(summit=summit)

    response = client.post(
        api(summit, "releases"),
        {},
        content_type="application/json",
        headers=bearer(organiser_token),
    )

    assert (response.status_code, response.json()) == (
        409,
        {"detail": "No session is placed in the working agenda: there is nothing to release."},
    )
    assert Release.objects.count() == 0


def test_others_get_404_and_anonymous_callers_401(client, summit, other_token, participant):
    job = done_job(summit, {})
    _token, participant_token = create_api_token(participant, name="Mine")
    calls = [
        ("get", f"scheduler/runs/{job.pk}"),
        ("post", "scheduler/runs"),
        ("post", f"scheduler/runs/{job.pk}/apply"),
        ("get", "releases"),
        ("post", "releases"),
    ]
    statuses = {
        token: [
            getattr(client, method)(
                api(summit, tail),
                {} if method == "post" else None,
                content_type="application/json",
                **({"headers": bearer(token)} if token else {}),
            ).status_code
            for method, tail in calls
        ]
        for token in (other_token, participant_token, None)
    }

    assert statuses == {
        other_token: [404] * 5,
        participant_token: [404] * 5,
        None: [401] * 5,
    }
    assert Release.objects.count() == 0


def test_a_run_of_another_summit_is_not_found(client, summit, organiser_token):
    job = done_job(SummitFactory(), {})

    response = client.get(api(summit, f"scheduler/runs/{job.pk}"), headers=bearer(organiser_token))

    assert response.json() == {"detail": f"There is no scheduler run number {job.pk}."}
    assert response.status_code == 404


def test_listing_releases_takes_the_same_queries_for_1_and_3(
    client, summit, organiser, organiser_token, django_assert_num_queries
):
    (room,) = rooms(summit, 100)
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    release_programme(summit, by=organiser)
    client.get(api(summit, "releases"), headers=bearer(organiser_token))
    with django_assert_num_queries(5) as one:
        client.get(api(summit, "releases"), headers=bearer(organiser_token))
    for hour in (11, 14):
        slot = session.slots.get(release__isnull=True)
        slot.starts_at, slot.ends_at = at(summit, hour), at(summit, hour + 1)
        slot.save()
        release_programme(summit, by=organiser)
    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get(api(summit, "releases"), headers=bearer(organiser_token)).json()
    assert [release["version"] for release in body["items"]] == [3, 2, 1]
