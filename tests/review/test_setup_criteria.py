"""Organisers set the review's criteria; reviews' totals follow their weights and scales."""

import pytest

from cosummit.review import setup
from cosummit.review.models import Criterion, Review
from tests.review.factories import CriterionFactory, ReviewerFactory, ReviewFactory
from tests.review.organiser_helpers import (
    criterion_data,
    messages_of,
    organise_url,
    organiser_client_fixture,  # noqa: F401
)
from tests.summits.factories_extra import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(summit, review_setup):
    """Two reviews scoring both criteria of `review_setup` (relevance weighs 2, quality 1)."""
    _settings, _phase, (relevance, quality) = review_setup
    reviews = [
        ReviewFactory(
            reviewer=ReviewerFactory(summit=summit),
            scores={str(relevance.pk): relevance_score, str(quality.pk): quality_score},
            total=None,
        )
        for relevance_score, quality_score in ((5, 0), (1, 4))
    ]
    abstention = ReviewFactory(
        reviewer=ReviewerFactory(summit=summit), scores={}, total=None, is_abstained=True
    )
    setup.recompute_totals(summit)
    return relevance, quality, reviews, abstention


def totals(reviews) -> list:
    return [Review.objects.get(pk=review.pk).total for review in reviews]


def test_totals_are_the_weighted_means_of_the_scores(scored):
    _relevance, _quality, reviews, abstention = scored

    # (2 × 5/5 + 1 × 0/5) / 3 and (2 × 1/5 + 1 × 4/5) / 3, out of 100.
    assert totals([*reviews, abstention]) == [66.67, 40.0, None]


def test_an_organiser_adds_a_criterion(organiser_client, summit):
    response = organiser_client.post(organise_url(summit, "criteria/new/"), criterion_data())

    criterion = Criterion.objects.get(summit=summit)
    assert response["Location"] == organise_url(summit, "criteria/")
    assert (dict(criterion.name), criterion.weight, criterion.scale_min, criterion.scale_max) == (
        {"fr": "Co-création", "en": "Co-creation"},
        2,
        0,
        5,
    )


def test_changing_a_weight_recomputes_every_total(organiser_client, summit, scored):
    relevance, _quality, reviews, abstention = scored

    organiser_client.post(
        organise_url(summit, f"criteria/{relevance.pk}/"),
        criterion_data(**translated("name", en="Relevance"), weight="1"),
    )

    # (5/5 + 0/5) / 2 and (1/5 + 4/5) / 2, out of 100.
    assert totals([*reviews, abstention]) == [50.0, 50.0, None]


def test_widening_a_scale_keeps_the_scores_and_recomputes_the_totals(
    organiser_client,
    summit,
    scored,
):
    relevance, _quality, reviews, _abstention = scored

    organiser_client.post(
        organise_url(summit, f"criteria/{relevance.pk}/"),
        criterion_data(weight="2", scale_max="10"),
    )

    # (2 × 5/10 + 0) / 3 and (2 × 1/10 + 4/5) / 3, out of 100.
    assert totals(reviews) == [33.33, 33.33]


def test_a_scale_that_leaves_scores_outside_it_is_refused(
    organiser_client,
    summit,
    scored,
):
    relevance, _quality, reviews, _abstention = scored

    response = organiser_client.post(
        organise_url(summit, f"criteria/{relevance.pk}/"),
        criterion_data(weight="2", scale_min="2", scale_max="5"),
    )

    relevance.refresh_from_db()
    assert response.context["form"].errors == {
        "__all__": [
            "1 reviews hold a score for this criterion outside this scale. "
            "Keep a scale that contains their scores."
        ]
    }
    assert (relevance.scale_min, totals(reviews)) == (0, [66.67, 40.0])


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"scale_max": "0"}, {"scale_max": ["The highest score must be above the lowest."]}),
        ({"scale_min": "6"}, {"scale_max": ["The highest score must be above the lowest."]}),
        ({"weight": "-1"}, {"weight": ["Ensure this value is greater than or equal to 0."]}),
        ({"weight": "101"}, {"weight": ["Ensure this value is less than or equal to 100."]}),
        ({"scale_min": ""}, {"scale_min": ["This field is required."]}),
        (translated("name"), {"name": ["Fill this in, in at least one language."]}),
    ],
)
def test_a_bad_criterion_is_refused_and_nothing_is_saved(
    organiser_client,
    summit,
    overrides,
    errors,
):
    response = organiser_client.post(
        organise_url(summit, "criteria/new/"), criterion_data(**overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Criterion.objects.count() == 0


def test_deleting_a_scored_criterion_says_how_many_reviews_hold_a_score(
    organiser_client,
    summit,
    scored,
):
    _relevance, quality, _reviews, _abstention = scored

    html = organiser_client.get(organise_url(summit, f"criteria/{quality.pk}/delete/")).text

    assert "Delete the criterion “Quality”?" in html
    assert (
        "2 reviews hold a score for this criterion: the scores are deleted and the reviews’ "
        "totals recomputed from the other criteria." in html
    )


def test_deleting_a_criterion_drops_its_scores_and_recomputes_the_totals(
    organiser_client,
    summit,
    scored,
):
    relevance, quality, reviews, abstention = scored

    response = organiser_client.post(
        organise_url(summit, f"criteria/{quality.pk}/delete/"), follow=True
    )

    assert messages_of(response) == [
        "The criterion “Quality” was deleted and the totals recomputed."
    ]
    assert list(Criterion.objects.values_list("pk", flat=True)) == [relevance.pk]
    assert [Review.objects.get(pk=review.pk).scores for review in reviews] == [
        {str(relevance.pk): 5},
        {str(relevance.pk): 1},
    ]
    assert totals([*reviews, abstention]) == [100.0, 20.0, None]


@pytest.mark.parametrize("count", [1, 3])
def test_the_criterion_list_takes_the_same_queries_for_one_criterion_or_three(
    organiser_client,
    summit,
    count,
    django_assert_num_queries,
):
    for _ in range(count):
        CriterionFactory(summit=summit)
    organiser_client.get(organise_url(summit, "criteria/"))

    with django_assert_num_queries(5):
        response = organiser_client.get(organise_url(summit, "criteria/"))

    assert len(response.context["criteria"]) == count
