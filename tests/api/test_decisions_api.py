"""The decisions API: deciders read, set, clear and apply pending decisions."""

import datetime as dt

import pytest
from django.core import mail

from cosummit.api.domain import create_api_token
from cosummit.core.models import OutboxMessage
from cosummit.review.models import Decision, Outcome
from cosummit.summits.models import Role
from tests.api.helpers import bearer
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.review.decision_helpers import (
    convener_of,
    plain_reviewer_of,
    proposal_of,
    speaker,
    two_tracks,
    use_outbox,
)
from tests.review.factories import DecisionFactory, ReviewerFactory, ReviewFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2016, 9, 1, 10, 0, tzinfo=dt.UTC)


def token_of(user) -> str:
    _token, raw = create_api_token(user, name="Selection script")
    return raw


@pytest.fixture
def tracks(summit):
    return two_tracks(summit)


@pytest.fixture
def proposals(summit, tracks):
    cso_day, main = tracks
    best = proposal_of(summit, cso_day, "Civic tech", author=speaker("Amina Diallo"))
    other = proposal_of(summit, main, "Budgets", author=speaker("John Smith"))
    reviewer = ReviewerFactory(summit=summit)
    ReviewFactory(reviewer=reviewer, proposal=best, total=72.345)
    return best, other


def decisions_url(summit) -> str:
    return f"/api/v1/summits/{summit.slug}/review/decisions"


def decision_url(proposal) -> str:
    return f"/api/v1/summits/{proposal.summit.slug}/review/proposals/{proposal.pk}/decision"


def test_an_organiser_lists_every_proposal_with_scores_and_decision(
    client, organiser, summit, tracks, proposals
):
    best, other = proposals
    DecisionFactory(proposal=other, outcome=Outcome.REJECT, applied_at=NOW)
    response = client.get(decisions_url(summit), headers=bearer(token_of(organiser)))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first, second = body["items"]
    assert first == {
        "proposal": best.pk,
        "title": "Civic tech",
        "track": tracks[0].slug,
        "format": best.format_id,
        "reviews": 1,
        "mean_total": 72.34,
        "decision": None,
    }
    assert second["decision"] == {
        "outcome": "reject",
        "pending": False,
        "decided_at": second["decision"]["decided_at"],
        "applied_at": "2016-09-01T10:00:00+00:00",
        "reply_by": None,
        "reply": "",
        "replied_at": None,
    }
    assert "Amina" not in response.text


def test_a_convener_lists_only_their_tracks(client, summit, tracks, proposals):
    token = token_of(convener_of(summit, tracks[0]))
    body = client.get(decisions_url(summit), headers=bearer(token)).json()
    assert [item["title"] for item in body["items"]] == ["Civic tech"]


def test_the_list_makes_a_constant_number_of_queries(
    client, organiser, summit, tracks, django_assert_num_queries
):
    token = token_of(organiser)
    reviewer = ReviewerFactory(summit=summit)

    def add(title):
        proposal = proposal_of(summit, tracks[0], title)
        ReviewFactory(reviewer=reviewer, proposal=proposal, total=50.0)
        DecisionFactory(proposal=proposal)

    add("First")
    # The first call records the token's use; the calls measured do not.
    client.get(decisions_url(summit), headers=bearer(token))
    with django_assert_num_queries(5):
        client.get(decisions_url(summit), headers=bearer(token))
    add("Second")
    add("Third")
    with django_assert_num_queries(5):
        response = client.get(decisions_url(summit), headers=bearer(token))
    assert response.json()["count"] == 3


def test_put_sets_a_pending_decision(client, organiser, proposals):
    best = proposals[0]
    response = client.put(
        decision_url(best),
        {"outcome": "waitlist"},
        content_type="application/json",
        headers=bearer(token_of(organiser)),
    )
    assert response.status_code == 200
    assert (response.json()["outcome"], response.json()["pending"]) == ("waitlist", True)
    decision = Decision.objects.get()
    assert (decision.proposal, decision.outcome, decision.decided_by) == (
        best,
        "waitlist",
        organiser,
    )


