"""A reviewer reads a proposal of their queue and scores it, abstains, or moves to the next."""

import datetime as dt

from django.utils import timezone

from cosummit.proposals.models import ProposalQuestion
from cosummit.review.models import Review
from tests.proposals.factories import CallFactory
from tests.review.factories import CriterionFactory, ReviewerFactory, ReviewFactory
from tests.review.reviewer_helpers import (
    assigned_proposal,
    criteria_fixture,  # noqa: F401
    logged_in,
    proposal_fixture,  # noqa: F401
    proposal_url,
    queue_url,
    reviewer_fixture,  # noqa: F401
    scores_data,
    speaker_fixture,  # noqa: F401
)


def test_the_page_shows_what_reviewers_need_to_judge_the_proposal(summit, reviewer, criteria):
    proposal = assigned_proposal(
        reviewer,
        title="Budgets that citizens read",
        abstract="Three cities, one method.",
        description="We share **three** lessons.",
        duration=60,
        session_language="fr",
        interpretation=["en", "es"],
        expected_audience=45,
        audience_description="Mayors and journalists",
    )

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert response.status_code == 200
    assert '<h1 id="proposal-title" lang="en">Budgets that citizens read</h1>' in response.text
    assert "Three cities, one method." in response.text
    assert "<p>We share <strong>three</strong> lessons.</p>" in response.text
    assert "<dt>Duration</dt><dd>60 minutes</dd>" in response.text
    assert "<dt>Session language</dt><dd>French</dd>" in response.text
    assert "<dt>Interpretation needed into</dt><dd>English, Spanish</dd>" in response.text
    assert "<dt>Expected audience</dt><dd>45 people</dd>" in response.text
    assert "<dt>Who should come</dt><dd>Mayors and journalists</dd>" in response.text


def test_the_page_shows_the_answers_to_the_call_questions(summit, reviewer):
    call = CallFactory(summit=summit)
    question = ProposalQuestion.objects.create(
        call=call, kind="long_text", label={"en": "What will people take home?"}
    )
    proposal = assigned_proposal(reviewer, answers={str(question.pk): "A checklist."})

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert response.context["answers"] == [(question, "A checklist.")]
    assert '<dt><span lang="en">What will people take home?</span></dt><dd>A checklist.</dd>' in (
        response.text
    )


def test_each_criterion_is_a_choice_within_its_scale_with_its_description(summit, reviewer):
    CriterionFactory(
        summit=summit,
        name={"en": "Co-creation"},
        description={"en": "Government and civil society **together**."},
        scale_min=1,
        scale_max=3,
    )
    proposal = assigned_proposal(reviewer)

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    field = response.context["form"].fields[f"criterion_{summit.review_criteria.last().pk}"]
    assert [value for value, _label in field.choices] == [1, 2, 3]
    assert field.help_text == "From 1 to 3, weight 1."
    assert "Government and civil society <strong>together</strong>." in response.text


def test_a_long_scale_is_a_number_field(summit, reviewer):
    criterion = CriterionFactory(summit=summit, scale_min=0, scale_max=100)
    proposal = assigned_proposal(reviewer)

    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert f'type="number" name="criterion_{criterion.pk}"' in response.text
    assert 'min="0" max="100"' in response.text


def test_saving_a_review_stores_the_scores_and_total_and_stays_on_the_page(
    reviewer, proposal, criteria
):
    response = logged_in(reviewer.user).post(
        proposal_url(proposal), scores_data(criteria, 5, 2, action="save")
    )

    assert response.status_code == 302
    assert response["Location"] == proposal_url(proposal)
    review = Review.objects.get()
    assert (review.reviewer, review.proposal, review.comment, review.is_abstained) == (
        reviewer,
        proposal,
        "Clear and useful.",
        False,
    )
    assert review.scores == {str(criteria[0].pk): 5, str(criteria[1].pk): 2}
    assert review.total == 80.0


def test_the_saved_review_fills_the_form_again(reviewer, proposal, criteria):
    client = logged_in(reviewer.user)
    client.post(proposal_url(proposal), scores_data(criteria, 5, 2, comment="Strong."))

    response = client.get(proposal_url(proposal))

    assert response.context["form"].initial == {
        f"criterion_{criteria[0].pk}": 5,
        f"criterion_{criteria[1].pk}": 2,
        "comment": "Strong.",
        "abstain": False,
    }
    assert "Your weighted total: 80 / 100." in response.text


def test_a_review_can_be_changed(reviewer, proposal, criteria):
    client = logged_in(reviewer.user)
    client.post(proposal_url(proposal), scores_data(criteria, 5, 2))

    client.post(proposal_url(proposal), scores_data(criteria, 0, 0, comment="On second thought."))

    review = Review.objects.get()
    assert (review.scores, review.total, review.comment) == (
        {str(criteria[0].pk): 0, str(criteria[1].pk): 0},
        0.0,
        "On second thought.",
    )


def test_abstaining_needs_no_score_and_stores_no_total(reviewer, proposal, criteria):
    response = logged_in(reviewer.user).post(
        proposal_url(proposal), {"abstain": "on", "comment": "Not my field."}
    )

    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.scores, review.total, review.is_abstained, review.comment) == (
        {},
        None,
        True,
        "Not my field.",
    )


