"""The assignment as a job: its page follows it while it runs, and says why it failed."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.core.models import Job
from cosummit.review import domain
from tests.proposals.factories import ProposalFactory
from tests.review.factories import ReviewerFactory
from tests.review.organiser_helpers import organise_url

pytestmark = pytest.mark.django_db


def test_the_page_follows_a_running_assignment_and_reloads_itself(
    client, summit, organiser, monkeypatch
):
    now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: now)  # the page's clock stands still
    Job.objects.create(
        kind="review.assignment",
        summit_slug=summit.slug,
        state=Job.State.RUNNING,
        started_at=now - dt.timedelta(seconds=12),
        progress={"stage": "lowest", "lowest": 2.21},
    )
    client.force_login(organiser)

    html = client.get(organise_url(summit, "assignment/")).text

    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Running for 12 seconds. Now: proving the lowest affinity of a proposal." in html
    assert "Lowest affinity of a proposal so far: 2.21." in html


def test_a_failed_run_says_why_until_the_next_run(client, summit, organiser):
    Job.objects.create(
        kind="review.assignment",
        summit_slug=summit.slug,
        state=Job.State.FAILED,
        finished_at=timezone.now(),
        result={"code": "no_reviewers", "details": {}},
    )
    client.force_login(organiser)

    html = client.get(organise_url(summit, "assignment/")).text

    assert "found no assignment: The summit has no reviewer yet: add reviewers first." in html
    assert 'http-equiv="refresh"' not in html


def test_the_fairest_first_search_reports_its_stages(summit, organiser, review_setup):
    reviewers = [ReviewerFactory(summit=summit) for _ in range(3)]
    for _ in range(4):
        ProposalFactory(summit=summit)
    stages = []

    run = domain.run_assignment(
        summit, by=organiser, fairness=True, progress=lambda stage, lowest: stages.append(stage)
    )

    assert stages[0] == "best total"
    assert len(run.pairs) == 8
    assert {pair[0] for pair in run.pairs} <= {reviewer.pk for reviewer in reviewers}
