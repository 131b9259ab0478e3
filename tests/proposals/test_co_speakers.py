"""Co-speakers: invited by e-mail, they accept or decline, then may edit the proposal."""

import re

import pytest
from django.core import mail

from cosummit.proposals.models import Invitation, Speaker, State
from tests.factories import UserFactory
from tests.proposals.factories import (
    ProposalFactory,
    action_url,
    mine_url,
    step_url,
    text_step_data,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(call, participant):
    return ProposalFactory(
        summit=call.summit, author=participant, state=State.DRAFT, title="Open budgets"
    )


def invite(client, proposal, email):
    client.force_login(proposal.created_by)
    return client.post(action_url(proposal, "speakers/invite"), {"email": email})


def invitation_url(invitation, language="en"):
    return (
        f"/{language}/{invitation.proposal.summit.slug}/proposals/invitations/{invitation.token}/"
    )


def test_inviting_sends_an_email_with_a_link_to_answer(client, proposal):
    response = invite(client, proposal, "Ama@Example.org")

    invitation = Invitation.objects.get()
    assert response["Location"] == step_url(proposal, "speakers")
    assert (invitation.email, invitation.status, invitation.invited_by) == (
        "ama@example.org",
        Invitation.Status.PENDING,
        proposal.created_by,
    )
    [message] = mail.outbox
    assert message.to == ["ama@example.org"]
    assert message.extra_headers["X-Cosummit-Summit"] == proposal.summit.slug
    assert f"/proposals/invitations/{invitation.token}/" in message.body
    assert "«\u00a0Open budgets\u00a0»" in message.body


def test_the_invitation_is_written_in_the_invited_persons_language(client, proposal):
    UserFactory(email="ama@example.org", preferred_language="en")

    invite(client, proposal, "ama@example.org")

    [message] = mail.outbox
    assert re.search(r"https?://[^/]+/en/.+/invitations/", message.body)


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("self", "You cannot invite yourself: you are already a speaker."),
        ("speaker", "is already a speaker of this proposal."),
        ("pending", "has already been invited and has not answered yet."),
        ("not an address", "Enter a valid email address."),
    ],
)
def test_bad_invitations_are_refused_clearly_and_send_nothing(client, proposal, email, message):
    co_speaker = UserFactory(email="kofi@example.org")
    proposal.speaker_set.create(user=co_speaker, position=1)
    Invitation.objects.create(proposal=proposal, email="waiting@example.org")
    address = {
        "self": proposal.created_by.email.upper(),
        "speaker": "kofi@example.org",
        "pending": "waiting@example.org",
    }.get(email, email)

    response = invite(client, proposal, address)

    assert response.status_code == 200
    assert message in response.text
    assert "No invitation was sent: please correct the error below." in response.text
    assert Invitation.objects.count() == 1
    assert mail.outbox == []


def test_invitations_count_against_the_limit_of_co_speakers(client, proposal, call):
    call.max_co_speakers = 2
    call.save()
    proposal.speaker_set.create(user=UserFactory(), position=1)
    Invitation.objects.create(proposal=proposal, email="first@example.org")

    response = invite(client, proposal, "second@example.org")

    assert "A proposal may have at most 2 co-speakers, invitations included." in response.text
    assert Invitation.objects.count() == 1


def test_a_revoked_invitation_frees_its_place(client, proposal, call):
    call.max_co_speakers = 1
    call.save()
    first = Invitation.objects.create(proposal=proposal, email="first@example.org")
    client.force_login(proposal.created_by)

    client.post(action_url(proposal, f"speakers/invitations/{first.pk}/revoke"))
    invite(client, proposal, "second@example.org")

    first.refresh_from_db()
    assert first.status == Invitation.Status.REVOKED
    assert list(Invitation.objects.filter(status="pending").values_list("email", flat=True)) == [
        "second@example.org"
    ]


def test_an_anonymous_visitor_is_asked_to_log_in_or_sign_up(client, proposal):
    invitation = Invitation.objects.create(proposal=proposal, email="ama@example.org")

    response = client.get(invitation_url(invitation))

    assert "Log in, or create an account with the address ama@example.org, to answer." in (
        response.text
    )
    assert f"/en/accounts/signup/?next={invitation_url(invitation)}" in response.text


