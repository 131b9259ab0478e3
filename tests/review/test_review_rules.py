"""Writing a review: scores within scales, weighted totals, phases."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cosummit.review import domain
from cosummit.review.models import Review
from tests.proposals.factories import ProposalFactory
from tests.review.factories import AssignmentFactory, ReviewerFactory


@pytest.fixture
def assigned(summit, review_setup):
    reviewer = ReviewerFactory(summit=summit)
    proposal = ProposalFactory(summit=summit)
    AssignmentFactory(reviewer=reviewer, proposal=proposal)
    return reviewer, proposal


def test_the_total_is_the_weighted_mean_of_scaled_scores(summit, review_setup, assigned):
    _settings, _phase, (relevance, quality) = review_setup
    reviewer, proposal = assigned
    review = domain.submit_review(
        reviewer, proposal, scores={str(relevance.pk): "5", str(quality.pk): 2}, comment=" Good "
    )
    # (2 × 5/5 + 1 × 2/5) / 3 = 0.8
    assert (review.scores, review.total, review.comment) == (
        {str(relevance.pk): 5, str(quality.pk): 2},
        80.0,
        "Good",
    )


def test_submitting_again_changes_the_same_review(summit, review_setup, assigned):
    _settings, _phase, (relevance, quality) = review_setup
    reviewer, proposal = assigned
    domain.submit_review(reviewer, proposal, scores={str(relevance.pk): 0, str(quality.pk): 0})
    domain.submit_review(reviewer, proposal, scores={str(relevance.pk): 5, str(quality.pk): 5})
    assert list(Review.objects.values_list("total", flat=True)) == [100.0]


def test_an_abstention_has_no_scores_and_no_total(summit, review_setup, assigned):
    reviewer, proposal = assigned
    review = domain.submit_review(reviewer, proposal, scores={}, abstain=True)
    assert (review.scores, review.total, review.is_abstained) == ({}, None, True)


def test_a_score_out_of_its_scale_is_refused_and_nothing_is_saved(summit, review_setup, assigned):
    _settings, _phase, (relevance, quality) = review_setup
    reviewer, proposal = assigned
    with pytest.raises(ValidationError) as refused:
        domain.submit_review(
            reviewer, proposal, scores={str(relevance.pk): 6, str(quality.pk): "x"}
        )
    assert refused.value.message_dict == {
        str(relevance.pk): ["Scores for “Relevance” go from 0 to 5."],
        str(quality.pk): ["Give a score for “Quality”."],
    }
    assert Review.objects.count() == 0


def test_no_review_is_written_outside_a_phase_that_lets_reviewers_score(
    summit, review_setup, assigned
):
    _settings, phase, (relevance, quality) = review_setup
    reviewer, proposal = assigned
    phase.ends_at = timezone.now() - dt.timedelta(minutes=1)
    phase.starts_at = phase.ends_at - dt.timedelta(days=1)
    phase.save()
    with pytest.raises(ValidationError) as refused:
        domain.submit_review(reviewer, proposal, scores={str(relevance.pk): 1, str(quality.pk): 1})
    assert refused.value.messages == ["Reviewing is closed in this phase."]


def test_summaries_give_mean_median_and_spread():
    summary = domain.summarise([20.0, 50.0, 90.0])
    assert (summary.count, summary.mean, summary.median, summary.spread) == (3, 53.33, 50.0, 70.0)
    assert summary.disagrees(30) is True
    assert domain.summarise([]).disagrees(30) is False
