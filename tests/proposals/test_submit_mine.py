"""The "my proposals" page: every proposal one speaks in, with its state and links."""

import pytest

from cosummit.proposals.models import Invitation, State
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, mine_url, step_url

pytestmark = pytest.mark.django_db


def test_my_proposals_lists_those_i_speak_in_with_their_state(client, call, participant):
    mine = ProposalFactory(summit=call.summit, author=participant, title="Mon atelier")
    draft = ProposalFactory(
        summit=call.summit, author=participant, title="Mon brouillon", state=State.DRAFT
    )
    co_spoken = ProposalFactory(summit=call.summit, title="Leur panel", speakers=[participant])
    ProposalFactory(summit=call.summit, title="Pas le mien")
    client.force_login(participant)

    page = client.get(mine_url(call.summit)).text

    for proposal in (mine, draft, co_spoken):
        assert proposal.title in page
        assert step_url(proposal, "review") in page
    assert "Pas le mien" not in page
    assert "Draft" in page
    assert "Submitted" in page


def test_withdrawal_links_are_shown_to_authors_only(client, call, participant):
    co_spoken = ProposalFactory(summit=call.summit, title="Leur panel", speakers=[participant])
    client.force_login(participant)

    page = client.get(mine_url(call.summit)).text

    assert f"/proposals/{co_spoken.pk}/withdraw/" not in page


def test_pending_invitations_to_me_are_listed(client, call, participant):
    proposal = ProposalFactory(summit=call.summit, title="Transparence budgétaire")
    invitation = Invitation.objects.create(proposal=proposal, email=participant.email)
    client.force_login(participant)

    page = client.get(mine_url(call.summit)).text

    assert f"/proposals/invitations/{invitation.token}/" in page


@pytest.mark.parametrize("count", [1, 3])
def test_my_proposals_costs_the_same_queries_for_one_or_three(
    client, call, django_assert_num_queries, count
):
    author = UserFactory()
    for _ in range(count):
        ProposalFactory(summit=call.summit, author=author, speakers=[UserFactory()])
    client.force_login(author)
    client.get(mine_url(call.summit))

    # The review phases tell whether the texts may still change.
    with django_assert_num_queries(8):
        client.get(mine_url(call.summit))


def test_the_summit_page_leads_to_the_proposals(client, call):
    page = client.get(f"/en/{call.summit.slug}/").text

    assert f'href="/en/{call.summit.slug}/proposals/"' in page
    assert f'href="/en/{call.summit.slug}/proposals/mine/"' in page
