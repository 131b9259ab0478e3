import pytest
from django.test import Client

from cosummit.review.models import Outcome
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory
from tests.review.factories import (
    DecisionFactory,
    ReviewerFactory,
    ReviewerTeamFactory,
    ReviewFactory,
)
from tests.review.table_examples import build_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(db):
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def example(summit, review_setup):
    _settings, _phase, criteria = review_setup
    return build_example(summit, criteria)


@pytest.fixture
def convener(summit, example):
    """A convener of track A (“Data”) only."""
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(
        summit=summit, can_decide=True, tracks=[example.track_a], members=[reviewer]
    )
    return reviewer.user


def url(summit) -> str:
    return f"/en/{summit.slug}/review/table/"


def titles(response) -> list[str]:
    return [shown["row"].title for shown in response.context["rows"]]


def shown_row(response, title: str) -> dict:
    return next(shown for shown in response.context["rows"] if shown["row"].title == title)


# Who sees the table


def test_anonymous_visitor_is_sent_to_log_in(client, summit, example):
    response = client.get(url(summit))

    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_participant_gets_404(client, summit, example, participant):
    client.force_login(participant)

    assert client.get(url(summit)).status_code == 404


def test_reviewer_who_does_not_convene_gets_404(client, summit, example):
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, can_decide=False, members=[reviewer])
    client.force_login(reviewer.user)

    assert client.get(url(summit)).status_code == 404


def test_organiser_of_another_summit_gets_404(client, summit, example):
    from tests.factories import SummitFactory, TeamMembershipFactory

    outsider = TeamMembershipFactory(summit=SummitFactory()).user
    client.force_login(outsider)

    assert client.get(url(summit)).status_code == 404


