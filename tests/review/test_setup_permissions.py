"""Only the summit's organisers reach the review's set-up pages; others get 404 or log in."""

import pytest

from cosummit.review.models import (
    AssignmentRun,
    Conflict,
    Criterion,
    Phase,
    Reviewer,
    ReviewerTeam,
    ReviewSettings,
)
from cosummit.summits.models import TeamMembership
from tests.proposals.factories import ProposalFactory
from tests.review.factories import (
    CriterionFactory,
    PhaseFactory,
    ReviewerFactory,
    ReviewerTeamFactory,
)
from tests.review.organiser_helpers import (
    criterion_data,
    organise_url,
    phase_data,
    settings_data,
    team_data,
)
from tests.summits.factories_extra import NON_ORGANISERS, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(summit):
    reviewer = ReviewerFactory(summit=summit)
    proposal = ProposalFactory(summit=summit)
    conflict = Conflict.objects.create(reviewer=reviewer, proposal=proposal, source="organiser")
    return {
        "phase": PhaseFactory(summit=summit),
        "criterion": CriterionFactory(summit=summit),
        "reviewer": reviewer,
        "team": ReviewerTeamFactory(summit=summit, members=[reviewer]),
        "proposal": proposal,
        "conflict": conflict,
    }


def requests(rows):
    """Every page, read and written, with data that would change something."""
    phase, criterion, reviewer = rows["phase"].pk, rows["criterion"].pk, rows["reviewer"].pk
    team, conflict, proposal = rows["team"].pk, rows["conflict"].pk, rows["proposal"].pk
    pair = {"reviewer": reviewer, "proposal": proposal, "action": "add"}
    return [
        ("get", "", {}),
        ("get", "settings/", {}),
        ("post", "settings/", settings_data()),
        ("get", "phases/", {}),
        ("post", "phases/new/", phase_data()),
        ("post", f"phases/{phase}/", phase_data()),
        ("post", f"phases/{phase}/delete/", {}),
        ("get", "criteria/", {}),
        ("post", "criteria/new/", criterion_data()),
        ("post", f"criteria/{criterion}/", criterion_data()),
        ("post", f"criteria/{criterion}/delete/", {}),
        ("get", "reviewers/", {}),
        ("post", "reviewers/", {"email": "someone@example.org"}),
        ("post", f"reviewers/{reviewer}/", {"min_load": "1", "max_load": "2"}),
        ("post", f"reviewers/{reviewer}/remove/", {}),
        ("get", "teams/", {}),
        ("post", "teams/new/", team_data()),
        ("post", f"teams/{team}/", team_data()),
        ("post", f"teams/{team}/delete/", {}),
        ("get", "conflicts/", {}),
        ("post", "conflicts/", {"reviewer": reviewer, "proposal": proposal}),
        ("post", f"conflicts/{conflict}/withdraw/", {}),
        ("get", "assignment/", {}),
        ("post", "assignment/run/", {}),
        ("post", "assignment/change/", pair),
        ("post", "assignment/publish/", {"run": "1"}),
        ("get", "assignments/", {}),
        ("post", "assignments/change/", pair),
    ]


def everything():
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            ReviewSettings,
            Phase,
            Criterion,
            Reviewer,
            ReviewerTeam,
            Conflict,
            AssignmentRun,
            TeamMembership,
        )
    ]


@pytest.mark.parametrize("kind", NON_ORGANISERS)
def test_nobody_but_an_organiser_reaches_or_changes_the_review_set_up(client, summit, rows, kind):
    user = make_person(kind, summit)
    if user.is_authenticated:
        client.force_login(user)
    before = everything()

    statuses = {
        getattr(client, method)(organise_url(summit, tail), data).status_code
        for method, tail, data in requests(rows)
    }

    assert statuses == ({302} if kind in ("anonymous", "inactive organiser") else {404})
    assert everything() == before


def test_an_anonymous_visitor_is_sent_to_log_in(client, summit):
    response = client.get(organise_url(summit))

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={organise_url(summit)}"


def test_an_organiser_reads_every_set_up_page(client, summit, rows):
    client.force_login(make_person("organiser", summit))
    pages = [tail for method, tail, _data in requests(rows) if method == "get"] + [
        f"phases/{rows['phase'].pk}/",
        f"phases/{rows['phase'].pk}/delete/",
        "phases/new/",
        f"criteria/{rows['criterion'].pk}/",
        f"criteria/{rows['criterion'].pk}/delete/",
        "criteria/new/",
        f"reviewers/{rows['reviewer'].pk}/",
        f"reviewers/{rows['reviewer'].pk}/remove/",
        f"teams/{rows['team'].pk}/",
        f"teams/{rows['team'].pk}/delete/",
        "teams/new/",
    ]

    statuses = {tail: client.get(organise_url(summit, tail)).status_code for tail in pages}

    assert statuses == dict.fromkeys(pages, 200)


def test_an_organiser_of_another_summit_cannot_reach_this_summits_rows(client, summit, rows):
    other = make_person("organiser of another summit", summit)
    other_summit = other.team_memberships.get().summit
    client.force_login(other)

    statuses = {
        client.get(organise_url(other_summit, tail)).status_code
        for tail in (
            f"phases/{rows['phase'].pk}/",
            f"criteria/{rows['criterion'].pk}/delete/",
            f"reviewers/{rows['reviewer'].pk}/",
            f"teams/{rows['team'].pk}/",
        )
    }
    withdraw = client.post(organise_url(other_summit, f"conflicts/{rows['conflict'].pk}/withdraw/"))

    assert (statuses, withdraw.status_code) == ({404}, 404)
    assert Conflict.objects.count() == 1
