"""Pending and applied decisions: what may change, and applying them together."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cosummit.proposals.models import State
from cosummit.review import decisions
from cosummit.review.models import Decision, DecisionTemplate, Outcome
from tests.review.decision_helpers import convener_of, proposal_of, two_tracks
from tests.review.factories import DecisionFactory, ReviewSettingsFactory

NOW = dt.datetime(2016, 9, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def proposal(summit):
    return proposal_of(summit, None, "Open budgets")


def test_a_new_decision_is_pending_and_says_who_decided(proposal, organiser):
    decision = decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    decision.refresh_from_db()
    assert (decision.outcome, decision.is_pending, decision.decided_by) == (
        Outcome.ACCEPT,
        True,
        organiser,
    )


def test_a_pending_decision_changes_freely(proposal, organiser):
    decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    decisions.set_decision(proposal, outcome=Outcome.REJECT, by=organiser)
    assert list(Decision.objects.values_list("outcome", "applied_at")) == [(Outcome.REJECT, None)]


def test_an_unknown_outcome_is_refused_and_nothing_changes(proposal, organiser):
    decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    with pytest.raises(ValidationError) as refused:
        decisions.set_decision(proposal, outcome="maybe", by=organiser)
    assert refused.value.messages == ["Choose accept, reject or wait-list."]
    assert Decision.objects.get().outcome == Outcome.ACCEPT


@pytest.mark.parametrize("outcome", [Outcome.ACCEPT, Outcome.REJECT])
def test_an_applied_accept_or_reject_is_final(proposal, organiser, outcome):
    DecisionFactory(proposal=proposal, outcome=outcome, applied_at=NOW)
    for other in Outcome.values:
        with pytest.raises(ValidationError) as refused:
            decisions.set_decision(proposal, outcome=other, by=organiser)
        assert "the decision is final" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        decisions.clear_decision(proposal)
    assert refused.value.messages == [
        "This decision was applied already: it can no longer be taken back."
    ]
    assert list(Decision.objects.values_list("outcome", "applied_at")) == [(outcome, NOW)]


def test_an_applied_wait_list_may_become_a_new_pending_acceptance(proposal, organiser):
    DecisionFactory(proposal=proposal, outcome=Outcome.WAITLIST, applied_at=NOW)
    decision = decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    decision.refresh_from_db()
    assert (decision.outcome, decision.applied_at, decision.decided_by) == (
        Outcome.ACCEPT,
        None,
        organiser,
    )


def test_taking_back_a_new_decision_on_a_wait_listed_proposal_puts_it_back_on_the_list(
    proposal, organiser, summit
):
    decisions.set_decision(proposal, outcome=Outcome.WAITLIST, by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    assert decisions.clear_decision(proposal) is True
    assert list(Decision.objects.values_list("outcome", "applied_at")) == [(Outcome.WAITLIST, NOW)]


def test_wait_listing_an_applied_wait_list_again_changes_nothing(proposal, organiser):
    DecisionFactory(proposal=proposal, outcome=Outcome.WAITLIST, applied_at=NOW)
    decisions.set_decision(proposal, outcome=Outcome.WAITLIST, by=organiser)
    assert list(Decision.objects.values_list("outcome", "applied_at")) == [(Outcome.WAITLIST, NOW)]


def test_clearing_takes_a_pending_decision_back(proposal, organiser):
    decisions.set_decision(proposal, outcome=Outcome.ACCEPT, by=organiser)
    assert decisions.clear_decision(proposal) is True
    assert Decision.objects.count() == 0
    assert decisions.clear_decision(proposal) is False


def test_applying_applies_every_pending_decision_together(summit, organiser):
    ReviewSettingsFactory(summit=summit, reply_days=10)
    accepted = proposal_of(summit, None, "Accepted")
    rejected = proposal_of(summit, None, "Rejected")
    waiting = proposal_of(summit, None, "Waiting")
    undecided = proposal_of(summit, None, "Undecided")
    for proposal, outcome in ((accepted, "accept"), (rejected, "reject"), (waiting, "waitlist")):
        decisions.set_decision(proposal, outcome=outcome, by=organiser)

    applied = decisions.apply_decisions(summit, by=organiser, now=NOW)

    assert applied == 3
    assert sorted(Decision.objects.values_list("proposal__title", "applied_at", "reply_by")) == [
        ("Accepted", NOW, NOW + dt.timedelta(days=10)),
        ("Rejected", NOW, None),
        ("Waiting", NOW, None),
    ]
    assert not Decision.objects.filter(proposal=undecided).exists()


def test_applying_again_applies_nothing_more(summit, organiser):
    decisions.set_decision(proposal_of(summit, None, "Accepted"), outcome="accept", by=organiser)
    assert decisions.apply_decisions(summit, by=organiser, now=NOW) == 1
    later = NOW + dt.timedelta(days=1)
    assert decisions.apply_decisions(summit, by=organiser, now=later) == 0
    assert Decision.objects.get().applied_at == NOW


def test_the_reply_deadline_follows_the_default_settings(summit, organiser):
    decisions.set_decision(proposal_of(summit, None, "Accepted"), outcome="accept", by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    assert Decision.objects.get().reply_by == NOW + dt.timedelta(days=14)


def test_a_convener_applies_only_the_decisions_of_their_tracks(summit, organiser):
    cso_day, main = two_tracks(summit)
    convener_of(summit, cso_day)
    mine = proposal_of(summit, cso_day, "Civic tech")
    theirs = proposal_of(summit, main, "Budgets")
    decisions.set_decision(mine, outcome="accept", by=organiser)
    decisions.set_decision(theirs, outcome="accept", by=organiser)

    assert decisions.apply_decisions(summit, by=organiser, scope={cso_day.pk}, now=NOW) == 1

    assert dict(Decision.objects.values_list("proposal__title", "applied_at")) == {
        "Civic tech": NOW,
        "Budgets": None,
    }


def test_a_withdrawn_proposal_keeps_its_pending_decision_unapplied(summit, organiser):
    proposal = proposal_of(summit, None, "Withdrawn later")
    decisions.set_decision(proposal, outcome="accept", by=organiser)
    proposal.state = State.WITHDRAWN
    proposal.save(update_fields=["state"])
    assert decisions.apply_decisions(summit, by=organiser, now=NOW) == 0
    assert Decision.objects.get().applied_at is None


def test_applying_creates_the_default_e_mails_once(summit, organiser):
    decisions.set_decision(proposal_of(summit, None, "First"), outcome="accept", by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    decisions.set_decision(proposal_of(summit, None, "Second"), outcome="reject", by=organiser)
    decisions.apply_decisions(summit, by=organiser, now=NOW)
    templates = DecisionTemplate.objects.filter(summit=summit)
    assert sorted(templates.values_list("outcome", flat=True)) == ["accept", "reject", "waitlist"]
    accept = templates.get(outcome="accept")
    assert sorted(accept.subject) == ["en", "fr"]
    assert accept.subject["en"] == "Your proposal “{title}” is accepted for {summit}"
    assert "{reply_url}" in accept.body["fr"]
