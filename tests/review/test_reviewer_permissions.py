"""Only reviewers reach the review pages, and only for the proposals in their queue."""

import pytest

from cosummit.review.models import Conflict
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TrackFactory
from tests.review.factories import ReviewerFactory, ReviewerTeamFactory
from tests.review.reviewer_helpers import (
    assigned_proposal,
    conflict_url,
    logged_in,
    preferences_url,
    proposal_fixture,  # noqa: F401
    proposal_url,
    queue_url,
    reviewer_fixture,  # noqa: F401
    speaker_fixture,  # noqa: F401
)


def addresses(proposal) -> list[str]:
    return [
        queue_url(proposal.summit),
        proposal_url(proposal),
        conflict_url(proposal),
        preferences_url(proposal.summit),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, proposal):
    for address in addresses(proposal):
        response = client.get(address)

        assert response.status_code == 302
        assert response["Location"] == f"/en/accounts/login/?next={address}"


@pytest.mark.parametrize("role", [None, Role.MODERATOR, Role.ORGANISER, Role.CHECKIN])
def test_people_without_the_reviewer_role_get_not_found_everywhere(proposal, role):
    user = UserFactory(organisation="Somewhere Else")
    if role is not None:
        TeamMembershipFactory(summit=proposal.summit, user=user, role=role)
    client = logged_in(user)

    assert [client.get(address).status_code for address in addresses(proposal)] == [404] * 4
    assert client.post(proposal_url(proposal), {}).status_code == 404
    assert client.post(conflict_url(proposal), {"reason": "x"}).status_code == 404
    assert Conflict.objects.count() == 0


def test_a_reviewer_of_another_summit_gets_not_found(proposal):
    stranger = ReviewerFactory(summit=SummitFactory())
    client = logged_in(stranger.user)

    assert [client.get(address).status_code for address in addresses(proposal)] == [404] * 4


def test_a_reviewer_not_assigned_the_proposal_gets_not_found(summit, proposal):
    other = ReviewerFactory(summit=summit)
    client = logged_in(other.user)

    assert client.get(queue_url(summit)).status_code == 200
    assert client.get(proposal_url(proposal)).status_code == 404
    assert client.post(conflict_url(proposal), {"reason": "x"}).status_code == 404


def test_a_reviewer_whose_team_covers_another_track_gets_not_found(summit, reviewer, proposal):
    ReviewerTeamFactory(summit=summit, tracks=[TrackFactory(summit=summit)], members=[reviewer])
    client = logged_in(reviewer.user)

    assert client.get(proposal_url(proposal)).status_code == 404
    assert "Budgets that citizens read" not in client.get(queue_url(summit)).text


def test_a_reviewer_whose_team_covers_the_proposal_track_reaches_it(summit, reviewer, proposal):
    ReviewerTeamFactory(summit=summit, tracks=[proposal.track], members=[reviewer])

    assert logged_in(reviewer.user).get(proposal_url(proposal)).status_code == 200


def test_a_reviewer_with_a_declared_conflict_gets_not_found(reviewer, proposal):
    Conflict.objects.create(reviewer=reviewer, proposal=proposal, source="organiser")
    client = logged_in(reviewer.user)

    assert client.get(proposal_url(proposal)).status_code == 404
    assert "Budgets that citizens read" not in client.get(queue_url(reviewer.summit)).text


def test_a_reviewer_of_the_speaker_organisation_gets_not_found(summit, review_setup):
    reviewer = ReviewerFactory(summit=summit, user__organisation="Transparency Lab Dakar")
    speaker = UserFactory(organisation="Transparency Lab Dakar")
    proposal = assigned_proposal(reviewer, author=speaker)

    assert logged_in(reviewer.user).get(proposal_url(proposal)).status_code == 404


def test_a_reviewer_does_not_reach_a_withdrawn_proposal(reviewer):
    proposal = assigned_proposal(reviewer, state="withdrawn")

    assert logged_in(reviewer.user).get(proposal_url(proposal)).status_code == 404


def test_an_unknown_proposal_number_gives_not_found(reviewer):
    client = logged_in(reviewer.user)

    assert client.get(f"/en/{reviewer.summit.slug}/review/999999/").status_code == 404


def test_a_proposal_of_the_reviewer_summit_but_unassigned_gives_not_found(reviewer):
    unassigned = ProposalFactory(summit=reviewer.summit)

    assert logged_in(reviewer.user).get(proposal_url(unassigned)).status_code == 404
