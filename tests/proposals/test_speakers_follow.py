"""Speakers follow their proposal: their daily digest tells them of its comments and supports."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cosummit.proposals.discussion import post_comment, send_digests, support_proposal
from cosummit.proposals.domain import ProposalError, submit_proposal
from cosummit.proposals.models import Follow, Invitation, State
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, action_url, ready_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(call, workshop, track):
    author = UserFactory(email="amina@example.org", name="Amina", preferred_language="en")
    proposal = ready_draft(
        call.summit, author=author, format=workshop, track=track, title="Open budgets"
    )
    co_speaker = UserFactory(email="john@example.org", name="John", preferred_language="en")
    proposal.speaker_set.create(user=co_speaker, position=1)
    return proposal


def followers(proposal) -> list[str]:
    return sorted(Follow.objects.filter(proposal=proposal).values_list("user__email", flat=True))


def test_submitting_makes_every_speaker_follow_the_proposal(client, draft):
    client.force_login(draft.created_by)

    client.post(action_url(draft, "submit"))

    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    assert followers(draft) == ["amina@example.org", "john@example.org"]


def test_a_draft_has_no_followers(draft):
    assert followers(draft) == []


def test_a_refused_submission_makes_nobody_follow(client, draft):
    draft.title = ""
    draft.save()

    with pytest.raises(ProposalError):
        submit_proposal(draft, by=draft.created_by)

    assert followers(draft) == []


def test_a_speaker_who_already_follows_keeps_one_follow(draft):
    Follow.objects.create(proposal=draft, user=draft.created_by)

    submit_proposal(draft, by=draft.created_by)

    assert followers(draft) == ["amina@example.org", "john@example.org"]


def test_a_co_speaker_who_accepts_after_submission_follows(client, call, participant):
    proposal = ProposalFactory(summit=call.summit, author=participant, title="Open budgets")
    invitation = Invitation.objects.create(proposal=proposal, email="ama@example.org")
    ama = UserFactory(email="ama@example.org")
    client.force_login(ama)

    client.post(
        f"/en/{call.summit.slug}/proposals/invitations/{invitation.token}/", {"answer": "accept"}
    )

    assert list(Follow.objects.filter(proposal=proposal).values_list("user", flat=True)) == [ama.pk]


def test_a_declined_invitation_makes_nobody_follow(client, call, participant):
    proposal = ProposalFactory(summit=call.summit, author=participant)
    invitation = Invitation.objects.create(proposal=proposal, email="ama@example.org")
    client.force_login(UserFactory(email="ama@example.org"))

    client.post(
        f"/en/{call.summit.slug}/proposals/invitations/{invitation.token}/", {"answer": "decline"}
    )

    assert Follow.objects.filter(proposal=proposal).count() == 0


def test_the_speakers_of_a_submitted_proposal_get_the_digest(client, draft):
    client.force_login(draft.created_by)
    client.post(action_url(draft, "submit"))
    draft.refresh_from_db()
    Follow.objects.filter(proposal=draft).update(created_at=timezone.now() - dt.timedelta(hours=2))
    mail.outbox.clear()
    reader = UserFactory(name="Léa")
    post_comment(draft, by=reader, body="Count me in for the budget workshop.")
    support_proposal(draft, by=reader)

    sent = send_digests(now=timezone.now() + dt.timedelta(seconds=1))

    assert sent == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["amina@example.org", "john@example.org"]
    for message in by_address.values():
        assert "Open budgets" in message.body
        assert "Count me in for the budget workshop." in message.body
