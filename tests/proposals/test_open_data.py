import csv
import io
import json

import pytest
from django.utils import timezone

from cosummit.accounts.models import OrganisationType
from cosummit.proposals.models import State
from tests.factories import SummitFactory, UserFactory
from tests.proposals.factories import CallFactory, ProposalFactory, ProposalOrganisationFactory

pytestmark = pytest.mark.django_db


def open_data_url(summit, extension: str) -> str:
    return f"/en/{summit.slug}/proposals/open-data.{extension}"


@pytest.fixture
def proposal(call):
    author = UserFactory(email="secret-author@example.org")
    proposal = ProposalFactory(
        summit=call.summit,
        author=author,
        title="Open budgets",
        abstract="Cities publish their budgets.",
        language="en",
        other_language="fr",
        other_title="Budgets ouverts",
        other_abstract="Les villes publient leurs budgets.",
        session_language="fr",
        is_co_led=True,
        supports_count=4,
        comments_count=2,
        answers={"budget": "Confidential answer"},
    )
    ProposalOrganisationFactory(
        proposal=proposal,
        name="Ville de Paris",
        organisation_type=OrganisationType.GOVERNMENT,
        country="FR",
    )
    ProposalOrganisationFactory(
        proposal=proposal,
        name="Open Data Kenya",
        organisation_type=OrganisationType.CIVIL_SOCIETY,
        country="KE",
    )
    ProposalFactory(summit=call.summit, state=State.DRAFT, title="A draft")
    ProposalFactory(summit=call.summit, state=State.WITHDRAWN, title="Withdrawn one")
    ProposalFactory(summit=call.summit, hidden_at=timezone.now(), title="Hidden one")
    return proposal


def test_json_gives_the_public_fields_of_public_proposals(client, proposal):
    response = client.get(open_data_url(proposal.summit, "json"))

    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert (data["summit"], data["count"]) == (proposal.summit.slug, 1)
    assert data["proposals"] == [
        {
            "id": proposal.pk,
            "title": "Open budgets",
            "abstract": "Cities publish their budgets.",
            "language": "en",
            "other_language": "fr",
            "other_title": "Budgets ouverts",
            "other_abstract": "Les villes publient leurs budgets.",
            "format": proposal.format.name["en"],
            "track": proposal.track.name["en"],
            "track_slug": proposal.track.slug,
            "session_language": "fr",
            "organisations": [
                {"name": "Ville de Paris", "type": "government", "country": "FR"},
                {"name": "Open Data Kenya", "type": "civil_society", "country": "KE"},
            ],
            "co_led": True,
            "supports": 4,
            "comments": 2,
            "submitted_at": proposal.submitted_at.isoformat(),
            "url": f"http://testserver/en/{proposal.summit.slug}/proposals/{proposal.pk}/",
        }
    ]


def test_csv_gives_the_same_fields_one_line_per_proposal(client, proposal):
    response = client.get(open_data_url(proposal.summit, "csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{proposal.summit.slug}-proposals.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    row = rows[0]
    assert (row["id"], row["title"], row["other_title"], row["co_led"]) == (
        str(proposal.pk),
        "Open budgets",
        "Budgets ouverts",
        "yes",
    )
    assert row["organisations"] == "Ville de Paris | Open Data Kenya"
    assert row["organisation_types"] == "government | civil_society"
    assert row["organisation_countries"] == "FR | KE"
    assert (row["supports"], row["comments"]) == ("4", "2")


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_open_data_never_contains_e_mails_answers_or_unpublished_proposals(
    client, proposal, extension
):
    text = client.get(open_data_url(proposal.summit, extension)).content.decode()

    for secret in (
        "secret-author@example.org",
        "Confidential answer",
        "A draft",
        "Withdrawn one",
        "Hidden one",
    ):
        assert secret not in text


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, call):
    ProposalFactory(summit=call.summit, title='=HYPERLINK("http://evil")')

    response = client.get(open_data_url(call.summit, "csv"))

    row = next(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["title"] == '\'=HYPERLINK("http://evil")'


def test_open_data_is_empty_while_proposals_are_not_public(client, summit):
    CallFactory(summit=summit, is_discussion_public=False)
    ProposalFactory(summit=summit)

    data = json.loads(client.get(open_data_url(summit, "json")).content)

    assert (data["count"], data["proposals"]) == (0, [])


def test_open_data_of_an_unpublished_summit_is_not_found(client):
    summit = SummitFactory(is_published=False)

    assert client.get(open_data_url(summit, "csv")).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_open_data_makes_a_constant_number_of_queries(
    client, call, django_assert_num_queries, count, extension
):
    for _ in range(count):
        ProposalOrganisationFactory(proposal=ProposalFactory(summit=call.summit))

    # Summit, call, proposals with format and track, organisations.
    with django_assert_num_queries(4):
        response = client.get(open_data_url(call.summit, extension))

    assert response.status_code == 200
