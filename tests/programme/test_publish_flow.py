"""From a run of the scheduler to the public list of changes, through the pages."""

import pytest
from django.core import mail

from cosummit.core.models import Job
from cosummit.programme.models import Release, Slot
from tests.factories import UserFactory
from tests.programme.publish_helpers import changes_url, schedule_url, small_programme

pytestmark = pytest.mark.django_db


def test_an_organiser_runs_applies_and_releases_and_the_public_sees_v1(
    client, summit, organiser, django_capture_on_commit_callbacks
):
    _day, _rooms, sessions = small_programme(summit)
    speaker = UserFactory(preferred_language="en")
    sessions[0].speakers.set([speaker])
    client.force_login(organiser)
    mail.outbox = []

    with django_capture_on_commit_callbacks(execute=True):
        ran = client.post(
            schedule_url(summit, "scheduler/run/"),
            {
                "time_limit": "5",
                "mode": "scratch",
                "weight_attendee_conflicts": "10",
                "weight_over_capacity": "1",
                "weight_track_rooms": "20",
                "weight_popular_spread": "1",
                "weight_changes": "100",
            },
        )
    job = Job.objects.get()
    applied = client.post(ran["Location"] + "apply/", follow=True)
    released = client.post(
        schedule_url(summit, "releases/release/"), {"comment": "Welcome!"}, follow=True
    )
    public = client.get(changes_url(summit)).text

    assert job.state == Job.State.DONE
    assert "The draft is applied: 3 sessions changed place in the working agenda." in applied.text
    assert Slot.objects.filter(release__isnull=True, starts_at__isnull=True).count() == 0
    assert "Version 1 is published; 3 sessions changed." in released.text
    assert Release.objects.get().version == 1
    assert public.count("<td>added</td>") == 3
    assert "Welcome!" in public
    assert [message.to for message in mail.outbox] == [[speaker.email]]
