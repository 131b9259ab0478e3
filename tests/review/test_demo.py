"""The demo review, built with the demo summit."""

import pytest

from cosummit.review import queries
from cosummit.review.demo import build_demo_review
from cosummit.review.models import Assignment, Criterion, Decision, Review, ReviewerTeam
from cosummit.summits.demo import build_demo

pytestmark = pytest.mark.django_db


def test_the_demo_review_assigns_every_proposal_twice_and_holds_three_reviews():
    summit = build_demo(password="demo-password").summit
    proposals = list(queries.reviewable_proposals(summit))
    assert Criterion.objects.filter(summit=summit).count() == 4
    assert queries.summit_reviewers(summit).count() == 3
    assert ReviewerTeam.objects.get(summit=summit).can_decide is True
    for proposal in proposals:
        assert Assignment.objects.filter(proposal=proposal).count() == 2
    assert Review.objects.filter(reviewer__summit=summit).count() == 3
    assert list(Decision.objects.values_list("outcome", "applied_at")) == [("accept", None)]


def test_building_the_demo_review_again_changes_nothing():
    summit = build_demo(password="demo-password").summit
    before = (Assignment.objects.count(), Review.objects.count())
    assert build_demo_review(summit) is False
    assert (Assignment.objects.count(), Review.objects.count()) == before
