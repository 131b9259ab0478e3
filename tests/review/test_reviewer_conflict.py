"""A reviewer declares a conflict of interest: the proposal leaves their queue."""

from cosummit.review.models import Assignment, Conflict, Review
from tests.review.factories import ReviewFactory
from tests.review.reviewer_helpers import (
    conflict_url,
    logged_in,
    proposal_fixture,  # noqa: F401
    proposal_url,
    queue_url,
    reviewer_fixture,  # noqa: F401
    speaker_fixture,  # noqa: F401
)


def test_declaring_a_conflict_records_it_and_empties_the_queue_of_it(summit, reviewer, proposal):
    ReviewFactory(reviewer=reviewer, proposal=proposal)
    client = logged_in(reviewer.user)

    response = client.post(conflict_url(proposal), {"reason": "  I advise this coalition. "})

    assert response.status_code == 302
    assert response["Location"] == queue_url(summit)
    conflict = Conflict.objects.get()
    assert (conflict.reviewer, conflict.proposal, conflict.source, conflict.reason) == (
        reviewer,
        proposal,
        "declared",
        "I advise this coalition.",
    )
    assert Assignment.objects.filter(reviewer=reviewer).count() == 0
    assert Review.objects.count() == 0
    queue = client.get(queue_url(summit))
    assert queue.context["proposals"] == []
    assert (
        "Your conflict of interest is recorded: the proposal left your queue and another "
        "reviewer will take it." in queue.text
    )
    assert client.get(proposal_url(proposal)).status_code == 404


def test_a_conflict_needs_a_reason(reviewer, proposal):
    response = logged_in(reviewer.user).post(conflict_url(proposal), {"reason": "   "})

    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert "Nothing was recorded: please correct the errors below." in response.text
    assert Conflict.objects.count() == 0


def test_a_reason_longer_than_300_characters_is_refused(reviewer, proposal):
    response = logged_in(reviewer.user).post(conflict_url(proposal), {"reason": "x" * 301})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reason": ["Ensure this value has at most 300 characters (it has 301)."]
    }
    assert Conflict.objects.count() == 0


def test_the_conflict_page_asks_for_the_reason_before_recording(reviewer, proposal):
    response = logged_in(reviewer.user).get(conflict_url(proposal))

    assert response.status_code == 200
    assert (
        "You are about to leave “Budgets that citizens read” to other reviewers." in response.text
    )
    assert f'<form method="post" action="{conflict_url(proposal)}" novalidate>' in response.text
    assert Conflict.objects.count() == 0


def test_the_proposal_page_offers_to_declare_a_conflict(reviewer, proposal):
    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert f'<form method="post" action="{conflict_url(proposal)}" novalidate>' in response.text
    assert "Declare a conflict of interest</button>" in response.text
