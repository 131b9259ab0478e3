"""Organisers and moderators find the merge page, the moderation log and the queue."""

import pytest

from cosummit.summits.models import Role
from tests.proposals.discussion_helpers import team_member

pytestmark = pytest.mark.django_db


def call_page(summit, part="") -> str:
    return f"/en/organise/{summit.slug}/call/{part}"


def test_the_call_pages_link_the_merge_page_the_queue_and_the_log(client, call, organiser):
    client.force_login(organiser)

    response = client.get(call_page(call.summit, "formats/"))

    slug = call.summit.slug
    assert response.status_code == 200
    assert f'<a href="/en/organise/{slug}/call/merge/">Merge proposals</a>' in response.text
    assert f'<a href="/en/{slug}/proposals/moderation/">Moderation queue</a>' in response.text
    assert f'<a href="/en/organise/{slug}/call/moderation-log/">Moderation log</a>' in response.text


@pytest.mark.parametrize(
    ("part", "current"),
    [("merge/", "Merge proposals"), ("moderation-log/", "Moderation log")],
)
def test_the_merge_page_and_the_log_are_marked_current_in_the_call_menu(
    client, call, organiser, part, current
):
    client.force_login(organiser)

    response = client.get(call_page(call.summit, part))

    assert response.status_code == 200
    assert (
        f'<a href="/en/organise/{call.summit.slug}/call/{part}" aria-current="true">{current}</a>'
        in response.text
    )
    # The summit's menu marks the call for proposals as the section.
    assert (
        f'<a href="/en/organise/{call.summit.slug}/call/" aria-current="true">'
        "Call for proposals</a>" in response.text
    )


def test_a_moderator_finds_the_queue_from_their_profile(client, call):
    moderator = team_member(call.summit, Role.MODERATOR)
    client.force_login(moderator)

    response = client.get("/en/profile/")

    assert f'<a href="/en/{call.summit.slug}/proposals/moderation/">Moderation queue</a>' in (
        response.text
    )
    assert client.get(f"/en/{call.summit.slug}/proposals/moderation/").status_code == 200


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.CHECKIN])
def test_other_team_members_see_no_queue_link_on_their_profile(client, call, role):
    client.force_login(team_member(call.summit, role))

    response = client.get("/en/profile/")

    assert response.status_code == 200
    assert "/proposals/moderation/" not in response.text


def test_a_moderator_finds_the_queue_from_the_gallery(client, call):
    client.force_login(team_member(call.summit, Role.MODERATOR))

    response = client.get(f"/en/{call.summit.slug}/proposals/")

    assert f'href="/en/{call.summit.slug}/proposals/moderation/">Moderation queue' in (
        response.text
    )
