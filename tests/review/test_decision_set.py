"""Setting pending decisions from the list: one proposal at a time, or several ticked."""

import datetime as dt

import pytest

from cosummit.review.models import Decision, Outcome
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.review.decision_helpers import (
    convener_of,
    decide_url,
    list_url,
    plain_reviewer_of,
    proposal_of,
    two_tracks,
)
from tests.review.factories import DecisionFactory

NOW = dt.datetime(2016, 9, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def tracks(summit):
    return two_tracks(summit)


@pytest.fixture
def proposals(summit, tracks):
    cso_day, main = tracks
    return (
        proposal_of(summit, cso_day, "Civic tech"),
        proposal_of(summit, cso_day, "Open data"),
        proposal_of(summit, main, "Budgets"),
    )


def bulk_url(summit) -> str:
    return f"/en/{summit.slug}/review/decisions/bulk/"


def decided():
    return dict(Decision.objects.values_list("proposal__title", "outcome"))


def test_an_organiser_sets_a_pending_decision_and_comes_back_to_the_list(
    client, organiser, proposals
):
    proposal = proposals[0]
    client.force_login(organiser)
    back = list_url(proposal.summit) + "?state=undecided"
    response = client.post(decide_url(proposal), {"outcome": "accept", "next": back}, follow=True)
    assert response.redirect_chain == [(back, 302)]
    assert "“Civic tech”: accept, pending." in response.text
    decision = Decision.objects.get()
    assert (decision.outcome, decision.is_pending, decision.decided_by) == (
        Outcome.ACCEPT,
        True,
        organiser,
    )


def test_clearing_makes_the_proposal_undecided_again(client, organiser, proposals):
    DecisionFactory(proposal=proposals[0], outcome=Outcome.REJECT)
    client.force_login(organiser)
    response = client.post(decide_url(proposals[0]), {"outcome": "clear"}, follow=True)
    assert "“Civic tech” is undecided again." in response.text
    assert decided() == {}


def test_an_unknown_outcome_changes_nothing(client, organiser, proposals):
    DecisionFactory(proposal=proposals[0], outcome=Outcome.REJECT)
    client.force_login(organiser)
    response = client.post(decide_url(proposals[0]), {"outcome": "maybe"}, follow=True)
    assert "Choose accept, reject, wait-list or undecided." in response.text
    assert decided() == {"Civic tech": Outcome.REJECT}


def test_a_final_decision_is_refused_with_its_reason(client, organiser, proposals):
    DecisionFactory(proposal=proposals[0], outcome=Outcome.ACCEPT, applied_at=NOW)
    client.force_login(organiser)
    response = client.post(decide_url(proposals[0]), {"outcome": "reject"}, follow=True)
    assert (
        "The speakers were told already that this proposal is accepted: the decision is final."
    ) in response.text
    assert decided() == {"Civic tech": Outcome.ACCEPT}


def test_an_address_outside_the_site_is_not_followed(client, organiser, proposals):
    client.force_login(organiser)
    response = client.post(
        decide_url(proposals[0]), {"outcome": "accept", "next": "https://evil.example/"}
    )
    assert response["Location"] == list_url(proposals[0].summit)


def test_deciding_only_answers_post(client, organiser, proposals):
    client.force_login(organiser)
    assert client.get(decide_url(proposals[0]), {"outcome": "accept"}).status_code == 405
    assert decided() == {}


def test_a_convener_decides_in_their_track_only(client, summit, tracks, proposals):
    client.force_login(convener_of(summit, tracks[0]))
    assert client.post(decide_url(proposals[0]), {"outcome": "accept"}).status_code == 302
    assert client.post(decide_url(proposals[2]), {"outcome": "accept"}).status_code == 404
    assert decided() == {"Civic tech": Outcome.ACCEPT}


@pytest.mark.parametrize("kind", ["anonymous", "participant", "speaker", "reviewer", "other"])
def test_nobody_else_decides(client, summit, tracks, proposals, kind):
    proposal = proposals[0]
    users = {
        "participant": UserFactory,
        "speaker": lambda: proposal.created_by,
        "reviewer": lambda: plain_reviewer_of(summit, tracks[0]),
        "other": lambda: TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user,
    }
    if kind in users:
        client.force_login(users[kind]())
    response = client.post(decide_url(proposal), {"outcome": "accept"})
    assert response.status_code == (302 if kind == "anonymous" else 404)
    bulk = client.post(bulk_url(summit), {"proposals": [proposal.pk], "outcome": "accept"})
    assert bulk.status_code == (302 if kind == "anonymous" else 404)
    assert decided() == {}


def test_a_decision_on_another_summits_proposal_is_not_found(client, organiser, summit):
    elsewhere = proposal_of(SummitFactory(), None, "Elsewhere")
    client.force_login(organiser)
    url = f"/en/{summit.slug}/review/decisions/{elsewhere.pk}/decide/"
    assert client.post(url, {"outcome": "accept"}).status_code == 404
    assert decided() == {}


def test_several_ticked_proposals_get_the_same_decision(client, organiser, summit, proposals):
    client.force_login(organiser)
    response = client.post(
        bulk_url(summit),
        {"proposals": [proposals[0].pk, proposals[2].pk], "outcome": "waitlist"},
        follow=True,
    )
    assert "2 proposals changed." in response.text
    assert decided() == {"Civic tech": Outcome.WAITLIST, "Budgets": Outcome.WAITLIST}


def test_several_ticked_proposals_can_be_cleared(client, organiser, summit, proposals):
    for proposal in proposals:
        DecisionFactory(proposal=proposal, outcome=Outcome.ACCEPT)
    client.force_login(organiser)
    client.post(bulk_url(summit), {"proposals": [proposals[0].pk], "outcome": "clear"})
    assert decided() == {"Open data": Outcome.ACCEPT, "Budgets": Outcome.ACCEPT}


def test_one_final_decision_among_the_ticked_changes_none_of_them(
    client, organiser, summit, proposals
):
    DecisionFactory(proposal=proposals[1], outcome=Outcome.REJECT, applied_at=NOW)
    client.force_login(organiser)
    response = client.post(
        bulk_url(summit),
        {"proposals": [proposal.pk for proposal in proposals], "outcome": "accept"},
        follow=True,
    )
    assert "Nothing was changed. “Open data”: The speakers were told already" in response.text
    assert decided() == {"Open data": Outcome.REJECT}


def test_nothing_ticked_is_refused(client, organiser, summit, proposals):
    client.force_login(organiser)
    response = client.post(bulk_url(summit), {"outcome": "accept"}, follow=True)
    assert "Tick at least one proposal." in response.text
    assert decided() == {}


def test_a_convener_cannot_tick_a_proposal_of_another_track(client, summit, tracks, proposals):
    client.force_login(convener_of(summit, tracks[0]))
    response = client.post(
        bulk_url(summit),
        {"proposals": [proposals[0].pk, proposals[2].pk], "outcome": "accept"},
        follow=True,
    )
    assert f"Select a valid choice. {proposals[2].pk} is not one of the available choices." in (
        response.text
    )
    assert decided() == {}


def test_bad_bulk_input_is_refused(client, organiser, summit, proposals):
    client.force_login(organiser)
    response = client.post(
        bulk_url(summit),
        {"proposals": ["x", proposals[0].pk], "outcome": "everything"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Select a valid choice. everything is not one of the available choices." in (
        response.text
    )
    assert decided() == {}
