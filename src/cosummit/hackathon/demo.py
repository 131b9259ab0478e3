"""The demo hackathon: rules, challenges, a jury, prizes and one team with its project.

`build_demo_hackathon` is idempotent, like the rest of the demo: rows are found
by their event and English title, position, rank or e-mail address, and
updated, so running it again never duplicates anything. Organisations and
people are made up; addresses are under example.org.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.db import transaction

from cosummit.accounts.models import OrganisationType, User
from cosummit.summits.models import Event, Role, Summit, TeamMembership

from .models import (
    Challenge,
    ChallengeState,
    Criterion,
    HackathonSettings,
    Juror,
    Prize,
    Project,
    ProjectState,
    Team,
    TeamMember,
)

CHALLENGES = [
    {
        "title": {
            "fr": "Suivre un marché public de l'appel d'offres à la livraison",
            "en": "Follow a public contract from tender to delivery",
        },
        "description": {
            "fr": "Les avis de marché, les attributions et les factures sont publiés sur trois "
            "sites différents, en PDF. Comment permettre à chacun de suivre **un marché de bout "
            "en bout** ?",
            "en": "Tender notices, awards and invoices are published on three different sites, "
            "as PDF files. How could anyone follow **one contract from end to end**?",
        },
        "links": [
            {"title": "Contracts 2015–2016 (CSV)", "url": "https://data.example.org/contracts"},
            {"title": "Open Contracting Data Standard", "url": "https://standard.example.org/"},
        ],
        "organisation_name": "Ville de Nulle-Part",
        "organisation_type": OrganisationType.GOVERNMENT,
        "organisation_country": "FR",
        "state": ChallengeState.APPROVED,
    },
    {
        "title": {
            "fr": "Rendre lisibles les votes du parlement",
            "en": "Make parliament's votes readable",
        },
        "description": {
            "fr": "Les votes nominatifs existent mais personne ne les lit. Aidez les citoyens à "
            "voir comment leurs élus votent, texte par texte.",
            "en": "Roll-call votes exist but nobody reads them. Help citizens see how their "
            "representatives vote, bill by bill.",
        },
        "links": [{"title": "Roll-call votes (JSON)", "url": "https://data.example.org/votes"}],
        "organisation_name": "Observatoire citoyen fictif",
        "organisation_type": OrganisationType.CIVIL_SOCIETY,
        "organisation_country": "SN",
        "state": ChallengeState.APPROVED,
    },
    {
        "title": {
            "fr": "Cartographier les points d'eau potable",
            "en": "Map drinking water points",
        },
        "description": {
            "fr": "Les relevés de qualité de l'eau sont tenus à jour par chaque commune. "
            "Rassemblez-les sur une carte utile aux habitants.",
            "en": "Each town keeps its own water quality readings. Bring them together on a map "
            "that residents can use.",
        },
        "links": [{"title": "Water readings", "url": "https://data.example.org/water"}],
        "organisation_name": "Ministry of Examples",
        "organisation_type": OrganisationType.GOVERNMENT,
        "organisation_country": "GH",
        "state": ChallengeState.APPROVED,
    },
    {
        "title": {
            "fr": "Ouvrir le budget des cantines scolaires",
            "en": "Open the school meals budget",
        },
        "description": {
            "fr": "Combien coûte un repas, et qui le fournit ?",
            "en": "What does a meal cost, and who supplies it?",
        },
        "links": [],
        "organisation_name": "Parents Together Example",
        "organisation_type": OrganisationType.CIVIL_SOCIETY,
        "organisation_country": "BR",
        "state": ChallengeState.PENDING,
    },
]
CRITERIA = [
    ({"fr": "Impact pour les citoyens", "en": "Impact for citizens"}, 3),
    ({"fr": "Ouverture et réutilisation", "en": "Openness and reuse"}, 2),
    ({"fr": "Faisabilité", "en": "Feasibility"}, 1),
]
PRIZES = [
    (
        1,
        {"fr": "Grand prix du gouvernement ouvert", "en": "Open government grand prize"},
        {"fr": "Un an d'accompagnement.", "en": "A year of support."},
    ),
    (
        2,
        {"fr": "Prix de la réutilisation", "en": "Reuse prize"},
        {"fr": "Pour le projet le plus facile à reprendre.", "en": "For the easiest to reuse."},
    ),
]
# A registrant of the registration demo, confirmed for the hackathon, with an account.
PARTICIPANT = ("marc.essai@example.org", "Marc Essai", "Atelier du Code Fictif")


def _participant() -> User:
    email, name, organisation = PARTICIPANT
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "organisation": organisation,
            "organisation_type": OrganisationType.CIVIL_SOCIETY,
            "country": "BE",
            "preferred_language": "fr",
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _first(summit: Summit, role: str) -> User | None:
    membership = TeamMembership.objects.filter(summit=summit, role=role).order_by("pk").first()
    return membership.user if membership else None


@transaction.atomic
def build_demo_hackathon(summit: Summit) -> Event | None:
    """Fill the summit's first hackathon event with a demo; return it (None when it has none).

    Side effects, in order: its settings (teams of five, projects until four
    hours before the end); four challenges (three published, one awaiting
    approval) proposed by the moderator; three jury criteria; two prizes; the
    summit's reviewer on the jury; an account for a registrant of the
    registration demo, and their team with a submitted project.
    """
    event = Event.objects.filter(summit=summit, kind=Event.Kind.HACKATHON).order_by("pk").first()
    if event is None:
        return None
    HackathonSettings.objects.update_or_create(
        event=event,
        defaults={
            "team_size_limit": 5,
            "submission_deadline": event.ends_at - dt.timedelta(hours=4),
        },
    )
    proposer = _first(summit, Role.MODERATOR)
    challenges = []
    for fields in CHALLENGES:
        challenge, _created = Challenge.objects.update_or_create(
            event=event,
            title__en=fields["title"]["en"],
            defaults={**fields, "proposed_by": proposer},
        )
        challenges.append(challenge)
    for position, (name, weight) in enumerate(CRITERIA, start=1):
        Criterion.objects.update_or_create(
            event=event,
            position=position,
            defaults={"name": name, "weight": weight, "min_score": 0, "max_score": 5},
        )
    for rank, title, description in PRIZES:
        Prize.objects.update_or_create(
            event=event, rank=rank, defaults={"title": title, "description": description}
        )
    reviewer = _first(summit, Role.REVIEWER)
    if reviewer is not None:
        Juror.objects.get_or_create(event=event, user=reviewer)
    participant = _participant()
    team, _created = Team.objects.update_or_create(
        event=event,
        name="Fontaines ouvertes",
        defaults={
            "description": "Des données de l'eau, une carte, des habitants mieux informés.",
            "skills_wanted": ["cartographie", "design", "Python"],
            "created_by": participant,
        },
    )
    TeamMember.objects.get_or_create(event=event, user=participant, defaults={"team": team})
    Project.objects.update_or_create(
        team=team,
        defaults={
            "event": event,
            "challenge": challenges[2],
            "title": "Carte des fontaines",
            "description": (
                "Une carte des points d'eau potable, mise à jour chaque nuit à partir des "
                "relevés des communes.\n\n- recherche par adresse\n- alerte en cas de "
                "fermeture\n- données réutilisables en CSV"
            ),
            "language": "fr",
            "repository_url": "https://git.example.org/fontaines",
            "demo_url": "https://fontaines.example.org/",
            "licence": "AGPL-3.0-or-later",
            "state": ProjectState.SUBMITTED,
            "submitted_at": event.starts_at + dt.timedelta(hours=30),
        },
    )
    return event
