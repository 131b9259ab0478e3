import csv
import io

import pytest
from django.test import Client

from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory
from tests.review.factories import ReviewerFactory, ReviewerTeamFactory
from tests.review.table_examples import build_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(db):
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def example(summit, review_setup):
    _settings, _phase, criteria = review_setup
    return build_example(summit, criteria)


def export_url(summit) -> str:
    return f"/en/{summit.slug}/review/table/export.csv"


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_organiser_downloads_every_row_with_names(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(export_url(summit))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="review-{summit.slug}.csv"'
    assert rows_of(response) == [
        [
            "Number",
            "Title",
            "Format",
            "Track",
            "Language",
            "Led by",
            "Speakers",
            "Organisations",
            "Reviews",
            "Reviews wanted",
            "Abstentions",
            "Relevance (mean, 0 to 5)",
            "Quality (mean, 0 to 5)",
            "Mean total, criteria counted equally",
            "Weighted total",
            "Median total",
            "Spread",
            "Disagreement",
            "Decision",
            "Decision state",
        ],
        [
            str(example.civic_tech.pk),
            "Civic tech in cities",
            "Pitch",
            "Cities",
            "en",
            "Co-led",
            "Jonas Weber",
            "",
            "1",
            "2",
            "0",
            "4",
            "4",
            "80",
            "80",
            "80",
            "0",
            "no",
            "",
            "Not decided",
        ],
        [
            str(example.open_budgets.pk),
            "Open budgets",
            example.open_budgets.format.name["en"],
            "Data",
            "fr",
            "Government",
            "Amina Diallo",
            "Ville de Nantes; Budget Watch",
            "3",
            "2",
            "1",
            "4",
            "2.33",
            "63.33",
            "68.89",
            "66.67",
            "60",
            "yes",
            "Accept",
            "Pending",
        ],
        [
            str(example.lobbying.pk),
            "Lobbying registers",
            example.lobbying.format.name["en"],
            "Data",
            "en",
            "Civil society",
            "Chloé Martin",
            "Transparency Now",
            "0",
            "2",
            "0",
            "",
            "",
            "",
            "",
            "",
            "",
            "no",
            "",
            "Not decided",
        ],
    ]


def test_export_keeps_the_pages_filters_and_order(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(export_url(summit), {"track": "open-data", "sort": "title"})

    assert [row[1] for row in rows_of(response)] == [
        "Title",
        "Lobbying registers",
        "Open budgets",
    ]


def test_conveners_export_has_no_names_when_blind(client, summit, example):
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(
        summit=summit, can_decide=True, tracks=[example.track_a], members=[reviewer]
    )
    client.force_login(reviewer.user)

    response = client.get(export_url(summit))
    rows = rows_of(response)
    text = response.content.decode()

    assert "Speakers" not in rows[0]
    assert "Organisations" not in rows[0]
    assert [row[1] for row in rows[1:]] == ["Open budgets", "Lobbying registers"]
    for name in ("Amina Diallo", "Ville de Nantes", "Budget Watch", "Transparency Now"):
        assert name not in text


def test_cells_that_would_run_as_formulas_are_quoted(client, summit, organiser, review_setup):
    proposal = ProposalFactory(summit=summit, title='=HYPERLINK("http://evil.example")')
    ProposalOrganisationFactory(proposal=proposal, name="@SUM(A1:A9)")
    client.force_login(organiser)

    [_header, row] = rows_of(client.get(export_url(summit)))

    assert row[1] == '\'=HYPERLINK("http://evil.example")'
    assert row[7] == "'@SUM(A1:A9)"


def test_participant_cannot_export(client, summit, example, participant):
    client.force_login(participant)

    assert client.get(export_url(summit)).status_code == 404


def test_labels_follow_the_readers_language(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(f"/fr/{summit.slug}/review/table/export.csv")

    assert rows_of(response)[0][1] == "Titre"
