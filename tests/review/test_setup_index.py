"""The review's overview gives organisers the current phase and the figures of the review."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from tests.proposals.factories import ProposalFactory
from tests.review.factories import (
    AssignmentFactory,
    PhaseFactory,
    ReviewerFactory,
    ReviewFactory,
    ReviewSettingsFactory,
)
from tests.review.organiser_helpers import organise_url, organiser_client_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def figures(html: str) -> dict[str, str]:
    """The overview's figures, by their label."""
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(?:<a [^>]*>)?(.*?)(?:</a>)?</dd>", html)
    return dict(pairs)


def test_the_overview_counts_proposals_reviewers_assignments_and_reviews(
    organiser_client,
    summit,
):
    ReviewSettingsFactory(summit=summit, reviews_per_proposal=2)
    first, second = ReviewerFactory(summit=summit), ReviewerFactory(summit=summit)
    reviewed_twice, reviewed_once, _unreviewed = (ProposalFactory(summit=summit) for _ in range(3))
    ProposalFactory(summit=summit, state="draft")
    for reviewer in (first, second):
        AssignmentFactory(reviewer=reviewer, proposal=reviewed_twice)
        ReviewFactory(reviewer=reviewer, proposal=reviewed_twice)
    ReviewFactory(reviewer=first, proposal=reviewed_once)
    ReviewFactory(reviewer=second, proposal=reviewed_once, is_abstained=True, total=None)

    html = organiser_client.get(organise_url(summit)).text

    assert figures(html) == {
        "Submitted proposals": "3",
        "Reviewers": "2",
        "Assignments": "2",
        "Reviews written": "4, of which 1 abstention",
        "Proposals with fewer than 2 scored reviews": "2",
    }


def test_the_overview_names_the_current_phase_in_the_summits_time_zone(
    organiser_client,
    summit,
):
    starts = timezone.now() - dt.timedelta(days=1)
    PhaseFactory(
        summit=summit,
        name={"fr": "Lecture", "en": "Reading"},
        starts_at=starts,
        ends_at=starts + dt.timedelta(days=10),
        speakers_can_edit=True,
    )
    PhaseFactory(
        summit=summit,
        name={"fr": "Plus tard", "en": "Later"},
        starts_at=starts + dt.timedelta(days=20),
        ends_at=starts + dt.timedelta(days=30),
    )

    html = organiser_client.get(organise_url(summit)).text

    assert '<strong><span lang="en">Reading</span></strong>' in html
    assert figures(html)["Starts at"] == date_format(
        starts.astimezone(summit.tz), "DATETIME_FORMAT"
    )
    assert "Later" not in html
    assert "Speakers may still edit their proposals." in html


def test_the_overview_says_when_no_phase_is_open(organiser_client, summit):
    html = organiser_client.get(organise_url(summit)).text

    assert "No review phase is open now." in html
