"""Two organisers releasing the programme at the same moment make two versions."""

import pytest
from django.core import mail

from cosummit.programme.models import Release, Slot
from cosummit.programme.releases import release_programme
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, rooms
from tests.threads import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]


def test_two_organisers_releasing_at_once_make_v1_and_v2():
    summit = SummitFactory()
    first, second = (
        TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user for _ in range(2)
    )
    (room,) = rooms(summit, 100)
    speaker = UserFactory(preferred_language="en")
    SessionFactory(summit=summit, room=room, starts_at=at(summit, 9), speakers=[speaker])
    mail.outbox = []

    results = run_at_once(
        [
            lambda by=by: release_programme(summit, by=by, comment=f"By {by.name}.")
            for by in (first, second)
        ]
    )

    assert [type(result) for result in results] == [Release, Release]
    releases = list(Release.objects.filter(summit=summit).order_by("version"))
    assert [release.version for release in releases] == [1, 2]
    # The second sees the first: nothing changed since, so nobody hears twice.
    assert [len(release.changes) for release in releases] == [1, 0]
    assert [Slot.objects.filter(release=release).count() for release in releases] == [1, 1]
    assert [message.to for message in mail.outbox] == [[speaker.email]]
