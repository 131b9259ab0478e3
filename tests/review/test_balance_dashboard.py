"""The balance dashboard: exact figures per stage, charts with tables, few queries."""

import pytest

from cosummit.proposals.models import State
from cosummit.review.models import Decision, Outcome
from tests.review.balance_examples import (
    CIVIL_SOCIETY,
    GOVERNMENT,
    applied,
    call_with,
    dashboard_url,
    pending,
    proposal_with,
)


@pytest.fixture
def example(summit):
    """Three proposals at different stages, and a draft that never counts.

    1: civil society (FR) with a government (SN), co-led, accepted and confirmed;
    2: government (DE), accept pending; 3: no organisation, author from Brazil,
    reject pending.
    """
    (workshop, panel), (open_data, budgets) = call_with(summit, formats=2, tracks=2)
    first = proposal_with(
        summit,
        organisations=[(CIVIL_SOCIETY, "FR"), (GOVERNMENT, "SN")],
        format=workshop,
        track=open_data,
        session_language="fr",
        is_co_led=True,
    )
    applied(first, reply=Decision.Reply.CONFIRMED)
    second = proposal_with(
        summit,
        organisations=[(GOVERNMENT, "DE")],
        format=panel,
        track=open_data,
        session_language="en",
    )
    pending(second)
    third = proposal_with(
        summit, author_country="BR", format=workshop, track=budgets, session_language="en"
    )
    pending(third, Outcome.REJECT)
    proposal_with(summit, organisations=[(GOVERNMENT, "IT")], state=State.DRAFT)
    return (workshop, panel), (open_data, budgets)


def figures(response, slug):
    breakdown = next(b for b in response.context["balance"].breakdowns if b.slug == slug)
    return {category.label: category.counts for category in breakdown.categories}


def test_totals_count_submitted_decided_applied_and_confirmed(client, summit, organiser, example):
    client.force_login(organiser)

    balance = client.get(dashboard_url(summit)).context["balance"]

    assert (balance.totals, balance.co_led) == ((3, 2, 1, 1), (1, 1, 1, 1))


@pytest.fixture
def page(client, summit, organiser, example):
    client.force_login(organiser)
    return client.get(dashboard_url(summit))


def test_submitter_types_follow_the_first_organisation(page):
    assert figures(page, "types") == {
        "Government": (1, 1, 0, 0),
        "Civil society": (1, 1, 1, 1),
        "Private sector": (0, 0, 0, 0),
        "Academia": (0, 0, 0, 0),
        "International organisation": (0, 0, 0, 0),
        "Media": (0, 0, 0, 0),
        "Other": (0, 0, 0, 0),
        "No organisation given": (1, 0, 0, 0),
    }


def test_co_led_proposals_are_counted_apart(page):
    assert figures(page, "co-led") == {"Co-led": (1, 1, 1, 1), "Not co-led": (2, 1, 0, 0)}


def test_countries_come_from_organisations_or_else_the_author(page):
    assert figures(page, "countries") == {
        "Brazil": (1, 0, 0, 0),
        "France": (1, 1, 1, 1),
        "Germany": (1, 1, 0, 0),
        "Senegal": (1, 1, 1, 1),
    }


def test_regions_count_a_proposal_once_in_each_of_its_regions(page):
    assert figures(page, "regions") == {
        "Africa": (1, 1, 1, 1),
        "Americas": (1, 0, 0, 0),
        "Asia": (0, 0, 0, 0),
        "Europe": (2, 2, 1, 1),
        "Oceania": (0, 0, 0, 0),
    }


def test_formats_tracks_and_languages_are_counted(page, example):
    (workshop, panel), (open_data, budgets) = example

    assert (figures(page, "formats"), figures(page, "tracks"), figures(page, "languages")) == (
        {str(workshop): (2, 1, 1, 1), str(panel): (1, 1, 0, 0)},
        {str(open_data): (2, 2, 1, 1), str(budgets): (1, 0, 0, 0)},
        {"French": (1, 1, 1, 1), "English": (2, 1, 0, 0)},
    )


def test_each_chart_is_an_svg_image_with_the_figures_in_a_table(page):
    html = page.content.decode()

    assert html.count('<svg viewBox="0 0 720 ') == 7
    assert html.count('role="img"') == 7
    assert html.count("<summary>The figures as a table</summary>") == 7
    assert '<tr><th scope="row">Europe</th><td>2 (66.7 %)</td><td>2 (100.0 %)</td>' in html
    assert "<title>Europe, Submitted: 2 proposals (66.7 %)</title>" in html


def test_shares_are_written_the_readers_way(client, summit, organiser, example):
    client.force_login(organiser)

    html = client.get(dashboard_url(summit, "fr")).content.decode()

    # French puts a non-breaking space before the percent sign.
    assert "2 (66,7\xa0%)" in html


def test_more_than_fifteen_countries_are_grouped_as_other(client, summit, organiser):
    codes = [
        "AR",
        "AT",
        "BE",
        "BR",
        "CA",
        "CL",
        "DE",
        "DK",
        "ES",
        "FI",
        "FR",
        "GB",
        "IE",
        "IT",
        "JP",
        "KE",
    ]
    for code in codes:
        proposal_with(summit, organisations=[(GOVERNMENT, code)])
    proposal_with(summit, organisations=[(GOVERNMENT, "FR")])
    client.force_login(organiser)

    countries = figures(client.get(dashboard_url(summit)), "countries")

    assert (len(countries), next(iter(countries)), countries["Other countries"]) == (
        16,
        "France",
        (1, 0, 0, 0),
    )


def test_a_summit_without_proposals_shows_zeros(client, summit, organiser):
    client.force_login(organiser)

    response = client.get(dashboard_url(summit))

    assert (response.status_code, response.context["balance"].totals) == (200, (0, 0, 0, 0))


# The session, the user, the summit, their roles; the proposals, their
# organisations, the formats and the tracks.
QUERIES = 8


def test_the_dashboard_takes_as_many_queries_for_one_proposal_as_for_three(
    client, summit, organiser, django_assert_num_queries
):
    (workshop,), (track,) = call_with(summit)
    proposal_with(summit, organisations=[(GOVERNMENT, "FR")], format=workshop, track=track)
    client.force_login(organiser)
    with django_assert_num_queries(QUERIES):
        client.get(dashboard_url(summit))

    for code in ("SN", "BR"):
        applied(proposal_with(summit, organisations=[(CIVIL_SOCIETY, code)], track=track))
    with django_assert_num_queries(QUERIES):
        client.get(dashboard_url(summit))
