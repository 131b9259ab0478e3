"""Reviewers' API: their queue, a proposal of it, and writing their review."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.api.domain import create_api_token
from cosummit.review.models import Conflict, Review
from cosummit.summits.models import Role
from tests.api.helpers import bearer
from tests.factories import SummitFactory, TeamMembershipFactory, UserFactory
from tests.proposals.factories import ProposalOrganisationFactory, TrackFactory
from tests.review.conftest import review_setup  # noqa: F401
from tests.review.factories import ReviewerFactory, ReviewerTeamFactory, ReviewFactory
from tests.review.reviewer_helpers import (
    PROPOSAL_ORGANISATION,
    SPEAKER_NAME,
    SPEAKER_ORGANISATION,
    assigned_proposal,
    criteria_fixture,  # noqa: F401
    proposal_fixture,  # noqa: F401
    reviewer_fixture,  # noqa: F401
    speaker_fixture,  # noqa: F401
)

PEOPLE = (SPEAKER_NAME, SPEAKER_ORGANISATION, PROPOSAL_ORGANISATION)


def token_of(user) -> dict:
    _token, raw = create_api_token(user, name="Review script")
    return bearer(raw)


def queue_url(summit) -> str:
    return f"/api/v1/summits/{summit.slug}/review/queue"


def proposal_url(proposal) -> str:
    return f"/api/v1/summits/{proposal.summit.slug}/review/proposals/{proposal.pk}"


def review_url(proposal) -> str:
    return f"{proposal_url(proposal)}/review"


def put(client, proposal, headers, **body):
    return client.put(review_url(proposal), body, content_type="application/json", headers=headers)


@pytest.fixture
def headers(reviewer):
    return token_of(reviewer.user)


# Reading


def test_the_queue_lists_the_reviewer_proposals_with_their_own_review(
    client, reviewer, proposal, headers, criteria
):
    reviewed = assigned_proposal(reviewer, title="Open courts")
    ReviewFactory(
        reviewer=reviewer,
        proposal=reviewed,
        scores={str(criteria[0].pk): 5, str(criteria[1].pk): 5},
        total=100.0,
        comment="Excellent.",
    )

    response = client.get(queue_url(reviewer.summit), headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert [(item["id"], item["title"], item["state"]) for item in body] == [
        (proposal.pk, "Budgets that citizens read", "to_review"),
        (reviewed.pk, "Open courts", "reviewed"),
    ]
    assert body[0]["my_review"] is None
    assert {
        key: body[1]["my_review"][key] for key in ("scores", "total", "comment", "abstained")
    } == {
        "scores": {str(criteria[0].pk): 5, str(criteria[1].pk): 5},
        "total": 100.0,
        "comment": "Excellent.",
        "abstained": False,
    }
    assert body[0]["url"] == f"http://testserver/en/{reviewer.summit.slug}/review/{proposal.pk}/"
    assert body[0]["track"]["slug"] == proposal.track.slug


def test_a_proposal_gives_what_reviewers_read(client, reviewer, headers):
    proposal = assigned_proposal(
        reviewer,
        description="We share **three** lessons.",
        duration=60,
        interpretation=["en"],
        expected_audience=45,
    )

    response = client.get(proposal_url(proposal), headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert {
        key: body[key]
        for key in (
            "description",
            "duration",
            "interpretation",
            "expected_audience",
            "answers",
            "can_score",
            "other_reviews",
            "my_review",
            "state",
        )
    } == {
        "description": "We share **three** lessons.",
        "duration": 60,
        "interpretation": ["en"],
        "expected_audience": 45,
        "answers": [],
        "can_score": True,
        "other_reviews": None,
        "my_review": None,
        "state": "to_review",
    }


def test_other_reviews_come_numbered_without_names_when_the_phase_shows_them(
    client, summit, reviewer, proposal, headers
):
    summit.review_phases.update(other_reviews="always")
    other = ReviewerFactory(summit=summit, user__name="Beatrice Okafor")
    ReviewFactory(reviewer=other, proposal=proposal, comment="Thin on method.", total=40.0)

    response = client.get(proposal_url(proposal), headers=headers)

    [review] = response.json()["other_reviews"]
    assert (review["reviewer"], review["comment"], review["total"]) == (
        "Reviewer 1",
        "Thin on method.",
        40.0,
    )
    assert "Beatrice Okafor" not in response.text


# Blind review


def test_blind_review_sends_no_speaker_name_nor_organisation(
    client, summit, reviewer, proposal, headers
):
    queue = client.get(queue_url(summit), headers=headers)
    detail = client.get(proposal_url(proposal), headers=headers)

    for response in (queue, detail):
        assert [person for person in PEOPLE if person in response.text] == []
    assert (queue.json()[0]["speakers"], queue.json()[0]["organisations"]) == (None, None)
    assert (detail.json()["speakers"], detail.json()["organisations"]) == (None, None)


def test_without_blind_review_speakers_and_organisations_are_sent(
    client, summit, reviewer, proposal, headers
):
    summit.review_settings.is_blind = False
    summit.review_settings.save()

    queue = client.get(queue_url(summit), headers=headers).json()[0]
    detail = client.get(proposal_url(proposal), headers=headers).json()

    for body in (queue, detail):
        assert body["speakers"] == [{"name": SPEAKER_NAME, "organisation": SPEAKER_ORGANISATION}]
        assert body["organisations"] == [
            {"name": PROPOSAL_ORGANISATION, "type": "civil_society", "country": "SN"}
        ]


def test_the_schema_has_no_speaker_field_but_the_nullable_people(client):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    fields = schema["QueueProposalOut"]["properties"]
    assert sorted(fields) == [
        "abstract",
        "co_led",
        "format",
        "id",
        "language",
        "my_review",
        "organisations",
        "other_abstract",
        "other_language",
        "other_title",
        "session_language",
        "speakers",
        "state",
        "title",
        "track",
        "url",
    ]
    assert fields["speakers"]["anyOf"][1] == {"type": "null"}
    assert fields["organisations"]["anyOf"][1] == {"type": "null"}


# Writing


def test_putting_a_review_saves_it_and_answers_with_it(
    client, reviewer, proposal, headers, criteria
):
    response = put(
        client,
        proposal,
        headers,
        scores={str(criteria[0].pk): 5, str(criteria[1].pk): 2},
        comment="Strong.",
    )

    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("scores", "total", "comment", "abstained")} == {
        "scores": {str(criteria[0].pk): 5, str(criteria[1].pk): 2},
        "total": 80.0,
        "comment": "Strong.",
        "abstained": False,
    }
    review = Review.objects.get()
    assert (review.reviewer, review.proposal, review.total) == (reviewer, proposal, 80.0)


def test_putting_again_changes_the_review(client, reviewer, proposal, headers, criteria):
    put(client, proposal, headers, scores={str(c.pk): 5 for c in criteria})

    response = put(client, proposal, headers, abstain=True, comment="Not my field.")

    assert response.status_code == 200
    review = Review.objects.get()
    assert (review.scores, review.total, review.is_abstained, review.comment) == (
        {},
        None,
        True,
        "Not my field.",
    )


@pytest.mark.parametrize(
    ("scores", "messages"),
    [
        ({"first": 6, "second": 2}, ["Scores for “Relevance” go from 0 to 5."]),
        ({"first": 4}, ["Give a score for “Quality”."]),
        (
            {"first": "four", "second": -1},
            ["Give a score for “Relevance”.", "Scores for “Quality” go from 0 to 5."],
        ),
        (
            {"first": "4", "second": 4.5},
            ["Give a score for “Relevance”.", "Give a score for “Quality”."],
        ),
        (
            {"first": True, "second": None},
            ["Give a score for “Relevance”.", "Give a score for “Quality”."],
        ),
    ],
)
def test_bad_scores_are_refused_with_translated_messages(
    client, proposal, headers, criteria, scores, messages
):
    keys = {"first": str(criteria[0].pk), "second": str(criteria[1].pk)}

    response = put(
        client, proposal, headers, scores={keys[name]: value for name, value in scores.items()}
    )

    assert response.status_code == 422
    assert [error["message"] for error in response.json()["errors"]] == messages
    assert Review.objects.count() == 0


def test_bad_scores_are_refused_in_french(client, proposal, headers, criteria):
    response = client.put(
        review_url(proposal),
        {"scores": {str(criteria[0].pk): 9, str(criteria[1].pk): 1}},
        content_type="application/json",
        headers=headers | {"accept-language": "fr"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == f"scores.{criteria[0].pk}"
    assert "Pertinence" in response.json()["errors"][0]["message"]


def test_a_review_in_a_closed_phase_is_refused_with_409(
    client, summit, reviewer, proposal, headers, criteria
):
    summit.review_phases.update(reviewers_can_score=False)

    response = put(client, proposal, headers, scores={str(c.pk): 3 for c in criteria})

    assert response.status_code == 409
    assert response.json() == {"detail": "Reviewing is closed in this phase."}
    assert client.get(proposal_url(proposal), headers=headers).json()["can_score"] is False
    assert Review.objects.count() == 0


def test_a_review_outside_any_phase_is_refused_with_409(
    client, summit, proposal, headers, criteria
):
    summit.review_phases.update(
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=2),
    )

    response = put(client, proposal, headers, scores={str(c.pk): 3 for c in criteria})

    assert response.status_code == 409
    assert Review.objects.count() == 0


def test_a_comment_too_long_is_refused(client, proposal, headers, criteria):
    response = put(
        client, proposal, headers, scores={str(c.pk): 3 for c in criteria}, comment="x" * 5001
    )

    assert response.status_code == 422
    assert Review.objects.count() == 0


# Who may


def test_without_a_token_the_api_asks_for_one(client, proposal):
    assert client.get(queue_url(proposal.summit)).status_code == 401
    assert client.get(proposal_url(proposal)).status_code == 401
    assert client.put(review_url(proposal), {}, content_type="application/json").status_code == 401


@pytest.mark.parametrize("role", [None, Role.MODERATOR, Role.ORGANISER])
def test_people_without_the_reviewer_role_get_not_found(client, proposal, criteria, role):
    user = UserFactory(organisation="Somewhere Else")
    if role is not None:
        TeamMembershipFactory(summit=proposal.summit, user=user, role=role)
    headers = token_of(user)

    queue = client.get(queue_url(proposal.summit), headers=headers)
    detail = client.get(proposal_url(proposal), headers=headers)
    write = put(client, proposal, headers, scores={str(c.pk): 3 for c in criteria})

    assert (queue.status_code, detail.status_code, write.status_code) == (404, 404, 404)
    assert queue.json() == {
        "detail": f"There is no summit “{proposal.summit.slug}” in which you review."
    }
    assert Review.objects.count() == 0


def test_a_reviewer_of_another_summit_gets_not_found(client, proposal):
    headers = token_of(ReviewerFactory(summit=SummitFactory()).user)

    assert client.get(proposal_url(proposal), headers=headers).status_code == 404


def test_an_unassigned_out_of_track_or_conflicted_proposal_gives_not_found(
    client, summit, reviewer, proposal, headers, criteria
):
    unassigned = assigned_proposal(ReviewerFactory(summit=summit))
    conflicted = assigned_proposal(reviewer)
    Conflict.objects.create(reviewer=reviewer, proposal=conflicted, source="declared")

    for other in (unassigned, conflicted):
        response = client.get(proposal_url(other), headers=headers)
        assert response.status_code == 404
        assert response.json() == {
            "detail": f"There is no proposal number {other.pk} in your review queue."
        }
        assert (
            put(client, other, headers, scores={str(c.pk): 3 for c in criteria}).status_code == 404
        )
    ReviewerTeamFactory(summit=summit, tracks=[TrackFactory(summit=summit)], members=[reviewer])
    assert client.get(proposal_url(proposal), headers=headers).status_code == 404
    assert client.get(queue_url(summit), headers=headers).json() == []
    assert Review.objects.count() == 0


# Queries


@pytest.mark.parametrize("is_blind", [True, False])
def test_the_queue_makes_a_constant_number_of_queries(
    client, summit, reviewer, headers, is_blind, django_assert_num_queries
):
    summit.review_settings.is_blind = is_blind
    summit.review_settings.save()
    first = assigned_proposal(reviewer)
    ProposalOrganisationFactory(proposal=first)
    ReviewFactory(reviewer=reviewer, proposal=first)
    # The token's first use is written down: one request before counting.
    client.get(queue_url(summit), headers=headers)
    expected = 15 if is_blind else 17
    with django_assert_num_queries(expected):
        client.get(queue_url(summit), headers=headers)
    for _ in range(2):
        ProposalOrganisationFactory(proposal=assigned_proposal(reviewer))
    with django_assert_num_queries(expected):
        client.get(queue_url(summit), headers=headers)
