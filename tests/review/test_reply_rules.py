"""The rules of a speaker's answer, through the domain function."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cosummit.programme.models import Session
from cosummit.review import decisions
from cosummit.review.models import Decision, Outcome
from tests.factories import SummitFactory
from tests.review.decision_helpers import proposal_of, speaker
from tests.review.factories import DecisionFactory
from tests.threads import outcomes_of

NOW = dt.datetime(2016, 9, 1, 10, 0, tzinfo=dt.UTC)


def accepted_decision(summit, author, **fields):
    fields = {"applied_at": NOW, "reply_by": NOW + dt.timedelta(days=14), **fields}
    return DecisionFactory(
        proposal=proposal_of(summit, None, "Open budgets", author=author),
        outcome=Outcome.ACCEPT,
        **fields,
    )


def test_a_speaker_confirms_before_the_deadline(summit):
    author = speaker("John")
    decision = accepted_decision(summit, author)
    later = NOW + dt.timedelta(days=14)
    decisions.reply_to_decision(decision, user=author, confirm=True, now=later)
    assert (decision.reply, decision.replied_at, decision.replied_by) == (
        Decision.Reply.CONFIRMED,
        later,
        author,
    )
    assert Session.objects.get().proposal == decision.proposal


def test_someone_who_is_not_a_speaker_cannot_answer(summit):
    decision = accepted_decision(summit, speaker("John"))
    with pytest.raises(ValidationError) as refused:
        decisions.reply_to_decision(decision, user=speaker("Mallory"), confirm=True, now=NOW)
    assert refused.value.messages == ["Only the proposal’s speakers may answer."]
    assert (Decision.objects.get().reply, Session.objects.count()) == ("", 0)


def test_one_second_late_is_too_late(summit):
    author = speaker("John")
    decision = accepted_decision(summit, author)
    late = decision.reply_by + dt.timedelta(seconds=1)
    with pytest.raises(ValidationError):
        decisions.reply_to_decision(decision, user=author, confirm=False, now=late)
    assert Decision.objects.get().reply == ""


def test_a_pending_acceptance_cannot_be_answered_yet(summit):
    author = speaker("John")
    decision = accepted_decision(summit, author, applied_at=None)
    with pytest.raises(ValidationError) as refused:
        decisions.reply_to_decision(decision, user=author, confirm=True, now=NOW)
    assert refused.value.messages == ["Only an accepted proposal is confirmed or declined."]


def test_an_answer_cannot_change(summit):
    author = speaker("John")
    decision = accepted_decision(summit, author)
    decisions.reply_to_decision(decision, user=author, confirm=False, now=NOW)
    with pytest.raises(ValidationError) as refused:
        decisions.reply_to_decision(decision, user=author, confirm=True, now=NOW)
    assert refused.value.messages == [
        "This session was declined already; the answer cannot change here."
    ]
    assert (Decision.objects.get().reply, Session.objects.count()) == ("declined", 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("shared_database")
def test_two_speakers_confirming_at_once_make_one_session():
    john, amina = speaker("John"), speaker("Amina")
    decision = DecisionFactory(
        proposal=proposal_of(SummitFactory(), None, "Budgets", author=john, speakers=[amina]),
        outcome=Outcome.ACCEPT,
        applied_at=NOW,
        reply_by=NOW + dt.timedelta(days=14),
    )

    outcomes = outcomes_of(
        [
            lambda user=user: decisions.reply_to_decision(
                decision, user=user, confirm=True, now=NOW
            )
            for user in (john, amina)
        ],
        refused=ValidationError,
    )

    assert outcomes == ["done", "refused"]
    assert Session.objects.count() == 1
