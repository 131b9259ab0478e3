"""The organisers' list of proposals: every state but drafts, filters and counts."""

import pytest

from cosummit.proposals.models import State
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, SessionFormatFactory, TrackFactory
from tests.summits.factories_extra import NON_ORGANISERS, make_person

pytestmark = pytest.mark.django_db


def list_url(summit, query=""):
    return f"/en/organise/{summit.slug}/call/proposals/{query}"


@pytest.fixture
def organiser_client(client, call):
    client.force_login(make_person("organiser", call.summit))
    return client


def titles_in(page, titles):
    return [title for title in titles if title in page]


def test_the_list_shows_every_state_but_drafts_and_counts_them(organiser_client, call):
    ProposalFactory(summit=call.summit, title="Soumise", state=State.SUBMITTED)
    ProposalFactory(summit=call.summit, title="Retirée", state=State.WITHDRAWN)
    ProposalFactory(summit=call.summit, title="Fusionnée", state=State.MERGED)
    ProposalFactory(summit=call.summit, title="Brouillon", state=State.DRAFT)
    ProposalFactory(title="Autre sommet")

    page = organiser_client.get(list_url(call.summit)).text

    assert titles_in(page, ["Soumise", "Retirée", "Fusionnée", "Brouillon", "Autre sommet"]) == [
        "Soumise",
        "Retirée",
        "Fusionnée",
    ]
    assert "Submitted: <strong>1</strong>" in page
    assert "Drafts being written: <strong>1</strong>" in page
    assert "3 proposals match." in page


def test_the_list_filters_by_state_format_and_track(organiser_client, call):
    workshop, pitch = SessionFormatFactory(call=call), SessionFormatFactory(call=call)
    data, budgets = TrackFactory(summit=call.summit), TrackFactory(summit=call.summit)
    wanted = ProposalFactory(summit=call.summit, title="A", format=workshop, track=data)
    ProposalFactory(summit=call.summit, title="B", format=pitch, track=data)
    ProposalFactory(summit=call.summit, title="C", format=workshop, track=budgets)
    ProposalFactory(
        summit=call.summit, title="D", format=workshop, track=data, state=State.WITHDRAWN
    )

    page = organiser_client.get(
        list_url(call.summit, f"?state=submitted&format={workshop.pk}&track={data.pk}")
    ).text

    assert "1 proposal matches." in page
    assert f'href="/en/{call.summit.slug}/proposals/{wanted.pk}/"' in page


def test_unknown_filter_values_are_ignored(organiser_client, call):
    ProposalFactory(summit=call.summit, title="Soumise")

    response = organiser_client.get(list_url(call.summit, "?state=nonsense&format=abc"))

    assert response.status_code == 200
    assert "1 proposal matches." in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_for_one_or_three(
    organiser_client, call, count, django_assert_num_queries
):
    for _ in range(count):
        ProposalFactory(summit=call.summit, author=UserFactory(), speakers=[UserFactory()])
    organiser_client.get(list_url(call.summit))

    with django_assert_num_queries(11):
        organiser_client.get(list_url(call.summit))


@pytest.mark.parametrize("kind", NON_ORGANISERS)
def test_only_organisers_see_the_list(client, call, kind):
    ProposalFactory(summit=call.summit)
    user = make_person(kind, call.summit)
    if user.is_authenticated:
        client.force_login(user)

    response = client.get(list_url(call.summit))

    assert response.status_code == (302 if kind in ("anonymous", "inactive organiser") else 404)