def test_a_missing_score_is_refused_with_its_criterion_named(reviewer, proposal, criteria):
    response = logged_in(reviewer.user).post(proposal_url(proposal), scores_data(criteria, 4, ""))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"criterion_{criteria[1].pk}": ["Give a score for “Quality”."]
    }
    assert "Your review was not saved: please correct the errors below." in response.text
    assert Review.objects.count() == 0


def test_a_score_outside_the_scale_is_refused(reviewer, proposal, criteria):
    response = logged_in(reviewer.user).post(proposal_url(proposal), scores_data(criteria, 6, "x"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"criterion_{criteria[0].pk}": [
            "Select a valid choice. 6 is not one of the available choices."
        ],
        f"criterion_{criteria[1].pk}": [
            "Select a valid choice. x is not one of the available choices."
        ],
    }
    assert Review.objects.count() == 0


def test_a_number_outside_a_long_scale_is_refused(summit, reviewer):
    criterion = CriterionFactory(summit=summit, name={"en": "Impact"}, scale_max=100)
    proposal = assigned_proposal(reviewer)
    others = {f"criterion_{c.pk}": 1 for c in summit.review_criteria.exclude(pk=criterion.pk)}

    response = logged_in(reviewer.user).post(
        proposal_url(proposal), others | {f"criterion_{criterion.pk}": "101"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        f"criterion_{criterion.pk}": ["Ensure this value is less than or equal to 100."]
    }
    assert Review.objects.count() == 0


def test_a_comment_too_long_is_refused(reviewer, proposal, criteria):
    response = logged_in(reviewer.user).post(
        proposal_url(proposal), scores_data(criteria, 4, 4, comment="x" * 5001)
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "comment": ["Ensure this value has at most 5000 characters (it has 5001)."]
    }
    assert Review.objects.count() == 0


def test_save_and_next_opens_the_unreviewed_proposal_with_fewest_reviews(
    summit, reviewer, proposal, criteria
):
    busy = assigned_proposal(reviewer)
    quiet = assigned_proposal(reviewer)
    ReviewFactory(reviewer=ReviewerFactory(summit=summit), proposal=busy)

    response = logged_in(reviewer.user).post(
        proposal_url(proposal), scores_data(criteria, 3, 3, action="next")
    )

    assert response.status_code == 302
    assert response["Location"] == proposal_url(quiet)


def test_save_and_next_goes_through_the_queue_in_order_then_back_to_it(
    summit, reviewer, proposal, criteria
):
    second = assigned_proposal(reviewer)
    third = assigned_proposal(reviewer)
    for other in ReviewerFactory.create_batch(2, summit=summit):
        ReviewFactory(reviewer=other, proposal=proposal)
    ReviewFactory(reviewer=ReviewerFactory(summit=summit), proposal=third)
    client = logged_in(reviewer.user)
    visited = []

    address = queue_url(summit)
    start = client.get(address).context["next_proposal"]
    address = proposal_url(start)
    for _ in range(3):
        visited.append(address)
        address = client.post(address, scores_data(criteria, 3, 3, action="next"))["Location"]

    assert visited == [proposal_url(second), proposal_url(third), proposal_url(proposal)]
    assert address == queue_url(summit)
    assert Review.objects.filter(reviewer=reviewer).count() == 3


def test_no_phase_open_disables_the_form_and_refuses_reviews(reviewer, proposal, criteria):
    phase = reviewer.summit.review_phases.get()
    phase.ends_at = timezone.now() - dt.timedelta(hours=1)
    phase.starts_at = phase.ends_at - dt.timedelta(days=3)
    phase.save()
    client = logged_in(reviewer.user)

    page = client.get(proposal_url(proposal))
    response = client.post(proposal_url(proposal), scores_data(criteria, 3, 3))

    assert all(field.disabled for field in page.context["form"].fields.values())
    assert "No review phase is open now: reviews cannot be written or changed." in page.text
    assert "Save and next" not in page.text
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Reviewing is closed in this phase."]
    assert Review.objects.count() == 0


def test_a_phase_without_scoring_keeps_an_existing_review_unchanged(reviewer, proposal, criteria):
    review = ReviewFactory(reviewer=reviewer, proposal=proposal, comment="First look.")
    phase = reviewer.summit.review_phases.get()
    phase.reviewers_can_score = False
    phase.save()
    client = logged_in(reviewer.user)

    page = client.get(proposal_url(proposal))
    response = client.post(proposal_url(proposal), scores_data(criteria, 3, 3, comment="Late"))

    assert "Reviewing is closed in this phase: your reviews can no longer change." in page.text
    assert response.status_code == 400
    review.refresh_from_db()
    assert review.comment == "First look."


def test_without_criteria_the_page_says_so_and_scores_are_refused(summit, reviewer):
    summit.review_criteria.all().delete()
    proposal = assigned_proposal(reviewer)

    response = logged_in(reviewer.user).post(proposal_url(proposal), {"comment": "Good."})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The organisers have not set any review criteria yet."
    ]
