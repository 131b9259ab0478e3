"""The review area's sub-navigation shows each person the pages they may open."""

import re

from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory
from tests.review.factories import ReviewerTeamFactory
from tests.review.reviewer_helpers import (
    logged_in,
    queue_url,
    reviewer_fixture,  # noqa: F401
)


def nav_links(response) -> list[tuple[str, str]]:
    nav = response.text.split('<nav class="organiser-nav review-nav"')[1].split("</nav>")[0]
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def test_a_reviewer_sees_their_queue_and_preferences_only(summit, reviewer):
    response = logged_in(reviewer.user).get(queue_url(summit))

    assert nav_links(response) == [
        (queue_url(summit), "Queue"),
        (f"{queue_url(summit)}preferences/", "My preferences"),
    ]
    assert f'<a href="/en/{summit.slug}/review/" aria-current="page">Queue</a>' in (response.text)


def test_a_convener_also_sees_the_table_decisions_and_balance(summit, reviewer):
    ReviewerTeamFactory(summit=summit, can_decide=True, members=[reviewer])

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert [label for _address, label in nav_links(response)] == [
        "Queue",
        "My preferences",
        "Review table",
        "Decisions",
        "Balance",
    ]
    assert nav_links(response)[2:] == [
        (f"{queue_url(summit)}table/", "Review table"),
        (f"{queue_url(summit)}decisions/", "Decisions"),
        (f"{queue_url(summit)}balance/", "Balance"),
    ]


def test_an_organiser_who_reviews_also_gets_the_review_set_up(summit, reviewer):
    TeamMembershipFactory(summit=summit, user=reviewer.user, role=Role.ORGANISER)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert nav_links(response)[-1] == (f"/en/organise/{summit.slug}/review/", "Set up the review")
