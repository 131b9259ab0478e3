"""The demo summit: the OGP Global Summit, Paris, December 2016, in French and English.

`build_demo` is idempotent: rows are found by their slugs or e-mail addresses
and updated, so running it again never duplicates anything. By default every
date moves by a whole number of weeks so that the launch event is two weeks
ahead and people can try registering; `historical=True` keeps the 2016 dates.
"""

import datetime as dt
import secrets
import zoneinfo
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from cosummit.accounts.models import OrganisationType, User
from cosummit.hackathon.demo import build_demo_hackathon
from cosummit.programme.demo import build_demo_programme
from cosummit.proposals.demo import build_demo_call
from cosummit.registration.demo import build_demo_registration
from cosummit.review.demo import build_demo_review
from cosummit.toolbox.demo import build_demo_toolbox

from .models import Event, Page, Role, Room, Summit, TeamMembership, Venue

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
LAUNCH_DAY = dt.date(2016, 4, 20)
SUMMIT_SLUG = "ogp-paris-2016"
ORGANISER_EMAIL = "organiser@demo.cosummit.example"
TEAM = [
    (ORGANISER_EMAIL, "Camille Martin", Role.ORGANISER, OrganisationType.GOVERNMENT),
    (
        "moderator@demo.cosummit.example",
        "Awa Diallo",
        Role.MODERATOR,
        OrganisationType.CIVIL_SOCIETY,
    ),
    ("reviewer@demo.cosummit.example", "Lucas Moreau", Role.REVIEWER, OrganisationType.ACADEMIA),
    ("checkin@demo.cosummit.example", "Inès Laurent", Role.CHECKIN, OrganisationType.GOVERNMENT),
]


@dataclass(frozen=True)
class DemoResult:
    summit: Summit
    organiser_email: str
    password: str
    created: bool


def shift_for(today: dt.date, *, historical: bool) -> dt.timedelta:
    """Whole weeks that put the launch event about two weeks after `today`."""
    if historical:
        return dt.timedelta(0)
    weeks = ((today + dt.timedelta(days=14)) - LAUNCH_DAY).days // 7
    return dt.timedelta(weeks=max(weeks, 0))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


SUMMIT_TEXT = {
    "name": {
        "fr": "Sommet mondial du Partenariat pour un gouvernement ouvert",
        "en": "Open Government Partnership Global Summit",
    },
    "tagline": {
        "fr": "Co-construire l'action publique avec la société civile.",
        "en": "Building public action together with civil society.",
    },
    "description": {
        "fr": (
            "La France préside le Partenariat pour un gouvernement ouvert (PGO) pendant un an "
            "à partir d'octobre 2016, aux côtés d'un représentant de la société civile. Point "
            "d'orgue de cette présidence, le Sommet mondial réunit à Paris gouvernements, "
            "collectivités, organisations de la société civile, chercheurs et journalistes des "
            "pays membres.\n\n"
            "Le programme n'est pas écrit à l'avance : il est **co-construit**. Chacun peut "
            "proposer une session, commenter et soutenir les propositions des autres ; un "
            "comité équilibré entre gouvernements et société civile les sélectionne.\n\n"
            "- un appel à propositions ouvert à tous ;\n"
            "- une journée de la société civile la veille du Sommet ;\n"
            "- un hackathon pour bâtir une boîte à outils du gouvernement ouvert."
        ),
        "en": (
            "France chairs the Open Government Partnership (OGP) for one year from October "
            "2016, together with a civil-society co-chair. The high point of that year is the "
            "Global Summit in Paris, bringing together governments, local authorities, "
            "civil-society organisations, researchers and journalists from member countries.\n\n"
            "The programme is not written in advance: it is **co-created**. Anyone can propose "
            "a session, comment on and support other proposals; a committee balanced between "
            "governments and civil society selects them.\n\n"
            "- a call for proposals open to all;\n"
            "- a civil-society day on the eve of the Summit;\n"
            "- a hackathon to build a toolbox for open government."
        ),
    },
}

