"""The summit's page links reviewers to their queue, at no extra query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory, UserFactory
from tests.review.factories import ReviewerFactory
from tests.review.reviewer_helpers import logged_in, queue_url

LINK = "Review proposals</a>"


def summit_page(client, summit):
    return client.get(f"/en/{summit.slug}/")


def test_reviewers_see_a_link_to_their_queue(summit):
    reviewer = ReviewerFactory(summit=summit)

    response = summit_page(logged_in(reviewer.user), summit)

    assert f'<a class="button button--secondary" href="{queue_url(summit)}">{LINK}' in response.text


def test_visitors_participants_and_organisers_see_no_review_link(client, summit, organiser):
    moderator = TeamMembershipFactory(summit=summit, role=Role.MODERATOR).user

    assert LINK not in summit_page(client, summit).text
    for user in (UserFactory(), moderator, organiser):
        assert LINK not in summit_page(logged_in(user), summit).text


def test_the_link_costs_no_query(summit):
    reviewer = ReviewerFactory(summit=summit)
    participant = UserFactory()
    counts = []
    for user in (participant, reviewer.user):
        client = logged_in(user)
        with CaptureQueriesContext(connection) as queries:
            summit_page(client, summit)
        counts.append(len(queries))

    assert counts[0] == counts[1]
