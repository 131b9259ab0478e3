"""The demo summit's review: settings, a phase, criteria, reviewers, a conveners'
team, a published assignment and a few reviews."""

import datetime as dt

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from cosummit.accounts.models import OrganisationType, User
from cosummit.proposals.models import Track
from cosummit.summits.models import Role, Summit, TeamMembership

from . import decisions, domain, queries
from .models import Criterion, Phase, ReviewerTeam, ReviewSettings

CRITERIA = [
    (
        {
            "fr": "Pertinence pour les valeurs du gouvernement ouvert",
            "en": "Relevance to open-government values",
        },
        {
            "fr": "Transparence, participation, redevabilité : la session les fait-elle avancer ?",
            "en": "Transparency, participation, accountability: does the session advance them?",
        },
        3,
    ),
    (
        {"fr": "Qualité", "en": "Quality"},
        {"fr": "Clarté, intervenants, format adapté.", "en": "Clarity, speakers, fitting format."},
        2,
    ),
    (
        {
            "fr": "Co-création entre gouvernement et société civile",
            "en": "Co-creation between government and civil society",
        },
        {
            "fr": "La session est-elle préparée et menée ensemble ?",
            "en": "Is the session prepared and led together?",
        },
        2,
    ),
    (
        {"fr": "Faisabilité", "en": "Feasibility"},
        {
            "fr": "Peut-elle se tenir comme décrite ?",
            "en": "Can it take place as described?",
        },
        1,
    ),
]

# Made-up reviewers besides the demo team's reviewer.
REVIEWERS = [
    (
        "reviewer2@demo.cosummit.example",
        "Sofia Rossi",
        OrganisationType.CIVIL_SOCIETY,
        "Observatoire citoyen",
        "IT",
        "participation, budget participatif, civic tech",
    ),
    (
        "reviewer3@demo.cosummit.example",
        "Kwame Mensah",
        OrganisationType.GOVERNMENT,
        "Ministry of Public Service",
        "GH",
        "open contracting, anti-corruption, beneficial ownership",
    ),
]
CONVENED_TRACK = "civic-participation"
# The tracks each reviewer prefers, so that the assignment shares the work out.
PREFERRED_TRACKS = {
    "reviewer@demo.cosummit.example": ["access-to-information", "open-data-digital"],
    "reviewer2@demo.cosummit.example": ["civic-participation"],
    "reviewer3@demo.cosummit.example": ["anti-corruption", "fiscal-openness"],
}


def _reviewer_user(email, name, org_type, organisation, country) -> User:
    user, _created = User.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "organisation_type": org_type,
            "organisation": organisation,
            "country": country,
            "preferred_language": "en",
        },
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def build_demo_review(summit: Summit) -> bool:
    """Set up the demo review of `summit` once; return whether it was created now.

    Side effects, in order: review settings (blind, two reviews per proposal);
    a review phase open from yesterday for four weeks; four weighted criteria;
    two made-up reviewers with the reviewer role, their expertise and preferred
    tracks; a team of
    conveners for the civic participation track; the assignment run and
    published; three reviews by the demo team's reviewer; a pending decision
    to accept the best-scored of them.
    """
    if ReviewSettings.objects.filter(summit=summit).exists():
        return False
    ReviewSettings.objects.create(summit=summit, reviews_per_proposal=2, max_load=12)
    now = timezone.now()
    Phase.objects.create(
        summit=summit,
        name={"fr": "Évaluation des propositions", "en": "Reviewing proposals"},
        starts_at=now - dt.timedelta(days=1),
        ends_at=now + dt.timedelta(days=28),
        speakers_can_edit=True,
    )
    for position, (name, description, weight) in enumerate(CRITERIA):
        Criterion.objects.create(
            summit=summit, name=name, description=description, weight=weight, position=position
        )
    for email, name, org_type, organisation, country, _expertise in REVIEWERS:
        user = _reviewer_user(email, name, org_type, organisation, country)
        TeamMembership.objects.get_or_create(summit=summit, user=user, role=Role.REVIEWER)
    reviewers = list(queries.summit_reviewers(summit))
    expertise = {email: topics for email, *_rest, topics in REVIEWERS}
    for reviewer in reviewers:
        reviewer.expertise = expertise.get(reviewer.user.email, "open data, access to information")
        reviewer.languages = ["fr", "en"]
        reviewer.save(update_fields=["expertise", "languages"])
        reviewer.preferred_tracks.set(
            Track.objects.filter(
                summit=summit, slug__in=PREFERRED_TRACKS.get(reviewer.user.email, [])
            )
        )
    track = Track.objects.filter(summit=summit, slug=CONVENED_TRACK).first()
    conveners = ReviewerTeam.objects.create(
        summit=summit,
        name={"fr": "Comité de la société civile", "en": "Civil society committee"},
        can_decide=True,
    )
    if track is not None:
        conveners.tracks.add(track)
    conveners.members.add(*[r for r in reviewers if r.user.email == REVIEWERS[0][0]])
    organiser = next(
        (
            membership.user
            for membership in TeamMembership.objects.filter(
                summit=summit, role=Role.ORGANISER
            ).order_by("pk")[:1]
        ),
        None,
    )
    if not reviewers or not queries.reviewable_proposals(summit).exists():
        return True
    domain.publish_assignment(domain.run_assignment(summit, by=organiser))
    reviews = _write_reviews(summit, reviewers)
    if reviews:
        best = max(reviews, key=lambda review: review.total or 0)
        decisions.set_decision(best.proposal, outcome="accept", by=organiser)
    return True


def _write_reviews(summit: Summit, reviewers) -> list:
    first = next((r for r in reviewers if r.user.email.startswith("reviewer@")), None)
    if first is None:
        return []
    criteria = queries.criteria(summit)
    written = []
    for index, proposal in enumerate(queries.assigned_proposals(first).order_by("pk")[:3]):
        scores = {str(c.pk): min(c.scale_max, 2 + (index + c.position) % 4) for c in criteria}
        written.append(
            domain.submit_review(
                first,
                proposal,
                scores=scores,
                comment="Une proposition claire ; préciser le rôle de la société civile.",
            )
        )
    return written
