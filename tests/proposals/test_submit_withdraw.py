"""Authors withdraw their proposal after a confirmation step."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.proposals.models import State
from tests.proposals.factories import ProposalFactory, action_url, step_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(call, participant):
    return ProposalFactory(summit=call.summit, author=participant, title="Données ouvertes")


def test_withdrawing_asks_for_confirmation_first(client, proposal):
    client.force_login(proposal.created_by)

    response = client.get(action_url(proposal, "withdraw"))

    proposal.refresh_from_db()
    assert "Withdraw “Données ouvertes”?" in response.text
    assert proposal.state == State.SUBMITTED


def test_confirming_withdraws_the_proposal(client, proposal):
    client.force_login(proposal.created_by)

    response = client.post(action_url(proposal, "withdraw"), follow=True)

    proposal.refresh_from_db()
    assert proposal.state == State.WITHDRAWN
    assert "The proposal “Données ouvertes” is withdrawn." in response.text


def test_a_proposal_can_be_withdrawn_after_the_deadline(client, proposal, call):
    call.closes_at = timezone.now() - dt.timedelta(days=1)
    call.save()
    client.force_login(proposal.created_by)

    client.post(action_url(proposal, "withdraw"))

    proposal.refresh_from_db()
    assert proposal.state == State.WITHDRAWN


def test_a_withdrawn_proposal_cannot_be_edited_nor_withdrawn_again(client, proposal):
    proposal.state = State.WITHDRAWN
    proposal.save()
    client.force_login(proposal.created_by)

    edit = client.get(step_url(proposal, "text"))
    again = client.post(action_url(proposal, "withdraw"))

    assert (edit.status_code, again.status_code) == (403, 403)
    assert "This proposal was withdrawn: it can no longer be changed." in edit.text
    assert "This proposal can no longer be withdrawn." in again.text


def test_a_draft_can_be_withdrawn(client, call, participant):
    draft = ProposalFactory(summit=call.summit, author=participant, state=State.DRAFT)
    client.force_login(participant)

    client.post(action_url(draft, "withdraw"))

    draft.refresh_from_db()
    assert draft.state == State.WITHDRAWN