def test_an_unknown_outcome_is_refused(client, organiser, proposals):
    response = client.put(
        decision_url(proposals[0]),
        {"outcome": "maybe"},
        content_type="application/json",
        headers=bearer(token_of(organiser)),
    )
    assert response.status_code == 422
    assert Decision.objects.count() == 0


def test_a_final_decision_is_a_conflict(client, organiser, proposals):
    DecisionFactory(proposal=proposals[0], outcome=Outcome.ACCEPT, applied_at=NOW)
    token = token_of(organiser)
    response = client.put(
        decision_url(proposals[0]),
        {"outcome": "reject"},
        content_type="application/json",
        headers=bearer(token),
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "The speakers were told already that this proposal is accepted: "
        "the decision is final."
    }
    cleared = client.delete(decision_url(proposals[0]), headers=bearer(token))
    assert cleared.status_code == 409
    assert Decision.objects.get().outcome == Outcome.ACCEPT


def test_delete_clears_a_pending_decision(client, organiser, proposals):
    DecisionFactory(proposal=proposals[0], outcome=Outcome.ACCEPT)
    response = client.delete(decision_url(proposals[0]), headers=bearer(token_of(organiser)))
    assert (response.status_code, response.content) == (204, b"")
    assert Decision.objects.count() == 0


def test_a_convener_cannot_decide_outside_their_tracks(client, summit, tracks, proposals):
    token = token_of(convener_of(summit, tracks[0]))
    response = client.put(
        decision_url(proposals[1]),
        {"outcome": "accept"},
        content_type="application/json",
        headers=bearer(token),
    )
    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no proposal number {proposals[1].pk} that you decide on."
    }
    assert Decision.objects.count() == 0


def test_apply_applies_the_pending_decisions_and_holds_the_e_mails(
    client, organiser, summit, proposals, settings
):
    use_outbox(settings)
    for proposal in proposals:
        DecisionFactory(proposal=proposal, outcome=Outcome.ACCEPT)
    response = client.post(f"{decisions_url(summit)}/apply", headers=bearer(token_of(organiser)))
    assert (response.status_code, response.json()) == (200, {"applied": 2})
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"held"}
    assert mail.outbox == []
    assert Decision.objects.filter(applied_at__isnull=True).count() == 0


def test_a_convener_applies_only_their_tracks(client, summit, tracks, proposals):
    for proposal in proposals:
        DecisionFactory(proposal=proposal, outcome=Outcome.REJECT)
    token = token_of(convener_of(summit, tracks[0]))
    response = client.post(f"{decisions_url(summit)}/apply", headers=bearer(token))
    assert response.json() == {"applied": 1}
    assert Decision.objects.get(applied_at__isnull=True).proposal == proposals[1]


@pytest.mark.parametrize("kind", ["participant", "speaker", "reviewer", "other organiser"])
def test_nobody_else_reads_or_decides(client, summit, tracks, proposals, kind):
    users = {
        "participant": UserFactory,
        "speaker": lambda: proposals[0].created_by,
        "reviewer": lambda: plain_reviewer_of(summit),
        "other organiser": lambda: (
            TeamMembershipFactory(summit=SummitFactory(), role=Role.ORGANISER).user
        ),
    }
    headers = bearer(token_of(users[kind]()))
    not_found = {"detail": f"There is no summit “{summit.slug}” whose proposals you decide on."}
    listed = client.get(decisions_url(summit), headers=headers)
    put = client.put(
        decision_url(proposals[0]),
        {"outcome": "accept"},
        content_type="application/json",
        headers=headers,
    )
    deleted = client.delete(decision_url(proposals[0]), headers=headers)
    applied = client.post(f"{decisions_url(summit)}/apply", headers=headers)
    for response in (listed, put, deleted, applied):
        assert (response.status_code, response.json()) == (404, not_found)
    assert Decision.objects.count() == 0


def test_without_a_token_the_api_refuses(client, summit, proposals):
    assert client.get(decisions_url(summit)).status_code == 401
    response = client.put(
        decision_url(proposals[0]), {"outcome": "accept"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert Decision.objects.count() == 0
