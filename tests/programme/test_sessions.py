"""Sessions made from confirmed proposals: a copy of the proposal, made once."""

import pytest

from cosummit.programme.domain import create_session_from_proposal
from cosummit.programme.models import Session
from tests.factories import UserFactory
from tests.proposals.factories import (
    ProposalFactory,
    SessionFormatFactory,
    TrackFactory,
    first_format,
)

pytestmark = pytest.mark.django_db


def test_a_session_copies_the_proposal_and_its_speakers(summit):
    track = TrackFactory(summit=summit)
    author, co_speaker = UserFactory(name="Amina"), UserFactory(name="John")
    proposal = ProposalFactory(
        summit=summit,
        author=author,
        speakers=[co_speaker],
        track=track,
        title="Open budgets",
        abstract="How cities publish budgets.",
        language="fr",
        session_language="en",
        duration=60,
        interpretation=["fr"],
        expected_audience=40,
    )
    session = create_session_from_proposal(proposal)
    session.refresh_from_db()
    assert (
        session.summit,
        session.proposal,
        session.title,
        session.abstract,
        session.language,
        session.format,
        session.track,
        session.duration,
        session.interpretation,
        session.expected_audience,
    ) == (
        summit,
        proposal,
        "Open budgets",
        "How cities publish budgets.",
        "en",
        proposal.format,
        track,
        60,
        ["fr"],
        40,
    )
    assert sorted(user.name for user in session.speakers.all()) == ["Amina", "John"]


def test_a_proposal_becomes_a_session_only_once(summit):
    proposal = ProposalFactory(summit=summit)
    first = create_session_from_proposal(proposal)
    proposal.title = "Changed since"
    proposal.save(update_fields=["title"])
    second = create_session_from_proposal(proposal)
    assert (second.pk, Session.objects.count()) == (first.pk, 1)
    assert Session.objects.get().title == first.title


def test_a_session_of_a_fixed_length_format_takes_the_formats_length(summit):
    fixed = SessionFormatFactory(call=first_format(summit).call, min_minutes=45, max_minutes=45)
    proposal = ProposalFactory(summit=summit, format=fixed, duration=None)
    assert create_session_from_proposal(proposal).duration == 45


def test_the_session_language_falls_back_to_the_texts_language(summit):
    proposal = ProposalFactory(summit=summit, language="fr", session_language="")
    assert create_session_from_proposal(proposal).language == "fr"
