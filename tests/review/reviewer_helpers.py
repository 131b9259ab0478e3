"""Fixtures and addresses for the tests of the reviewers' pages and API.

The speaker's name and organisations are distinctive strings, so that a test
can say they appear nowhere in a page or an answer when the review is blind.
Fixtures are named `<name>_fixture` and registered as `<name>`: a test module
imports the `_fixture` functions it needs.
"""

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory
from tests.review.factories import AssignmentFactory, ReviewerFactory

SPEAKER_NAME = "Aminata Diallo"
SPEAKER_ORGANISATION = "Transparency Lab Dakar"
PROPOSAL_ORGANISATION = "Open Budget Coalition"


def logged_in(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def queue_url(summit) -> str:
    return f"/en/{summit.slug}/review/"


def proposal_url(proposal) -> str:
    return f"/en/{proposal.summit.slug}/review/{proposal.pk}/"


def conflict_url(proposal) -> str:
    return f"/en/{proposal.summit.slug}/review/{proposal.pk}/conflict/"


def preferences_url(summit) -> str:
    return f"/en/{summit.slug}/review/preferences/"


def assigned_proposal(reviewer, **fields):
    """A submitted proposal assigned to `reviewer`, by a speaker of another organisation."""
    proposal = ProposalFactory(summit=reviewer.summit, **fields)
    AssignmentFactory(reviewer=reviewer, proposal=proposal)
    return proposal


def scores_data(criteria, *values, comment="Clear and useful.", **extra) -> dict:
    data = {f"criterion_{c.pk}": value for c, value in zip(criteria, values, strict=True)}
    return data | {"comment": comment} | extra


@pytest.fixture(name="reviewer")
def reviewer_fixture(summit, review_setup):
    return ReviewerFactory(summit=summit)


@pytest.fixture(name="criteria")
def criteria_fixture(review_setup):
    return review_setup[2]


@pytest.fixture(name="speaker")
def speaker_fixture(db):
    return UserFactory(name=SPEAKER_NAME, organisation=SPEAKER_ORGANISATION, country="SN")


@pytest.fixture(name="proposal")
def proposal_fixture(reviewer, speaker):
    """A proposal assigned to `reviewer`, by `speaker`, organised by a named coalition."""
    proposal = assigned_proposal(reviewer, author=speaker, title="Budgets that citizens read")
    ProposalOrganisationFactory(proposal=proposal, name=PROPOSAL_ORGANISATION, country="SN")
    return proposal