def test_organiser_sees_every_track_by_weighted_total(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(url(summit))

    assert response.status_code == 200
    assert titles(response) == ["Civic tech in cities", "Open budgets", "Lobbying registers"]
    assert response.context["section"] == "table"


def test_convener_sees_only_the_proposals_of_their_tracks(client, summit, example, convener):
    client.force_login(convener)

    response = client.get(url(summit))

    assert response.status_code == 200
    assert titles(response) == ["Open budgets", "Lobbying registers"]
    assert "Civic tech in cities" not in response.content.decode()


# Blind review


def test_convener_sees_no_speaker_or_organisation_when_blind(client, summit, example, convener):
    client.force_login(convener)

    response = client.get(url(summit))
    content = response.content.decode()

    for name in ("Amina Diallo", "Ville de Nantes", "Budget Watch", "Transparency Now"):
        assert name not in content
    assert "Speakers" not in content
    row = shown_row(response, "Open budgets")
    assert (row["lead"], row["row"].speakers, row["row"].organisations) == ("Government", [], [])


def test_organiser_sees_speakers_and_organisations(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(url(summit))
    row = shown_row(response, "Open budgets")["row"]

    assert row.speakers == ["Amina Diallo"]
    assert row.organisations == ["Ville de Nantes", "Budget Watch"]
    assert "Amina Diallo" in response.content.decode()


def test_convener_sees_names_when_the_review_is_not_blind(
    client, summit, example, convener, review_setup
):
    settings, _phase, _criteria = review_setup
    settings.is_blind = False
    settings.save()
    client.force_login(convener)

    row = shown_row(client.get(url(summit)), "Open budgets")["row"]

    assert row.speakers == ["Amina Diallo"]


# Figures


def test_rows_show_the_figures_worked_out_by_hand(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(url(summit))
    budgets = shown_row(response, "Open budgets")
    civic = shown_row(response, "Civic tech in cities")
    lobbying = shown_row(response, "Lobbying registers")

    assert {key: budgets[key] for key in ("criteria", "mean", "weighted", "median", "spread")} == {
        "criteria": ["4.00", "2.33"],
        "mean": "63.3",
        "weighted": "68.9",
        "median": "66.7",
        "spread": "60.0",
    }
    row = budgets["row"]
    assert (row.reviews, row.abstentions, row.disagrees) == (3, 1, True)
    assert (row.weighted, row.median, row.mean) == (68.89, 66.67, 63.33)
    assert budgets["decision"] == "Accept (pending)"
    assert budgets["lead"] == "Government"
    assert budgets["language"] == "French"
    assert (civic["row"].reviews, civic["row"].disagrees, civic["weighted"]) == (1, False, "80.0")
    assert civic["lead"] == "Co-led"
    assert (lobbying["weighted"], lobbying["criteria"], lobbying["lead"]) == (
        "—",
        ["—", "—"],
        "Civil society",
    )


def test_figures_use_the_readers_decimal_separator(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(f"/fr/{summit.slug}/review/table/")

    assert shown_row(response, "Open budgets")["weighted"] == "68,9"


def test_organisers_titles_link_to_the_public_proposal_page(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(url(summit))

    assert shown_row(response, "Open budgets")["url"] == (
        f"/en/{summit.slug}/proposals/{example.open_budgets.pk}/"
    )


# Sorting


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("weighted", ["Open budgets", "Civic tech in cities", "Lobbying registers"]),
        ("-median", ["Civic tech in cities", "Open budgets", "Lobbying registers"]),
        ("-spread", ["Open budgets", "Civic tech in cities", "Lobbying registers"]),
        ("-reviews", ["Open budgets", "Civic tech in cities", "Lobbying registers"]),
        ("abstentions", ["Civic tech in cities", "Lobbying registers", "Open budgets"]),
        ("title", ["Civic tech in cities", "Lobbying registers", "Open budgets"]),
        ("-title", ["Open budgets", "Lobbying registers", "Civic tech in cities"]),
    ],
)  # fmt: skip
def test_table_sorts_by_a_column_with_unscored_rows_last(
    client, summit, example, organiser, sort, expected
):
    client.force_login(organiser)

    assert titles(client.get(url(summit), {"sort": sort})) == expected


def test_table_sorts_by_a_criterion(client, summit, example, organiser, review_setup):
    _settings, _phase, (relevance, quality) = review_setup
    client.force_login(organiser)

    by_quality = titles(client.get(url(summit), {"sort": f"-criterion-{quality.pk}"}))
    by_relevance = titles(client.get(url(summit), {"sort": f"criterion-{relevance.pk}"}))

    assert by_quality == ["Civic tech in cities", "Open budgets", "Lobbying registers"]
    assert by_relevance == ["Open budgets", "Civic tech in cities", "Lobbying registers"]


@pytest.mark.parametrize("sort", ["bogus", "-", "criterion-999999", "--mean", "x" * 500])
def test_unknown_sort_falls_back_to_the_weighted_total(client, summit, example, organiser, sort):
    client.force_login(organiser)

    response = client.get(url(summit), {"sort": sort})

    assert response.status_code == 200
    assert titles(response) == ["Civic tech in cities", "Open budgets", "Lobbying registers"]


def test_headings_link_to_the_other_direction_and_keep_the_filters(
    client, summit, example, organiser
):
    client.force_login(organiser)

    response = client.get(url(summit), {"track": "open-data", "sort": "-mean"})
    columns = response.context["columns"]

    assert (columns["mean"].query, columns["mean"].aria_sort) == (
        "track=open-data&sort=mean",
        "descending",
    )
    assert (columns["title"].query, columns["title"].aria_sort) == (
        "track=open-data&sort=title",
        "",
    )
    assert 'aria-sort="descending"' in response.content.decode()


# Filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"track": "open-data"}, ["Open budgets", "Lobbying registers"]),
        ({"language": "fr"}, ["Open budgets"]),
        ({"decision": "pending"}, ["Open budgets"]),
        ({"decision": "undecided"}, ["Civic tech in cities", "Lobbying registers"]),
        ({"outcome": "accept"}, ["Open budgets"]),
        ({"outcome": "reject"}, []),
        ({"disagreement": "on"}, ["Open budgets"]),
        ({"incomplete": "on"}, ["Civic tech in cities", "Lobbying registers"]),
        ({"track": "open-data", "incomplete": "on"}, ["Lobbying registers"]),
    ],
)
def test_filters_keep_the_matching_rows(client, summit, example, organiser, params, expected):
    client.force_login(organiser)

    assert titles(client.get(url(summit), params)) == expected


def test_format_filter_keeps_the_proposals_of_that_format(client, summit, example, organiser):
    client.force_login(organiser)

    response = client.get(url(summit), {"format": example.pitch.pk})

    assert titles(response) == ["Civic tech in cities"]


def test_applied_decisions_are_told_apart_from_pending_ones(client, summit, example, organiser):
    from django.utils import timezone

    DecisionFactory(proposal=example.lobbying, outcome=Outcome.REJECT, applied_at=timezone.now())
    client.force_login(organiser)

    response = client.get(url(summit), {"decision": "applied"})

    assert titles(response) == ["Lobbying registers"]
    assert shown_row(response, "Lobbying registers")["decision"] == "Reject (applied)"


@pytest.mark.parametrize("params", [{"track": "nope"}, {"format": "abc"}, {"language": "xx"}])
def test_bad_filter_is_ignored_and_said_so(client, summit, example, organiser, params):
    client.force_login(organiser)

    response = client.get(url(summit), params)

    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "Select a valid choice." in response.content.decode()


def test_convener_cannot_filter_on_a_track_outside_their_scope(client, summit, example, convener):
    client.force_login(convener)

    response = client.get(url(summit), {"track": "cities"})

    assert titles(response) == ["Open budgets", "Lobbying registers"]
    assert [value for value, _label in response.context["form"].fields["track"].choices] == [
        "",
        "open-data",
    ]


# Queries


@pytest.mark.parametrize("count", [1, 3])
def test_table_makes_a_constant_number_of_queries(
    client, summit, organiser, review_setup, django_assert_num_queries, count
):
    _settings, _phase, (relevance, quality) = review_setup
    for number in range(count):
        proposal = ProposalFactory(summit=summit, title=f"Proposal {number}")
        ProposalOrganisationFactory(proposal=proposal)
        for _ in range(2):
            ReviewFactory(
                reviewer=ReviewerFactory(summit=summit),
                proposal=proposal,
                scores={str(relevance.pk): 3, str(quality.pk): 4},
                total=66.67,
            )
        DecisionFactory(proposal=proposal)
    client.force_login(organiser)

    # Session, user, summit, roles; settings, criteria, tracks, formats, proposals,
    # organisations, speakers, reviews, decisions.
    with django_assert_num_queries(13):
        response = client.get(url(summit))

    assert len(response.context["rows"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_conveners_table_makes_a_constant_number_of_queries(
    client, summit, review_setup, django_assert_num_queries, count
):
    reviewer = ReviewerFactory(summit=summit)
    team = ReviewerTeamFactory(summit=summit, can_decide=True, members=[reviewer])
    for number in range(count):
        proposal = ProposalFactory(summit=summit, title=f"Proposal {number}")
        team.tracks.add(proposal.track)
        ReviewFactory(reviewer=ReviewerFactory(summit=summit), proposal=proposal)
    client.force_login(reviewer.user)

    # Session, user, summit, roles; reviewer, deciding teams (whether any, the teams,
    # their tracks); settings, criteria, tracks, formats, proposals, organisations,
    # reviews, decisions; and eight to find the convener's conflicts of interest.
    with django_assert_num_queries(24):
        response = client.get(url(summit))

    assert len(response.context["rows"]) == count


def test_page_without_proposals_says_so(client, summit, organiser, review_setup):
    client.force_login(organiser)

    response = client.get(url(summit))

    assert response.status_code == 200
    assert "No proposal matches these filters." in response.content.decode()


def test_user_factory_speaker_is_named_on_the_organisers_page(client, summit, organiser):
    ProposalFactory(summit=summit, title="Named", author=UserFactory(name="Lea Roux"))
    client.force_login(organiser)

    assert "Lea Roux" in client.get(url(summit)).content.decode()


def test_titles_and_names_are_escaped(client, summit, organiser, review_setup):
    proposal = ProposalFactory(
        summit=summit,
        title="<script>alert(1)</script>",
        author=UserFactory(name='Ada "<b>" Lovelace'),
    )
    ProposalOrganisationFactory(proposal=proposal, name="<i>Civic</i> & Co")
    client.force_login(organiser)

    content = client.get(url(summit)).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "Ada &quot;&lt;b&gt;&quot; Lovelace" in content
    assert "&lt;i&gt;Civic&lt;/i&gt; &amp; Co" in content
