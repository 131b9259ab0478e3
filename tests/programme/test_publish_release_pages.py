"""The organisers' releases page: what the next release changes, releasing, the versions."""

import pytest
from django.core import mail

from cosummit.programme.models import Release
from cosummit.programme.releases import release_programme
from tests.factories import UserFactory
from tests.programme.factories import SessionFactory
from tests.programme.publish_helpers import at, rooms, schedule_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def room(summit):
    return rooms(summit, 100)[0]


def test_before_any_release_the_page_previews_the_first_version(organiser_client, summit, room):
    SessionFactory(summit=summit, title="Open budgets", room=room, starts_at=at(summit, 9))

    html = organiser_client.get(schedule_url(summit, "releases/")).text

    assert "<h2>What the first version will publish</h2>" in html
    assert '<th scope="row">Open budgets</th>\n      <td>added</td>\n      <td>—</td>' in html
    assert "Nothing is released yet." in html


def test_releasing_publishes_the_next_version_and_tells_the_speakers(
    organiser_client, summit, organiser, room
):
    speaker = UserFactory(preferred_language="en")
    SessionFactory(summit=summit, room=room, starts_at=at(summit, 9), speakers=[speaker])
    mail.outbox = []

    response = organiser_client.post(
        schedule_url(summit, "releases/release/"), {"comment": "Final rooms."}, follow=True
    )

    release = Release.objects.get(summit=summit)
    assert (release.version, release.comment, release.released_by) == (1, "Final rooms.", organiser)
    assert "Version 1 is published; 1 session changed." in response.text
    assert "What changes since version 1" in response.text
    assert "No session was added, moved or removed." in response.text
    assert [message.to for message in mail.outbox] == [[speaker.email]]


def test_nothing_placed_is_refused_with_a_message(organiser_client, summit):
    SessionFactory(summit=summit)

    response = organiser_client.post(schedule_url(summit, "releases/release/"), {"comment": ""})

    assert response.status_code == 422
    assert (
        "No session is placed in the working agenda: there is nothing to release." in response.text
    )
    assert Release.objects.count() == 0


def test_a_too_long_comment_is_refused(organiser_client, summit, room):
    SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))

    response = organiser_client.post(
        schedule_url(summit, "releases/release/"), {"comment": "x" * 2001}
    )

    assert response.status_code == 422
    assert "Ensure this value has at most 2000 characters (it has 2001)." in response.text
    assert Release.objects.count() == 0


def test_the_versions_list_their_changes(organiser_client, summit, organiser, room):
    session = SessionFactory(summit=summit, title="Civic tech", room=room, starts_at=at(summit, 9))
    release_programme(summit, by=organiser, comment="")
    slot = session.slots.get(release__isnull=True)
    slot.starts_at, slot.ends_at = at(summit, 15), at(summit, 16)
    slot.save()
    release_programme(summit, by=organiser, comment="Moved after lunch.")

    html = organiser_client.get(schedule_url(summit, "releases/")).text

    assert html.index("<h3>Version 2</h3>") < html.index("<h3>Version 1</h3>")
    assert ": 0 added, 1 moved, 0 removed." in html
    assert ": 1 added, 0 moved, 0 removed." in html
    assert "Moved after lunch." in html
    assert '<th scope="row">Civic tech</th>\n      <td>moved</td>' in html


def test_the_releases_page_takes_the_same_queries_for_1_and_3_releases(
    organiser_client, summit, organiser, room, django_assert_num_queries
):
    session = SessionFactory(summit=summit, room=room, starts_at=at(summit, 9))
    release_programme(summit, by=organiser)
    organiser_client.get(schedule_url(summit, "releases/"))
    with django_assert_num_queries(10) as one:
        organiser_client.get(schedule_url(summit, "releases/"))
    for hour in (11, 14):
        slot = session.slots.get(release__isnull=True)
        slot.starts_at, slot.ends_at = at(summit, hour), at(summit, hour + 1)
        slot.save()
        release_programme(summit, by=UserFactory())
    with django_assert_num_queries(len(one.captured_queries)):
        html = organiser_client.get(schedule_url(summit, "releases/")).text
    assert html.count('<section class="release"') == 3