def test_accepting_makes_a_co_speaker_who_may_edit(client, proposal):
    invitation = Invitation.objects.create(proposal=proposal, email="ama@example.org")
    ama = UserFactory(email="ama@example.org")
    client.force_login(ama)

    response = client.post(invitation_url(invitation), {"answer": "accept"})
    edit = client.post(step_url(proposal, "text"), text_step_data(title="Budgets ouverts"))

    invitation.refresh_from_db()
    proposal.refresh_from_db()
    assert response["Location"] == step_url(proposal, "review")
    assert invitation.status == Invitation.Status.ACCEPTED
    assert list(proposal.speaker_set.values_list("user", "is_author")) == [
        (proposal.created_by_id, True),
        (ama.pk, False),
    ]
    assert edit.status_code == 302
    assert proposal.title == "Budgets ouverts"


def test_declining_adds_no_speaker(client, proposal):
    invitation = Invitation.objects.create(proposal=proposal, email="ama@example.org")
    client.force_login(UserFactory(email="ama@example.org"))

    client.post(invitation_url(invitation), {"answer": "decline"})

    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.DECLINED
    assert proposal.speaker_set.count() == 1


@pytest.mark.parametrize("status", ["accepted", "declined", "revoked"])
def test_an_answered_invitation_cannot_be_accepted(client, proposal, status):
    invitation = Invitation.objects.create(
        proposal=proposal, email="ama@example.org", status=status
    )
    client.force_login(UserFactory(email="ama@example.org"))

    page = client.get(invitation_url(invitation))
    client.post(invitation_url(invitation), {"answer": "accept"})

    assert "This invitation is no longer open" in page.text
    assert proposal.speaker_set.count() == 1


def test_a_speaker_accepting_another_invitation_is_refused_clearly(client, proposal):
    invitation = Invitation.objects.create(proposal=proposal, email="other@example.org")
    client.force_login(proposal.created_by)

    response = client.post(invitation_url(invitation), {"answer": "accept"}, follow=True)

    invitation.refresh_from_db()
    assert "You are already a speaker of this proposal." in response.text
    assert invitation.status == Invitation.Status.PENDING


def test_an_unverified_account_cannot_accept(client, proposal):
    invitation = Invitation.objects.create(proposal=proposal, email="ama@example.org")
    client.force_login(UserFactory(email="ama@example.org", verified=False))

    response = client.post(invitation_url(invitation), {"answer": "accept"})

    assert response.status_code == 403
    assert proposal.speaker_set.count() == 1


def test_an_unknown_token_is_not_found(client, proposal):
    assert client.get(f"/en/{proposal.summit.slug}/proposals/invitations/nope/").status_code == (
        404
    )


def test_the_author_removes_a_co_speaker(client, proposal):
    speaker = proposal.speaker_set.create(user=UserFactory(), position=1)
    client.force_login(proposal.created_by)

    client.post(action_url(proposal, f"speakers/{speaker.pk}/remove"))

    assert list(Speaker.objects.values_list("user", flat=True)) == [proposal.created_by_id]


def test_the_author_cannot_be_removed(client, proposal):
    author = proposal.speaker_set.get()
    co_speaker = proposal.speaker_set.create(user=UserFactory(), position=1).user
    client.force_login(co_speaker)

    response = client.post(action_url(proposal, f"speakers/{author.pk}/remove"))

    assert response.status_code == 403
    assert proposal.speaker_set.count() == 2


def test_a_co_speaker_may_leave(client, proposal):
    speaker = proposal.speaker_set.create(user=UserFactory(), position=1)
    client.force_login(speaker.user)

    response = client.post(action_url(proposal, f"speakers/{speaker.pk}/remove"))

    assert response["Location"] == mine_url(proposal.summit)
    assert proposal.speaker_set.count() == 1


def test_a_co_speaker_cannot_remove_another(client, proposal):
    first = proposal.speaker_set.create(user=UserFactory(), position=1)
    second = proposal.speaker_set.create(user=UserFactory(), position=2)
    client.force_login(first.user)

    client.post(action_url(proposal, f"speakers/{second.pk}/remove"))

    assert proposal.speaker_set.count() == 3


def test_the_speakers_page_lists_speakers_and_pending_invitations(client, proposal):
    proposal.speaker_set.create(user=UserFactory(name="Kofi Mensah"), position=1)
    Invitation.objects.create(proposal=proposal, email="ama@example.org")
    Invitation.objects.create(proposal=proposal, email="gone@example.org", status="revoked")
    client.force_login(proposal.created_by)

    page = client.get(step_url(proposal, "speakers")).text

    assert "Kofi Mensah" in page
    assert "ama@example.org" in page
    assert "gone@example.org" not in page
    assert "You may invite 2 more co-speakers." in page
