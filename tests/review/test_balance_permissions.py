"""Who reaches the balance dashboard and the selection helper."""

import pytest

from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.review.balance_examples import (
    call_with,
    convener_of,
    dashboard_url,
    proposal_with,
    selection_url,
)
from tests.review.factories import ReviewerFactory, ReviewerTeamFactory

URLS = [dashboard_url, selection_url]


@pytest.mark.parametrize("url", URLS)
def test_visitors_are_sent_to_log_in(client, summit, url):
    response = client.get(url(summit))

    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        "/en/accounts/login/",
    )


@pytest.mark.parametrize("url", URLS)
def test_people_without_a_role_get_not_found(client, summit, url):
    client.force_login(UserFactory())

    assert client.get(url(summit)).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_reviewers_who_do_not_decide_get_not_found(client, summit, url):
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, members=[reviewer], can_decide=False)
    client.force_login(reviewer.user)

    assert client.get(url(summit)).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_organisers_of_another_summit_get_not_found(client, summit, url):
    other = TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user
    client.force_login(other)

    assert client.get(url(summit)).status_code == 404


@pytest.mark.parametrize("url", URLS)
def test_organisers_see_the_page_for_every_track(client, summit, organiser, url):
    client.force_login(organiser)

    response = client.get(url(summit))

    assert (response.status_code, response.context["is_limited"]) == (200, False)


@pytest.mark.parametrize("url", URLS)
def test_conveners_see_the_page_for_their_tracks(client, summit, url):
    _formats, (mine, _other) = call_with(summit, tracks=2)
    client.force_login(convener_of(summit, [mine]))

    response = client.get(url(summit))

    assert (response.status_code, response.context["is_limited"]) == (200, True)


def test_conveners_count_only_the_proposals_of_their_tracks(client, summit):
    _formats, (mine, other) = call_with(summit, tracks=2)
    proposal_with(summit, track=mine)
    proposal_with(summit, track=other)
    proposal_with(summit, track=other)
    client.force_login(convener_of(summit, [mine]))

    balance = client.get(dashboard_url(summit)).context["balance"]
    tracks = next(b for b in balance.breakdowns if b.slug == "tracks")

    assert (balance.totals, [c.label for c in tracks.categories]) == ((1, 0, 0, 0), [str(mine)])
