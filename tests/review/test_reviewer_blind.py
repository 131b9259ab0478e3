"""Blind review: speakers' names and organisations reach no reviewer's page."""

import pytest

from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory
from tests.proposals.factories import ProposalOrganisationFactory
from tests.review.factories import ReviewFactory
from tests.review.reviewer_helpers import (
    PROPOSAL_ORGANISATION,
    SPEAKER_NAME,
    SPEAKER_ORGANISATION,
    assigned_proposal,
    conflict_url,
    logged_in,
    proposal_fixture,  # noqa: F401
    proposal_url,
    queue_url,
    reviewer_fixture,  # noqa: F401
    speaker_fixture,  # noqa: F401
)

PEOPLE = (SPEAKER_NAME, SPEAKER_ORGANISATION, PROPOSAL_ORGANISATION)


def pages(client, proposal) -> list[str]:
    """Every reviewer page that shows the proposal, as HTML."""
    return [
        client.get(queue_url(proposal.summit)).text,
        client.get(proposal_url(proposal)).text,
        client.get(conflict_url(proposal)).text,
    ]


def not_blind(summit) -> None:
    summit.review_settings.is_blind = False
    summit.review_settings.save()


def test_blind_review_shows_no_speaker_name_nor_organisation(summit, reviewer, proposal):
    summit.review_phases.update(other_reviews="always")
    ReviewFactory(reviewer=reviewer, proposal=proposal)

    for html in pages(logged_in(reviewer.user), proposal):
        assert [person for person in PEOPLE if person in html] == []


def test_blind_review_says_people_are_hidden(summit, reviewer, proposal):
    response = logged_in(reviewer.user).get(proposal_url(proposal))

    assert response.context["speakers"] == []
    assert response.context["organisations"] == []
    assert (
        "The review is blind: speakers’ names and organisations are hidden from you."
        in response.text
    )


def test_without_blind_review_the_queue_and_page_show_speakers_and_organisations(
    summit, reviewer, proposal
):
    not_blind(summit)
    client = logged_in(reviewer.user)

    queue = client.get(queue_url(summit)).text
    page = client.get(proposal_url(proposal)).text

    assert f"<li>{SPEAKER_NAME} · {SPEAKER_ORGANISATION}</li>" in queue
    assert f"<li>{PROPOSAL_ORGANISATION}</li>" in queue
    assert f"<li>{SPEAKER_NAME} · {SPEAKER_ORGANISATION}</li>" in page
    assert f"<li>{PROPOSAL_ORGANISATION} · Civil society · Senegal</li>" in page


def test_an_organiser_who_also_reviews_sees_the_people(summit, reviewer, proposal):
    TeamMembershipFactory(summit=summit, user=reviewer.user, role=Role.ORGANISER)

    page = logged_in(reviewer.user).get(proposal_url(proposal)).text

    assert f"<li>{SPEAKER_NAME} · {SPEAKER_ORGANISATION}</li>" in page


@pytest.mark.parametrize("is_blind", [True, False])
def test_the_queue_makes_a_constant_number_of_queries_blind_or_not(
    summit, reviewer, is_blind, django_assert_num_queries
):
    summit.review_settings.is_blind = is_blind
    summit.review_settings.save()
    client = logged_in(reviewer.user)
    ProposalOrganisationFactory(proposal=assigned_proposal(reviewer))
    expected = 19 if is_blind else 21
    with django_assert_num_queries(expected):
        client.get(queue_url(summit))
    for _ in range(2):
        ProposalOrganisationFactory(proposal=assigned_proposal(reviewer))
    with django_assert_num_queries(expected):
        client.get(queue_url(summit))