# (slug, kind, day, start, end, title, summary, description)
EVENTS = [
    (
        "launch", Event.Kind.LAUNCH, LAUNCH_DAY, (18, 0), (19, 0),
        {
            "fr": "Lancement de la co-construction du Sommet",
            "en": "Launch of the Summit co-creation",
        },
        {
            "fr": "Ouverture par le secrétaire d'État chargé de la Réforme de l'État.",
            "en": "Opened by the Minister of State for State Reform.",
        },
        {
            "fr": (
                "Le secrétaire d'État chargé de la Réforme de l'État ouvre la démarche de "
                "co-construction du Sommet mondial. Il présente le calendrier de la présidence "
                "française et invite la société civile à bâtir le programme avec le "
                "gouvernement. La soirée se poursuit par trois ateliers de co-construction.\n\n"
                "Inscription gratuite ; un message de confirmation vous est envoyé."
            ),
            "en": (
                "The Minister of State for State Reform opens the co-creation of the Global "
                "Summit. He presents the calendar of the French chairmanship and invites civil "
                "society to build the programme with the government. The evening continues "
                "with three co-creation workshops.\n\n"
                "Registration is free; you receive a confirmation message."
            ),
        },
    ),
    (
        "workshop-agenda", Event.Kind.WORKSHOP, LAUNCH_DAY, (19, 0), (21, 0),
        {"fr": "Atelier : l'agenda du Sommet", "en": "Workshop: the Summit agenda"},
        {
            "fr": "Quels thèmes, quels formats ? Préparer ensemble l'appel à propositions.",
            "en": "Which themes and formats? Preparing the call for proposals together.",
        },
        {
            "fr": (
                "Nous dessinons ensemble l'appel à propositions : thèmes, formats de sessions "
                "(conférences, tables rondes, ateliers, pitchs) et critères de sélection "
                "équilibrés entre gouvernements et société civile."
            ),
            "en": (
                "Together we sketch the call for proposals: themes, session formats (lectures, "
                "round tables, workshops, pitches) and selection criteria balanced between "
                "governments and civil society."
            ),
        },
    ),
    (
        "workshop-hackathon", Event.Kind.WORKSHOP, LAUNCH_DAY, (19, 0), (21, 0),
        {
            "fr": "Atelier : le hackathon et la boîte à outils",
            "en": "Workshop: the hackathon and the toolbox",
        },
        {
            "fr": (
                "Une boîte à outils pour mettre en pratique les principes du"
                " gouvernement ouvert."
            ),
            "en": "A toolbox to put open-government principles into practice.",
        },
        {
            "fr": (
                "Le hackathon du Sommet produira une boîte à outils publique : logiciels, cas "
                "d'usage et organisations qui font vivre la transparence, la participation et "
                "la redevabilité. Quels défis proposer ? Quelles données ouvrir ?"
            ),
            "en": (
                "The Summit hackathon will produce a public toolbox: software, use cases and "
                "organisations that bring transparency, participation and accountability to "
                "life. Which challenges should we set? Which data should be opened?"
            ),
        },
    ),
    (
        "workshop-cso-day", Event.Kind.WORKSHOP, LAUNCH_DAY, (19, 0), (21, 0),
        {"fr": "Atelier : la journée de la société civile", "en": "Workshop: the CSO Day"},
        {
            "fr": "Préparer la journée des organisations de la société civile.",
            "en": "Preparing the day of civil-society organisations.",
        },
        {
            "fr": (
                "La veille du Sommet, les organisations de la société civile se retrouvent "
                "entre elles. Cet atelier réunit le comité qui en prépare le programme."
            ),
            "en": (
                "On the eve of the Summit, civil-society organisations meet among themselves. "
                "This workshop brings together the committee that prepares its programme."
            ),
        },
    ),
    (
        "workshop-commitments", Event.Kind.WORKSHOP, dt.date(2016, 6, 14), (14, 0), (17, 0),
        {"fr": "Atelier : les engagements de la France", "en": "Workshop: France's commitments"},
        {
            "fr": "Co-écrire le plan d'action national avec les administrations.",
            "en": "Co-writing the national action plan with public services.",
        },
        {},
    ),
    (
        "regional-summit-africa", Event.Kind.REGIONAL, dt.date(2016, 9, 22), (9, 0), (17, 0),
        {
            "fr": "Sommet régional : Afrique francophone",
            "en": "Regional summit: French-speaking Africa",
        },
        {
            "fr": "Partager les pratiques de gouvernement ouvert entre pays de la région.",
            "en": "Sharing open-government practice between countries of the region.",
        },
        {},
    ),
    (
        "conference-open-data", Event.Kind.CONFERENCE, dt.date(2016, 10, 11), (9, 30), (17, 30),
        {
            "fr": "Conférence : données ouvertes et redevabilité",
            "en": "Conference: open data and accountability",
        },
        {},
        {},
    ),
    (
        "cso-day", Event.Kind.CSO_DAY, dt.date(2016, 12, 6), (9, 0), (18, 0),
        {"fr": "Journée de la société civile", "en": "CSO Day"},
        {
            "fr": "Une journée par et pour les organisations de la société civile.",
            "en": "A day by and for civil-society organisations.",
        },
        {},
    ),
    (
        "summit-day-1", Event.Kind.SUMMIT_DAY, dt.date(2016, 12, 7), (9, 0), (19, 0),
        {"fr": "Sommet mondial, jour 1", "en": "Global Summit, day 1"},
        {"fr": "Séance plénière d'ouverture et sessions.", "en": "Opening plenary and sessions."},
        {},
    ),
    (
        "summit-day-2", Event.Kind.SUMMIT_DAY, dt.date(2016, 12, 8), (9, 0), (19, 0),
        {"fr": "Sommet mondial, jour 2", "en": "Global Summit, day 2"},
        {},
        {},
    ),
    (
        "summit-day-3", Event.Kind.SUMMIT_DAY, dt.date(2016, 12, 9), (9, 0), (17, 0),
        {"fr": "Sommet mondial, jour 3", "en": "Global Summit, day 3"},
        {},
        {},
    ),
    (
        "hackathon", Event.Kind.HACKATHON, dt.date(2016, 12, 7), (9, 0), (18, 0),
        {"fr": "Hackathon du gouvernement ouvert", "en": "Open government hackathon"},
        {
            "fr": "Trois jours pour enrichir la boîte à outils du gouvernement ouvert.",
            "en": "Three days to grow the open-government toolbox.",
        },
        {},
    ),
]  # fmt: skip

