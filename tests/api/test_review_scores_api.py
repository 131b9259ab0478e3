import pytest

from cosummit.api.domain import create_api_token
from tests.api.helpers import bearer
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory
from tests.review.factories import (
    CriterionFactory,
    DecisionFactory,
    ReviewerFactory,
    ReviewerTeamFactory,
    ReviewFactory,
    ReviewSettingsFactory,
)
from tests.review.table_examples import build_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def criteria(summit):
    """The criteria of tests/review/conftest.py's `review_setup`, with its settings."""
    ReviewSettingsFactory(summit=summit)
    return [
        CriterionFactory(summit=summit, weight=2, name={"fr": "Pertinence", "en": "Relevance"}),
        CriterionFactory(summit=summit, weight=1, name={"fr": "Qualité", "en": "Quality"}),
    ]


@pytest.fixture
def example(summit, criteria):
    return build_example(summit, criteria)


@pytest.fixture
def convener(summit, example):
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(
        summit=summit, can_decide=True, tracks=[example.track_a], members=[reviewer]
    )
    return reviewer.user


def token_of(user) -> dict:
    _token, raw = create_api_token(user, name="Review script")
    return bearer(raw)


def scores_url(summit) -> str:
    return f"/api/v1/summits/{summit.slug}/review/scores"


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def test_organiser_gets_every_proposal_with_its_figures(
    client, summit, example, organiser, criteria
):
    relevance, quality = criteria

    response = client.get(scores_url(summit), headers=token_of(organiser))

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], titles(response)) == (
        3,
        ["Civic tech in cities", "Open budgets", "Lobbying registers"],
    )
    assert body["items"][1] == {
        "id": example.open_budgets.pk,
        "title": "Open budgets",
        "format": example.open_budgets.format_id,
        "track": "open-data",
        "language": "fr",
        "led_by": "government",
        "speakers": ["Amina Diallo"],
        "organisations": ["Ville de Nantes", "Budget Watch"],
        "reviews": 3,
        "reviews_wanted": 2,
        "abstentions": 1,
        "criteria": [
            {"criterion": relevance.pk, "mean": 4.0},
            {"criterion": quality.pk, "mean": 2.33},
        ],
        "mean": 63.33,
        "weighted": 68.89,
        "median": 66.67,
        "spread": 60.0,
        "disagreement": True,
        "decision": "accept",
        "decision_state": "pending",
    }
    assert body["items"][2]["weighted"] is None
    assert body["items"][0]["led_by"] == "co_led"


def test_convener_gets_their_tracks_without_names_when_blind(client, summit, example, convener):
    response = client.get(scores_url(summit), headers=token_of(convener))

    assert titles(response) == ["Open budgets", "Lobbying registers"]
    assert [(item["speakers"], item["organisations"]) for item in response.json()["items"]] == [
        (None, None),
        (None, None),
    ]
    for name in ("Amina Diallo", "Ville de Nantes", "Transparency Now"):
        assert name not in response.content.decode()


def test_participant_gets_404(client, summit, example, participant):
    response = client.get(scores_url(summit), headers=token_of(participant))

    assert response.status_code == 404
    assert response.json() == {
        "detail": f"There is no summit “{summit.slug}” whose proposals you decide on."
    }


def test_reviewer_who_does_not_convene_gets_404(client, summit, example):
    reviewer = ReviewerFactory(summit=summit)

    response = client.get(scores_url(summit), headers=token_of(reviewer.user))

    assert response.status_code == 404


def test_request_without_a_token_is_refused(client, summit, example):
    assert client.get(scores_url(summit)).status_code == 401


def test_filters_by_track_and_format(client, summit, example, organiser):
    headers = token_of(organiser)

    by_track = client.get(scores_url(summit), {"track": "open-data"}, headers=headers)
    by_format = client.get(scores_url(summit), {"format": example.pitch.pk}, headers=headers)
    unknown = client.get(scores_url(summit), {"track": "nope"}, headers=headers)

    assert titles(by_track) == ["Open budgets", "Lobbying registers"]
    assert titles(by_format) == ["Civic tech in cities"]
    assert (unknown.status_code, titles(unknown)) == (200, [])


def test_filters_by_disagreement_and_missing_reviews(client, summit, example, organiser):
    headers = token_of(organiser)

    disagreeing = client.get(scores_url(summit), {"disagreement": "true"}, headers=headers)
    incomplete = client.get(scores_url(summit), {"incomplete": "true"}, headers=headers)

    assert titles(disagreeing) == ["Open budgets"]
    assert titles(incomplete) == ["Civic tech in cities", "Lobbying registers"]


def test_sorts_by_title(client, summit, example, organiser):
    response = client.get(scores_url(summit), {"sort": "-title"}, headers=token_of(organiser))

    assert titles(response) == ["Open budgets", "Lobbying registers", "Civic tech in cities"]


def test_unknown_sort_is_refused_with_the_known_ones(client, summit, example, organiser, criteria):
    relevance, quality = criteria

    response = client.get(scores_url(summit), {"sort": "bogus"}, headers=token_of(organiser))

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Sort by one of: title, reviews, abstentions, mean, weighted, median, spread, "
        f"criterion-{relevance.pk}, criterion-{quality.pk}, with a leading “-” to sort "
        "from the highest."
    )


def test_pages_the_rows(client, summit, example, organiser):
    response = client.get(
        scores_url(summit), {"limit": 1, "offset": 1}, headers=token_of(organiser)
    )

    body = response.json()
    assert (body["count"], titles(response)) == (3, ["Open budgets"])
    assert body["next"] == f"http://testserver{scores_url(summit)}?limit=1&offset=2"
    assert body["previous"] == f"http://testserver{scores_url(summit)}?limit=1&offset=0"


@pytest.mark.parametrize("count", [1, 3])
def test_list_makes_a_constant_number_of_queries(
    client, summit, organiser, criteria, django_assert_num_queries, count
):
    relevance, quality = criteria
    for number in range(count):
        proposal = ProposalFactory(summit=summit, title=f"Proposal {number}")
        ProposalOrganisationFactory(proposal=proposal)
        ReviewFactory(
            reviewer=ReviewerFactory(summit=summit),
            proposal=proposal,
            scores={str(relevance.pk): 3, str(quality.pk): 4},
            total=66.67,
        )
        DecisionFactory(proposal=proposal)
    headers = token_of(organiser)
    client.get(scores_url(summit), headers=headers)

    # Token with its owner (its use was recorded a moment ago); summit, roles; settings,
    # criteria, tracks, formats, proposals, organisations, speakers, reviews, decisions.
    with django_assert_num_queries(12):
        response = client.get(scores_url(summit), headers=headers)

    assert response.json()["count"] == count
