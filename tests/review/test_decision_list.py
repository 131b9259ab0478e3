"""The decision list: proposals in the decider's tracks, their scores and decision."""

import datetime as dt

import pytest

from cosummit.review.models import Outcome
from cosummit.summits.models import Role
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.proposals.factories import ProposalOrganisationFactory
from tests.review.decision_helpers import (
    convener_of,
    list_url,
    plain_reviewer_of,
    proposal_of,
    speaker,
    two_tracks,
)
from tests.review.factories import (
    DecisionFactory,
    ReviewerFactory,
    ReviewFactory,
    ReviewSettingsFactory,
)

NOW = dt.datetime(2016, 9, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def tracks(summit):
    return two_tracks(summit)


@pytest.fixture
def scored(summit, tracks):
    """Two proposals of the CSO Day and one of the main summit, with reviews."""
    cso_day, main = tracks
    best = proposal_of(summit, cso_day, "Civic tech", author=speaker("Amina Diallo"))
    ProposalOrganisationFactory(proposal=best, name="Amina's Network")
    weak = proposal_of(summit, cso_day, "Open data", author=speaker("John Smith"))
    other = proposal_of(summit, main, "Budgets", author=speaker("Grace Hopper"))
    first, second = ReviewerFactory(summit=summit), ReviewerFactory(summit=summit)
    for reviewer, total in ((first, 80.0), (second, 70.0)):
        ReviewFactory(reviewer=reviewer, proposal=best, total=total)
    ReviewFactory(reviewer=first, proposal=weak, total=40.0)
    ReviewFactory(reviewer=second, proposal=weak, total=None, is_abstained=True)
    DecisionFactory(proposal=weak, outcome=Outcome.REJECT)
    DecisionFactory(proposal=other, outcome=Outcome.ACCEPT, applied_at=NOW)
    return best, weak, other


def test_organisers_see_every_proposal_best_first_with_speakers(client, organiser, scored):
    best, weak, other = scored
    client.force_login(organiser)
    response = client.get(list_url(best.summit))
    rows = list(response.context["page"])
    assert rows == [best, weak, other]
    assert [(row.reviews_count, row.mean_total) for row in rows] == [
        (2, 75.0),
        (1, 40.0),
        (0, None),
    ]
    assert response.context["blind"] is False
    assert "Amina Diallo" in response.text
    assert "Amina&#x27;s Network" in response.text
    assert "<td>75.0</td>" in response.text


def test_the_list_counts_pending_decisions_by_outcome(client, organiser, scored):
    client.force_login(organiser)
    response = client.get(list_url(scored[0].summit))
    assert response.context["pending_counts"] == [
        ("accept", "Accept", 0),
        ("reject", "Reject", 1),
        ("waitlist", "Wait-list", 0),
    ]
    assert "Apply 1 pending decision" in response.text


def test_the_decision_of_each_proposal_is_shown(client, organiser, scored):
    client.force_login(organiser)
    response = client.get(list_url(scored[0].summit))
    assert "Reject, pending" in response.text
    assert "Accept, applied" in response.text
    assert "Undecided" in response.text


def test_conveners_see_only_their_tracks_and_no_speaker(client, summit, tracks, scored):
    best, weak, _other = scored
    client.force_login(convener_of(summit, tracks[0]))
    response = client.get(list_url(summit))
    assert list(response.context["page"]) == [best, weak]
    assert response.context["blind"] is True
    body = response.text
    for secret in ("Amina", "Diallo", "Network", "John Smith", "Grace", "Budgets"):
        assert secret not in body
    assert "The review is blind" in body


def test_when_the_review_is_not_blind_conveners_see_speakers(client, summit, tracks, scored):
    ReviewSettingsFactory(summit=summit, is_blind=False)
    client.force_login(convener_of(summit, tracks[0]))
    assert "Amina Diallo" in client.get(list_url(summit)).text


def test_a_convener_of_every_track_sees_every_proposal(client, summit, scored):
    client.force_login(convener_of(summit))
    assert len(client.get(list_url(summit)).context["page"]) == 3


@pytest.mark.parametrize(
    ("state", "outcome", "expected"),
    [
        ("undecided", "", ["Civic tech"]),
        ("pending", "", ["Open data"]),
        ("applied", "", ["Budgets"]),
        ("", "accept", ["Budgets"]),
    ],
)
def test_the_list_filters_by_state_and_outcome(client, organiser, scored, state, outcome, expected):
    client.force_login(organiser)
    response = client.get(list_url(scored[0].summit), {"state": state, "outcome": outcome})
    assert [proposal.title for proposal in response.context["page"]] == expected


def test_the_list_filters_by_track(client, organiser, tracks, scored):
    client.force_login(organiser)
    response = client.get(list_url(scored[0].summit), {"track": tracks[1].pk})
    assert [proposal.title for proposal in response.context["page"]] == ["Budgets"]


def test_bad_filters_are_refused_with_a_message_and_everything_is_listed(client, organiser, scored):
    client.force_login(organiser)
    response = client.get(list_url(scored[0].summit), {"state": "lost", "track": "x'><b>"})
    assert response.status_code == 200
    assert len(response.context["page"]) == 3
    assert "Select a valid choice." in response.text
    assert "<b>" not in response.text.split("<main", 1)[1]


def test_withdrawn_and_draft_proposals_are_not_listed(client, organiser, summit):
    proposal_of(summit, None, "Withdrawn", state="withdrawn")
    proposal_of(summit, None, "Draft", state="draft")
    kept = proposal_of(summit, None, "Submitted")
    client.force_login(organiser)
    assert list(client.get(list_url(summit)).context["page"]) == [kept]


def test_the_rows_offer_only_the_decisions_still_possible(client, organiser, scored):
    best, weak, other = scored
    client.force_login(organiser)
    text = client.get(list_url(best.summit)).text
    assert f'action="/en/{best.summit.slug}/review/decisions/{best.pk}/decide/"' in text
    assert f'action="/en/{best.summit.slug}/review/decisions/{weak.pk}/decide/"' in text
    # The applied acceptance is final: no form for it.
    assert f"/review/decisions/{other.pk}/decide/" not in text


@pytest.mark.parametrize("kind", ["organiser", "convener"])
def test_the_list_makes_a_constant_number_of_queries(
    client, summit, tracks, django_assert_num_queries, kind
):
    user = (
        TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user
        if kind == "organiser"
        else convener_of(summit, tracks[0])
    )
    reviewer = ReviewerFactory(summit=summit)
    client.force_login(user)

    def add_proposal(title):
        proposal = proposal_of(summit, tracks[0], title)
        ProposalOrganisationFactory(proposal=proposal)
        ReviewFactory(reviewer=reviewer, proposal=proposal, total=60.0)
        DecisionFactory(proposal=proposal, outcome=Outcome.ACCEPT)

    add_proposal("First")
    client.get(list_url(summit))  # The convener's reviewer row is created once.
    # Conveners are reviewers: finding their conflicts of interest costs eight more.
    expected = 10 if kind == "organiser" else 21
    with django_assert_num_queries(expected):
        client.get(list_url(summit))
    add_proposal("Second")
    add_proposal("Third")
    with django_assert_num_queries(expected):
        response = client.get(list_url(summit))
    assert len(response.context["page"]) == 3


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("anonymous", 302),
        ("participant", 404),
        ("speaker", 404),
        ("reviewer", 404),
        ("checkin", 404),
        ("other summit's organiser", 404),
        ("organiser", 200),
        ("convener", 200),
    ],
)
def test_only_organisers_and_conveners_reach_the_list(client, summit, tracks, kind, status):
    proposal = proposal_of(summit, tracks[0], "Civic tech")
    users = {
        "participant": lambda: UserFactory(),
        "speaker": lambda: proposal.created_by,
        "reviewer": lambda: plain_reviewer_of(summit, tracks[0]),
        "checkin": lambda: TeamMembershipFactory(summit=summit, role=Role.CHECKIN).user,
        "other summit's organiser": lambda: TeamMembershipFactory(summit=SummitFactory()).user,
        "organiser": lambda: TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user,
        "convener": lambda: convener_of(summit, tracks[0]),
    }
    if kind in users:
        client.force_login(users[kind]())
    assert client.get(list_url(summit)).status_code == status
