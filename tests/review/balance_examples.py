"""Shared set-up of the balance and selection tests: deciders and small calls."""

from django.utils import timezone

from cosummit.accounts.models import OrganisationType
from cosummit.review.models import Decision, Outcome
from tests.factories import UserFactory
from tests.proposals.factories import (
    CallFactory,
    ProposalFactory,
    ProposalOrganisationFactory,
    SessionFormatFactory,
    TrackFactory,
)
from tests.review.factories import (
    DecisionFactory,
    ReviewerFactory,
    ReviewerTeamFactory,
    ReviewFactory,
)

CIVIL_SOCIETY = OrganisationType.CIVIL_SOCIETY
GOVERNMENT = OrganisationType.GOVERNMENT


def dashboard_url(summit, language="en") -> str:
    return f"/{language}/{summit.slug}/review/balance/"


def selection_url(summit, language="en") -> str:
    return f"/{language}/{summit.slug}/review/balance/selection/"


def accept_url(summit, language="en") -> str:
    return f"/{language}/{summit.slug}/review/balance/selection/accept/"


def convener_of(summit, tracks):
    """A reviewer in a deciding team of `tracks`: a convener."""
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, tracks=tracks, members=[reviewer], can_decide=True)
    return reviewer.user


def call_with(summit, *, formats=1, tracks=1):
    """The summit's call with `formats` formats and `tracks` tracks."""
    call = CallFactory(summit=summit)
    made_formats = [SessionFormatFactory(call=call) for _ in range(formats)]
    made_tracks = [TrackFactory(summit=summit) for _ in range(tracks)]
    return made_formats, made_tracks


def proposal_with(summit, *, organisations=(), author_country="FR", **fields):
    """A submitted proposal whose organisations are (type, country, name) triples."""
    proposal = ProposalFactory(summit=summit, author=UserFactory(country=author_country), **fields)
    for position, (kind, country, *name) in enumerate(organisations):
        extra = {"name": name[0]} if name else {}
        ProposalOrganisationFactory(
            proposal=proposal,
            organisation_type=kind,
            country=country,
            position=position,
            **extra,
        )
    return proposal


def scored(proposal, *totals):
    """Reviews with these totals, each by its own reviewer."""
    for total in totals:
        ReviewFactory(
            reviewer=ReviewerFactory(summit=proposal.summit), proposal=proposal, total=total
        )
    return proposal


def applied(proposal, outcome=Outcome.ACCEPT, reply=""):
    return DecisionFactory(
        proposal=proposal, outcome=outcome, applied_at=timezone.now(), reply=reply
    )


def pending(proposal, outcome=Outcome.ACCEPT) -> Decision:
    return DecisionFactory(proposal=proposal, outcome=outcome)
