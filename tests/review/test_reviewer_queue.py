"""A reviewer's queue: their proposals with progress, the phase, and where to start."""

import datetime as dt
import re

from django.utils import timezone

from cosummit.review.models import Conflict
from tests.proposals.factories import SessionFormatFactory, TrackFactory
from tests.review.factories import ReviewerFactory, ReviewFactory
from tests.review.reviewer_helpers import (
    assigned_proposal,
    logged_in,
    proposal_url,
    queue_url,
    reviewer_fixture,  # noqa: F401
)


def rows(response) -> list[list[str]]:
    """The queue's table as text: one list of cells per proposal."""
    body = response.text.split("<tbody>")[1].split("</tbody>")[0]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def test_the_queue_lists_assigned_proposals_with_format_track_language_and_state(summit, reviewer):
    track = TrackFactory(summit=summit, name={"en": "Civic space", "fr": "Espace civique"})
    workshop = SessionFormatFactory(call__summit=summit, name={"en": "Workshop", "fr": "Atelier"})
    first = assigned_proposal(
        reviewer, title="Open budgets", format=workshop, track=track, session_language="fr"
    )
    second = assigned_proposal(
        reviewer, title="Open contracts", format=workshop, track=track, session_language="en"
    )
    third = assigned_proposal(
        reviewer, title="Open courts", format=workshop, track=track, session_language="en"
    )
    ReviewFactory(reviewer=reviewer, proposal=second, scores={}, total=62.5)
    ReviewFactory(reviewer=reviewer, proposal=third, is_abstained=True, total=None)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert response.status_code == 200
    assert [row[0] for row in rows(response)] == ["Open budgets", "Open contracts", "Open courts"]
    assert rows(response) == [
        ["Open budgets", "Workshop", "Civic space", "French", "To review"],
        ["Open contracts", "Workshop", "Civic space", "English", "Reviewed · 62.5 / 100"],
        ["Open courts", "Workshop", "Civic space", "English", "Abstained"],
    ]
    assert first.pk < second.pk < third.pk


def test_the_queue_shows_progress_as_text_and_a_progress_bar(summit, reviewer):
    reviewed = assigned_proposal(reviewer)
    assigned_proposal(reviewer)
    assigned_proposal(reviewer)
    ReviewFactory(reviewer=reviewer, proposal=reviewed)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert '<p id="review-progress-label">You have reviewed 1 of 3 proposals.</p>' in response.text
    assert '<progress max="3" value="1" aria-labelledby="review-progress-label">' in response.text


def test_start_reviewing_leads_to_the_unreviewed_proposal_with_fewest_reviews(summit, reviewer):
    busy = assigned_proposal(reviewer)
    quiet = assigned_proposal(reviewer)
    also_quiet = assigned_proposal(reviewer)
    for _ in range(2):
        ReviewFactory(reviewer=ReviewerFactory(summit=summit), proposal=busy)
    ReviewFactory(reviewer=ReviewerFactory(summit=summit), proposal=also_quiet)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert response.context["next_proposal"] == quiet
    assert f'<a class="button" href="{proposal_url(quiet)}">Start reviewing</a>' in response.text


def test_abstentions_leave_a_proposal_as_short_of_reviews_as_before(summit, reviewer):
    abstained_on = assigned_proposal(reviewer)
    scored = assigned_proposal(reviewer)
    for _ in range(2):
        ReviewFactory(
            reviewer=ReviewerFactory(summit=summit),
            proposal=abstained_on,
            is_abstained=True,
            total=None,
        )
    ReviewFactory(reviewer=ReviewerFactory(summit=summit), proposal=scored)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert response.context["next_proposal"] == abstained_on


def test_ties_in_the_number_of_reviews_go_to_the_oldest_proposal(summit, reviewer):
    first = assigned_proposal(reviewer)
    assigned_proposal(reviewer)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert response.context["next_proposal"] == first


def test_once_started_the_button_says_next_and_skips_reviewed_proposals(summit, reviewer):
    done = assigned_proposal(reviewer)
    waiting = assigned_proposal(reviewer)
    ReviewFactory(reviewer=reviewer, proposal=done)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert f'<a class="button" href="{proposal_url(waiting)}">Next proposal</a>' in response.text


def test_a_finished_queue_says_so_without_a_next_button(summit, reviewer):
    done = assigned_proposal(reviewer)
    ReviewFactory(reviewer=reviewer, proposal=done)

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert response.context["next_proposal"] is None
    assert "You have reviewed every proposal in your queue." in response.text
    assert "Next proposal" not in response.text


def test_an_empty_queue_says_nothing_is_assigned_yet(summit, reviewer):
    response = logged_in(reviewer.user).get(queue_url(summit))

    assert response.context["proposals"] == []
    assert "No proposal is assigned to you yet." in response.text
    assert "<progress" not in response.text


def test_the_queue_leaves_out_declared_conflicts_and_other_reviewers_proposals(summit, reviewer):
    kept = assigned_proposal(reviewer, title="Kept")
    declared = assigned_proposal(reviewer, title="Declared")
    Conflict.objects.create(reviewer=reviewer, proposal=declared, source="declared")
    assigned_proposal(ReviewerFactory(summit=summit), title="Someone else's")

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert response.context["proposals"] == [kept]


def test_the_queue_says_what_the_current_phase_allows(summit, reviewer, review_setup):
    phase = review_setup[1]
    phase.other_reviews = "always"
    phase.speakers_can_edit = True
    phase.save()

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert '<h2 id="phase-heading">Current phase: Review</h2>' in response.text
    assert response.context["phase"].rules == [
        "You may write and change your reviews.",
        "You may read the other reviews of your proposals.",
        "Speakers may still change their proposals.",
    ]


def test_the_queue_says_when_no_phase_is_open(summit, reviewer, review_setup):
    phase = review_setup[1]
    phase.starts_at = timezone.now() + dt.timedelta(days=3)
    phase.ends_at = timezone.now() + dt.timedelta(days=5)
    phase.save()

    response = logged_in(reviewer.user).get(queue_url(summit))

    assert '<h2 id="phase-heading">No review phase is open</h2>' in response.text
    assert response.context["phase"].rules == [
        "No review phase is open now: reviews cannot be written or changed."
    ]


def test_the_queue_makes_a_constant_number_of_queries(summit, reviewer, django_assert_num_queries):
    client = logged_in(reviewer.user)
    first = assigned_proposal(reviewer)
    ReviewFactory(reviewer=reviewer, proposal=first)
    with django_assert_num_queries(19):
        client.get(queue_url(summit))
    for _ in range(2):
        ReviewFactory(reviewer=reviewer, proposal=assigned_proposal(reviewer))
    with django_assert_num_queries(19):
        client.get(queue_url(summit))