ROOMS = [
    ({"fr": "Hémicycle", "en": "Hemicycle"}, 350),
    ({"fr": "Salle Léon Jouhaux", "en": "Léon Jouhaux room"}, 120),
    ({"fr": "Salle 229", "en": "Room 229"}, 40),
]


def _team_member(email: str, name: str, org_type: str, password: str) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "name": name,
            "organisation_type": org_type,
            "organisation": "cosummit demo",
            "country": "FR",
            "preferred_language": "fr",
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, created


@transaction.atomic
def build_demo(*, historical: bool = False, password: str | None = None) -> DemoResult:
    """Create or update the demo summit, its events, venue, rooms, page and team.

    Side effects, in order: the summit row; its venue and rooms; its events;
    its practical-information page; four team members (organiser, moderator,
    reviewer, check-in staff) with verified e-mail addresses, created with
    `password` (a random one when None) if they do not exist yet; registration
    on its events, with a few made-up registrants (`build_demo_registration`);
    the call for proposals, with proposals, comments and supports
    (`build_demo_call`); the open-government toolbox (`build_demo_toolbox`);
    the hackathon, with challenges, a jury and a team (`build_demo_hackathon`);
    the review, with criteria, reviewers and a published assignment
    (`build_demo_review`); the programme, placed and released as v1
    (`build_demo_programme`).
    """
    shift = shift_for(timezone.localdate(), historical=historical)
    created = not Summit.objects.filter(slug=SUMMIT_SLUG).exists()
    summit, _ = Summit.objects.update_or_create(
        slug=SUMMIT_SLUG,
        defaults={
            **SUMMIT_TEXT,
            "start_date": dt.date(2016, 12, 7) + shift,
            "end_date": dt.date(2016, 12, 9) + shift,
            "city": "Paris",
            "country": "FR",
            "timezone": "Europe/Paris",
            "languages": ["fr", "en", "es"],
            "is_published": True,
        },
    )
    venue = summit.venues.order_by("pk").first() or Venue(summit=summit)
    venue.name = {"fr": "Palais d'Iéna", "en": "Palais d'Iéna"}
    venue.address = "9 place d'Iéna"
    venue.city = "Paris"
    venue.country = "FR"
    venue.accessibility = {
        "fr": "Entrée de plain-pied par la place d'Iéna ; boucle magnétique dans l'hémicycle.",
        "en": "Step-free entrance from place d'Iéna; hearing loop in the hemicycle.",
    }
    venue.save()
    if summit.venue_id != venue.pk:
        summit.venue = venue
        summit.save(update_fields=["venue"])
    for name, capacity in ROOMS:
        Room.objects.update_or_create(
            venue=venue, name__fr=name["fr"], defaults={"name": name, "capacity": capacity}
        )
    summit_days = {"cso-day", "summit-day-1", "summit-day-2", "summit-day-3", "hackathon"}
    for slug, kind, day, start, end, title, summary, description in EVENTS:
        end_day = day + dt.timedelta(days=2) if slug == "hackathon" else day
        Event.objects.update_or_create(
            summit=summit,
            slug=slug,
            defaults={
                "kind": kind,
                "title": title,
                "summary": summary,
                "description": description,
                "starts_at": _at(day + shift, *start),
                "ends_at": _at(end_day + shift, *end),
                "venue": venue if slug in summit_days or day == LAUNCH_DAY else None,
                "location": "" if slug in summit_days or day == LAUNCH_DAY else _location(slug),
                "is_published": True,
            },
        )
    Page.objects.update_or_create(
        summit=summit,
        slug="practical-information",
        defaults={
            "title": {"fr": "Informations pratiques", "en": "Practical information"},
            "body": {
                "fr": (
                    "## Venir au Palais d'Iéna\n\nMétro Iéna (ligne 9). Pensez à votre pièce "
                    "d'identité : elle est demandée à l'entrée.\n\n## Langues\n\nLes plénières "
                    "sont interprétées en français, anglais et espagnol."
                ),
                "en": (
                    "## Getting to the Palais d'Iéna\n\nMetro Iéna (line 9). Bring an identity "
                    "document: it is checked at the entrance.\n\n## Languages\n\nPlenary "
                    "sessions are interpreted in French, English and Spanish."
                ),
            },
            "position": 1,
        },
    )
    password = password or secrets.token_urlsafe(12)
    organiser_created = False
    for email, name, role, org_type in TEAM:
        user, user_created = _team_member(email, name, org_type, password)
        if email == ORGANISER_EMAIL:
            organiser_created = user_created
            if not user.is_staff:
                user.is_staff = True
                user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
        TeamMembership.objects.get_or_create(summit=summit, user=user, role=role)
    build_demo_registration(summit)
    build_demo_call(summit)
    build_demo_toolbox(summit)
    build_demo_hackathon(summit)
    build_demo_review(summit)
    build_demo_programme(summit)
    return DemoResult(
        summit=summit,
        organiser_email=ORGANISER_EMAIL,
        password=password if organiser_created else "",
        created=created,
    )


def _location(slug: str) -> str:
    return {
        "workshop-commitments": "Paris",
        "regional-summit-africa": "Dakar",
        "conference-open-data": "Lyon",
    }.get(slug, "")
