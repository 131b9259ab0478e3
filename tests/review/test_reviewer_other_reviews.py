"""Other reviews are shown as the phase allows, numbered, never with their authors' names."""

import pytest

from tests.review.factories import ReviewerFactory, ReviewFactory
from tests.review.reviewer_helpers import (
    criteria_fixture,  # noqa: F401
    logged_in,
    proposal_fixture,  # noqa: F401
    proposal_url,
    reviewer_fixture,  # noqa: F401
    speaker_fixture,  # noqa: F401
)


@pytest.fixture
def others(summit, proposal, criteria):
    """Two other reviews of `proposal` by named reviewers: one scored, one abstaining."""
    first = ReviewerFactory(summit=summit, user__name="Beatrice Okafor")
    second = ReviewerFactory(summit=summit, user__name="Carlos Mendes")
    ReviewFactory(
        reviewer=first,
        proposal=proposal,
        scores={str(criteria[0].pk): 4, str(criteria[1].pk): 0},
        total=53.33,
        comment="Promising, thin on method.",
    )
    ReviewFactory(reviewer=second, proposal=proposal, is_abstained=True, total=None, comment="")
    return first, second


def set_other_reviews(summit, value: str) -> None:
    summit.review_phases.update(other_reviews=value)


def test_after_own_hides_other_reviews_until_the_reviewer_wrote_theirs(
    summit, reviewer, proposal, others
):
    set_other_reviews(summit, "after_own")
    client = logged_in(reviewer.user)

    before = client.get(proposal_url(proposal))
    ReviewFactory(reviewer=reviewer, proposal=proposal)
    after = client.get(proposal_url(proposal))

    assert before.context["shows_others"] is False
    assert "Promising, thin on method." not in before.text
    assert after.context["shows_others"] is True
    assert [other.label for other in after.context["others"]] == ["Reviewer 1", "Reviewer 2"]


def test_always_shows_other_reviews_numbered_with_scores_and_comments(
    summit, reviewer, proposal, others, criteria
):
    set_other_reviews(summit, "always")

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert '<th scope="row">Reviewer 1</th>' in response.text
    assert "<td>4</td><td>0</td>" in response.text
    assert "<td>53.3</td>" in response.text
    assert "Promising, thin on method." in response.text
    assert '<th scope="row">Reviewer 2</th>' in response.text
    assert '<td colspan="3">Abstained</td>' in response.text


def test_other_reviewers_names_never_appear(summit, reviewer, proposal, others):
    set_other_reviews(summit, "always")
    summit.review_settings.is_blind = False
    summit.review_settings.save()

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert "Beatrice Okafor" not in response.text
    assert "Carlos Mendes" not in response.text
    assert "Review Institute" not in response.text


def test_never_hides_other_reviews_even_after_the_reviewer_wrote_theirs(
    summit, reviewer, proposal, others
):
    set_other_reviews(summit, "never")
    ReviewFactory(reviewer=reviewer, proposal=proposal)

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert response.context["shows_others"] is False
    assert "Other reviews" not in response.text
    assert "Promising, thin on method." not in response.text


def test_the_reviewer_own_review_is_not_among_the_others(summit, reviewer, proposal, others):
    set_other_reviews(summit, "always")
    ReviewFactory(reviewer=reviewer, proposal=proposal, comment="My own words.")

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert [other.review.comment for other in response.context["others"]] == [
        "Promising, thin on method.",
        "",
    ]
