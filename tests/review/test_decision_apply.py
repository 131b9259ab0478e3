"""Applying the pending decisions from the site: a confirmation page, then the held e-mails."""

import pytest
from django.core import mail

from cosummit.core.models import OutboxMessage
from cosummit.review.models import Decision, Outcome
from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory, UserFactory
from tests.review.decision_helpers import (
    convener_of,
    plain_reviewer_of,
    proposal_of,
    speaker,
    two_tracks,
    use_outbox,
)
from tests.review.factories import DecisionFactory


@pytest.fixture(autouse=True)
def outbox(settings):
    use_outbox(settings)


@pytest.fixture
def tracks(summit):
    return two_tracks(summit)


@pytest.fixture
def pending(summit, tracks):
    cso_day, main = tracks
    return (
        DecisionFactory(
            proposal=proposal_of(summit, cso_day, "Civic tech", author=speaker("Amina")),
            outcome=Outcome.ACCEPT,
        ),
        DecisionFactory(
            proposal=proposal_of(summit, main, "Budgets", author=speaker("John")),
            outcome=Outcome.REJECT,
        ),
    )


def apply_url(summit) -> str:
    return f"/en/{summit.slug}/review/decisions/apply/"


def applied():
    """Each proposal's title: whether its decision is applied."""
    return {
        decision.proposal.title: not decision.is_pending
        for decision in Decision.objects.select_related("proposal")
    }


def test_the_confirmation_page_lists_what_will_be_applied_and_applies_nothing(
    client, organiser, summit, pending
):
    client.force_login(organiser)
    response = client.get(apply_url(summit))
    assert [decision.proposal.title for decision in response.context["pending"]] == [
        "Civic tech",
        "Budgets",
    ]
    assert "Apply these 2 decisions" in response.text
    assert applied() == {"Civic tech": False, "Budgets": False}
    assert OutboxMessage.objects.count() == 0


def test_an_organiser_applies_and_lands_on_the_held_e_mails(client, organiser, summit, pending):
    client.force_login(organiser)
    signature = client.get(apply_url(summit)).context["signature"]
    response = client.post(apply_url(summit), {"signature": signature}, follow=True)
    outbox_url = f"/en/organise/{summit.slug}/outbox/?status=held"
    assert response.redirect_chain == [(outbox_url, 302)]
    assert (
        "2 decisions applied. Their e-mails are held below: read them, then send them."
    ) in response.text
    assert applied() == {"Civic tech": True, "Budgets": True}
    assert sorted(OutboxMessage.objects.values_list("to", "status")) == [
        (["amina@example.org"], "held"),
        (["john@example.org"], "held"),
    ]
    assert mail.outbox == []
    assert [message.to for message in response.context["page"]] == [
        ["john@example.org"],
        ["amina@example.org"],
    ]


def test_a_convener_applies_their_tracks_and_the_e_mails_wait_for_the_organisers(
    client, summit, tracks, pending
):
    client.force_login(convener_of(summit, tracks[0]))
    page = client.get(apply_url(summit))
    assert [decision.proposal.title for decision in page.context["pending"]] == ["Civic tech"]
    response = client.post(apply_url(summit), {"signature": page.context["signature"]}, follow=True)
    assert response.redirect_chain == [(f"/en/{summit.slug}/review/decisions/", 302)]
    assert (
        "1 decision applied. Its e-mails are held for the organisers to check and send."
    ) in response.text
    assert applied() == {"Civic tech": True, "Budgets": False}
    assert list(OutboxMessage.objects.values_list("to", "status")) == [
        (["amina@example.org"], "held")
    ]


def test_decisions_changed_since_the_confirmation_page_are_not_applied(
    client, organiser, summit, pending
):
    client.force_login(organiser)
    signature = client.get(apply_url(summit)).context["signature"]
    Decision.objects.filter(pk=pending[1].pk).update(outcome=Outcome.ACCEPT)
    response = client.post(apply_url(summit), {"signature": signature})
    assert response.status_code == 409
    assert "The pending decisions changed since you looked at them" in response.text
    assert applied() == {"Civic tech": False, "Budgets": False}
    assert OutboxMessage.objects.count() == 0


def test_a_forged_confirmation_applies_nothing(client, organiser, summit, pending):
    client.force_login(organiser)
    assert client.post(apply_url(summit)).status_code == 409
    assert applied() == {"Civic tech": False, "Budgets": False}


def test_with_nothing_pending_the_page_says_so(client, organiser, summit):
    client.force_login(organiser)
    response = client.get(apply_url(summit))
    assert "There is no pending decision to apply." in response.text
    assert "Apply these" not in response.text


def test_the_confirmation_page_is_blind_for_conveners(client, summit, tracks, pending):
    client.force_login(convener_of(summit, tracks[0]))
    text = client.get(apply_url(summit)).text
    assert "Amina" not in text


@pytest.mark.parametrize("kind", ["anonymous", "participant", "reviewer", "checkin"])
def test_nobody_else_applies(client, summit, tracks, pending, kind):
    users = {
        "participant": UserFactory,
        "reviewer": lambda: plain_reviewer_of(summit),
        "checkin": lambda: TeamMembershipFactory(summit=summit, role=Role.CHECKIN).user,
    }
    if kind in users:
        client.force_login(users[kind]())
    expected = 302 if kind == "anonymous" else 404
    assert client.get(apply_url(summit)).status_code == expected
    assert client.post(apply_url(summit), {"signature": ""}).status_code == expected
    assert applied() == {"Civic tech": False, "Budgets": False}
