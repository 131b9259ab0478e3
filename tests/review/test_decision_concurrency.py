"""Organisers deciding and applying at the same moment: each decision applied once."""

import pytest

from cosummit.core.models import OutboxMessage
from cosummit.review import decisions
from cosummit.review.models import Decision, Outcome
from tests.factories import SummitFactory
from tests.review.decision_helpers import organiser_of, proposal_of, use_outbox
from tests.threads import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("shared_database")]


def test_two_organisers_applying_at_once_apply_each_decision_once(settings):
    use_outbox(settings)
    summit = SummitFactory()
    first, second = organiser_of(summit), organiser_of(summit)
    for number in range(6):
        proposal = proposal_of(summit, None, f"Proposal {number}")
        decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=first)

    applied = run_at_once(
        [lambda by=by: decisions.apply_decisions(summit, by=by) for by in (first, second)]
    )

    assert sorted(applied) == [0, 6]
    assert Decision.objects.filter(applied_at__isnull=True).count() == 0
    held = OutboxMessage.objects.filter(status=OutboxMessage.Status.HELD)
    assert sorted(held.values_list("to", flat=True)) == sorted(
        [[f"proposal.{number}.author@example.org"] for number in range(6)]
    )


def test_two_organisers_deciding_the_same_proposal_at_once_leave_one_decision(settings):
    summit = SummitFactory()
    first, second = organiser_of(summit), organiser_of(summit)
    proposal = proposal_of(summit, None, "Open budgets")

    results = run_at_once(
        [
            lambda: decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=first),
            lambda: decisions.set_decision(proposal, outcome=Outcome.REJECT, by=second),
        ]
    )

    assert [type(result) for result in results] == [Decision, Decision]
    assert Decision.objects.filter(proposal=proposal).count() == 1
