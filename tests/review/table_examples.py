"""A small review whose figures are worked out by hand, for the review table's tests.

Criteria (from the `review_setup` fixture): relevance (weight 2) and quality
(weight 1), both scored from 0 to 5; two reviews wanted; disagreement above 30.

"Open budgets" (track A, government-led, speaker Amina Diallo of Ville de Nantes):
    relevance 5, quality 5 -> weighted 100.0,  equally 100.0
    relevance 3, quality 0 -> weighted 40.0,   equally 30.0
    relevance 4, quality 2 -> weighted 66.67,  equally 60.0
    one abstention
    weighted mean 68.89, median 66.67, spread 60.0 (disagreement), mean 63.33,
    relevance 4.0, quality 2.33; decision: accept, pending.
"Civic tech in cities" (track B, co-led):
    relevance 4, quality 4 -> weighted 80.0, equally 80.0; one review of two wanted.
"Lobbying registers" (track A, civil-society-led): no review.
"""

from dataclasses import dataclass

from cosummit.accounts.models import OrganisationType
from cosummit.proposals.models import Proposal
from cosummit.review.domain import weighted_total
from tests.factories import UserFactory
from tests.proposals.factories import (
    ProposalFactory,
    ProposalOrganisationFactory,
    SessionFormatFactory,
    TrackFactory,
    first_format,
)
from tests.review.factories import DecisionFactory, ReviewerFactory, ReviewFactory


@dataclass
class Example:
    open_budgets: Proposal
    civic_tech: Proposal
    lobbying: Proposal
    track_a: object
    track_b: object
    pitch: object


def review(proposal, criteria, relevance=None, quality=None, *, abstain=False):
    relevance_criterion, quality_criterion = criteria
    scores = {}
    if not abstain:
        scores = {str(relevance_criterion.pk): relevance, str(quality_criterion.pk): quality}
    return ReviewFactory(
        reviewer=ReviewerFactory(summit=proposal.summit),
        proposal=proposal,
        scores=scores,
        total=None if abstain else weighted_total(scores, criteria),
        is_abstained=abstain,
    )


def build_example(summit, criteria) -> Example:
    track_a = TrackFactory(summit=summit, slug="open-data", name={"fr": "Données", "en": "Data"})
    track_b = TrackFactory(summit=summit, slug="cities", name={"fr": "Villes", "en": "Cities"})
    workshop = first_format(summit)
    pitch = SessionFormatFactory(call=workshop.call, name={"fr": "Pitch", "en": "Pitch"})
    open_budgets = ProposalFactory(
        summit=summit,
        title="Open budgets",
        track=track_a,
        author=UserFactory(name="Amina Diallo"),
        session_language="fr",
    )
    ProposalOrganisationFactory(
        proposal=open_budgets,
        name="Ville de Nantes",
        organisation_type=OrganisationType.GOVERNMENT,
        position=0,
    )
    ProposalOrganisationFactory(
        proposal=open_budgets,
        name="Budget Watch",
        organisation_type=OrganisationType.CIVIL_SOCIETY,
        position=1,
    )
    civic_tech = ProposalFactory(
        summit=summit,
        title="Civic tech in cities",
        track=track_b,
        format=pitch,
        is_co_led=True,
        author=UserFactory(name="Jonas Weber"),
    )
    lobbying = ProposalFactory(
        summit=summit,
        title="Lobbying registers",
        track=track_a,
        author=UserFactory(name="Chloé Martin"),
    )
    ProposalOrganisationFactory(
        proposal=lobbying,
        name="Transparency Now",
        organisation_type=OrganisationType.CIVIL_SOCIETY,
    )
    review(open_budgets, criteria, 5, 5)
    review(open_budgets, criteria, 3, 0)
    review(open_budgets, criteria, 4, 2)
    review(open_budgets, criteria, abstain=True)
    review(civic_tech, criteria, 4, 4)
    DecisionFactory(proposal=open_budgets)
    return Example(open_budgets, civic_tech, lobbying, track_a, track_b, pitch)
