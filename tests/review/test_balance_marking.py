"""Marking the proposed selection as pending accepts: all or nothing, within scope."""

import pytest

from cosummit.review.models import Decision, Outcome
from tests.factories import SummitFactory
from tests.review.balance_examples import (
    accept_url,
    applied,
    call_with,
    convener_of,
    pending,
    proposal_with,
)


@pytest.fixture
def tracks(summit):
    _formats, tracks = call_with(summit, tracks=2)
    return tracks


def decisions() -> list[tuple[str, str, bool]]:
    return sorted(
        (decision.proposal.title, decision.outcome, decision.is_pending)
        for decision in Decision.objects.select_related("proposal")
    )


def test_organisers_make_pending_accepts_of_the_proposed_proposals(
    client, summit, organiser, tracks
):
    first = proposal_with(summit, title="First", track=tracks[0])
    second = proposal_with(summit, title="Second", track=tracks[1])
    pending(second, Outcome.REJECT)
    proposal_with(summit, title="Left alone", track=tracks[1])
    client.force_login(organiser)

    response = client.post(
        accept_url(summit), {"proposal": [first.pk, second.pk], "query": "time_limit=10"}
    )

    assert decisions() == [("First", "accept", True), ("Second", "accept", True)]
    assert set(Decision.objects.values_list("decided_by", flat=True)) == {organiser.pk}
    assert (response.status_code, response["Location"]) == (
        302,
        f"/en/{summit.slug}/review/decisions/",
    )
    follow = client.get(response["Location"])
    assert "2 proposals are now pending accepts." in follow.content.decode()


def test_a_convener_cannot_mark_a_proposal_of_another_track(client, summit, tracks):
    mine = proposal_with(summit, title="Mine", track=tracks[0])
    theirs = proposal_with(summit, title="Theirs", track=tracks[1])
    client.force_login(convener_of(summit, [tracks[0]]))

    response = client.post(accept_url(summit), {"proposal": [mine.pk, theirs.pk]})

    assert (response.status_code, decisions()) == (404, [])


def test_a_convener_marks_the_proposals_of_their_track(client, summit, tracks):
    mine = proposal_with(summit, title="Mine", track=tracks[0])
    client.force_login(convener_of(summit, [tracks[0]]))

    client.post(accept_url(summit), {"proposal": [mine.pk]})

    assert decisions() == [("Mine", "accept", True)]


def test_an_announced_rejection_stops_the_whole_marking(client, summit, organiser, tracks):
    fresh = proposal_with(summit, title="Fresh", track=tracks[0])
    told = proposal_with(summit, title="Told", track=tracks[0])
    applied(told, Outcome.REJECT)
    client.force_login(organiser)

    response = client.post(
        accept_url(summit), {"proposal": [fresh.pk, told.pk], "query": "time_limit=10"}, follow=True
    )

    assert decisions() == [("Told", "reject", False)]
    assert "the decision is final" in response.content.decode()
    assert response.redirect_chain[0][0].endswith("/review/balance/selection/?time_limit=10")


def test_a_wait_listed_proposal_becomes_a_pending_accept(client, summit, organiser, tracks):
    waiting = proposal_with(summit, title="Waiting", track=tracks[0])
    applied(waiting, Outcome.WAITLIST)
    client.force_login(organiser)

    client.post(accept_url(summit), {"proposal": [waiting.pk]})

    assert decisions() == [("Waiting", "accept", True)]


@pytest.mark.parametrize("values", [[], ["one"], ["1", "x"]])
def test_a_marking_without_valid_proposals_is_refused(client, summit, organiser, tracks, values):
    proposal_with(summit, track=tracks[0])
    client.force_login(organiser)

    response = client.post(accept_url(summit), {"proposal": values}, follow=True)

    assert decisions() == []
    assert "Choose the proposals to mark as pending accept." in response.content.decode()


def test_marking_is_a_post(client, summit, organiser):
    client.force_login(organiser)

    assert client.get(accept_url(summit)).status_code == 405


def test_people_who_do_not_decide_cannot_mark(client, summit, participant, tracks):
    proposal = proposal_with(summit, track=tracks[0])
    client.force_login(participant)

    response = client.post(accept_url(summit), {"proposal": [proposal.pk]})

    assert (response.status_code, decisions()) == (404, [])


def test_a_proposal_of_another_summit_is_not_found(client, summit, organiser, tracks):
    elsewhere = proposal_with(SummitFactory(), title="Elsewhere")
    client.force_login(organiser)

    response = client.post(accept_url(summit), {"proposal": [elsewhere.pk]})

    assert (response.status_code, decisions()) == (404, [])
