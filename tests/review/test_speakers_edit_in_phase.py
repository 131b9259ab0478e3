"""A review phase says whether speakers may still change their submitted proposal."""

import pytest

from cosummit.proposals.domain import may_still_edit
from cosummit.proposals.models import State
from tests.proposals.factories import ProposalFactory
from tests.review.factories import PhaseFactory


@pytest.mark.parametrize("allowed", [True, False])
def test_the_current_phase_decides_whether_a_submitted_proposal_may_change(summit, allowed):
    proposal = ProposalFactory(summit=summit)
    assert may_still_edit(proposal) is True  # the call is open and no phase is on
    PhaseFactory(summit=summit, speakers_can_edit=allowed)
    assert may_still_edit(proposal) is allowed


def test_drafts_stay_editable_whatever_the_phase(summit):
    PhaseFactory(summit=summit, speakers_can_edit=False)
    assert may_still_edit(ProposalFactory(summit=summit, state=State.DRAFT)) is True
