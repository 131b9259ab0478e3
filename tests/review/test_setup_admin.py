"""Django admin pages of the review, for the platform's staff."""

import pytest

from cosummit.accounts.models import User
from cosummit.review.models import AssignmentRun, Conflict, DecisionTemplate
from tests.factories import SummitFactory, UserFactory
from tests.proposals.factories import ProposalFactory
from tests.review.factories import (
    AssignmentFactory,
    CriterionFactory,
    DecisionFactory,
    PhaseFactory,
    ReviewerFactory,
    ReviewerTeamFactory,
    ReviewFactory,
    ReviewSettingsFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin@example.org", "a long passphrase"))
    return client


def test_every_review_admin_page_opens(admin_client):
    # Names alike in both languages: the admin speaks the language of the request.
    summit = SummitFactory(name={"fr": "OGP Paris", "en": "OGP Paris"})
    reviewer = ReviewerFactory(summit=summit, user=UserFactory(name="Ana Lima"))
    proposal = ProposalFactory(summit=summit, title="Budgets ouverts")
    ReviewSettingsFactory(summit=summit)
    phase = PhaseFactory(summit=summit, name={"fr": "Lecture", "en": "Lecture"})
    criterion = CriterionFactory(summit=summit, name={"fr": "Qualité", "en": "Qualité"})
    team = ReviewerTeamFactory(summit=summit, name={"fr": "Comité", "en": "Comité"})
    AssignmentFactory(reviewer=reviewer, proposal=proposal)
    ReviewFactory(reviewer=reviewer, proposal=proposal)
    Conflict.objects.create(
        reviewer=reviewer, proposal=ProposalFactory(summit=summit), source="declared"
    )
    AssignmentRun.objects.create(summit=summit, total_affinity=4.5)
    DecisionFactory(proposal=proposal)
    DecisionTemplate.objects.create(
        summit=summit, outcome="accept", subject={"en": "Accepted"}, body={"en": "Welcome."}
    )

    pages = {
        "/admin/review/reviewsettings/": "OGP Paris",
        "/admin/review/phase/": "Lecture",
        f"/admin/review/phase/{phase.pk}/change/": "Lecture",
        "/admin/review/criterion/": "Qualité",
        f"/admin/review/criterion/{criterion.pk}/change/": "Qualité",
        "/admin/review/reviewer/": "Ana Lima",
        f"/admin/review/reviewer/{reviewer.pk}/change/": "Ana Lima",
        "/admin/review/reviewerteam/": "Comité",
        f"/admin/review/reviewerteam/{team.pk}/change/": "Ana Lima",
        "/admin/review/conflict/": "Ana Lima",
        "/admin/review/assignmentrun/": "OGP Paris",
        "/admin/review/assignment/": "Budgets ouverts",
        "/admin/review/review/": "Budgets ouverts",
        "/admin/review/decision/": "Budgets ouverts",
        "/admin/review/decisiontemplate/": "OGP Paris",
    }

    for url, text in pages.items():
        response = admin_client.get(url)
        assert (url, response.status_code, text in response.text) == (url, 200, True)
