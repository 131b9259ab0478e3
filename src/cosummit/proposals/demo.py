"""The demo summit's call for proposals: formats, tracks, proposals and their discussion.

`build_demo_call` is idempotent, like the rest of the demo: the call is set up
once (its dates are left alone afterwards), tracks are found by their slugs,
people by their e-mail addresses and proposals by their author and title, and
a proposal already there keeps its speakers, comments and supports. The
people and organisations are made up; people have addresses under
example.org. Proposals go through the same domain functions as on the site,
so each speaker's acknowledgement is in the outbox.
"""

import datetime as dt
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from cosummit.accounts.models import OrganisationType, User
from cosummit.summits.models import Role, Summit, TeamMembership

from . import call_editing, discussion, domain
from .models import Call, FormatKind, Proposal, Track

GOV = OrganisationType.GOVERNMENT
CSO = OrganisationType.CIVIL_SOCIETY
ACADEMIA = OrganisationType.ACADEMIA

INTRODUCTION = {
    "fr": (
        "Gouvernements, collectivités, organisations de la société civile, chercheurs et "
        "journalistes : proposez une session pour le Sommet. Les propositions sont publiées "
        "au fil de l'eau ; chacun peut les lire, les commenter et les soutenir.\n\n"
        "Les sessions **co-portées** par un gouvernement et une organisation de la société "
        "civile sont particulièrement attendues."
    ),
    "en": (
        "Governments, local authorities, civil-society organisations, researchers and "
        "journalists: propose a session for the Summit. Proposals are published as they come "
        "in; anyone can read, discuss and support them.\n\n"
        "Sessions **co-led** by a government and a civil-society organisation are especially "
        "welcome."
    ),
}

# (slug, name, description)
TRACKS = [
    (
        "access-to-information",
        {"fr": "Accès à l'information", "en": "Access to information"},
        {
            "fr": "Droit de savoir, demandes d'accès aux documents, publication proactive.",
            "en": "The right to know, requests for public records, proactive publication.",
        },
    ),
    (
        "civic-participation",
        {"fr": "Participation citoyenne", "en": "Civic participation"},
        {
            "fr": "Consultations, budgets participatifs, co-écriture des lois et des politiques.",
            "en": "Consultations, participatory budgets, co-writing laws and policies.",
        },
    ),
    (
        "fiscal-openness",
        {"fr": "Transparence budgétaire", "en": "Fiscal openness"},
        {
            "fr": "Budgets lisibles, dépense publique suivie de bout en bout, marchés publics.",
            "en": "Readable budgets, public spending followed end to end, public procurement.",
        },
    ),
    (
        "anti-corruption",
        {"fr": "Lutte contre la corruption", "en": "Anti-corruption"},
        {
            "fr": "Bénéficiaires effectifs, lanceurs d'alerte, conflits d'intérêts, lobbying.",
            "en": "Beneficial ownership, whistleblowers, conflicts of interest, lobbying.",
        },
    ),
    (
        "open-data-digital",
        {
            "fr": "Données ouvertes et gouvernance numérique",
            "en": "Open data and digital governance",
        },
        {
            "fr": "Données publiques ouvertes, logiciels libres, services publics numériques.",
            "en": "Open public data, free software, digital public services.",
        },
    ),
]


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    organisation: str
    organisation_type: str
    country: str
    language: str


PEOPLE = {
    "nadia": Person(
        "nadia.benali@example.org",
        "Nadia Benali",
        "Observatoire citoyen de la dépense publique",
        CSO,
        "TN",
        "fr",
    ),
    "olivier": Person(
        "olivier.garnier@example.org",
        "Olivier Garnier",
        "Direction de la transformation publique (fictive)",
        GOV,
        "FR",
        "fr",
    ),
    "amara": Person(
        "amara.ndiaye@example.org",
        "Amara Ndiaye",
        "Collectif Données pour Tous",
        CSO,
        "SN",
        "fr",
    ),
    "grace": Person(
        "grace.otieno@example.org",
        "Grace Otieno",
        "Open Ledger Initiative",
        CSO,
        "KE",
        "en",
    ),
    "rafael": Person(
        "rafael.souza@example.org",
        "Rafael Souza",
        "Secretariat for Digital Government of Vale Verde (fictional)",
        GOV,
        "BR",
        "en",
    ),
    "maria": Person(
        "maria.reyes@example.org",
        "María Reyes",
        "Civic Lab Network",
        CSO,
        "MX",
        "en",
    ),
    "thomas": Person(
        "thomas.leclerc@example.org",
        "Thomas Leclerc",
        "Ville de Rivebelle (fictive)",
        GOV,
        "FR",
        "fr",
    ),
    "helen": Person(
        "helen.price@example.org",
        "Helen Price",
        "Institute for Accountable Institutions",
        ACADEMIA,
        "GB",
        "en",
    ),
    "sophie": Person(
        "sophie.tremblay@example.org",
        "Sophie Tremblay",
        "Réseau Parlement Ouvert",
        CSO,
        "CA",
        "fr",
    ),
    "kwame": Person(
        "kwame.asante@example.org",
        "Kwame Asante",
        "Ministry of Public Integrity of Eastmere (fictional)",
        GOV,
        "GH",
        "en",
    ),
}


@dataclass(frozen=True)
class Organisation:
    name: str
    organisation_type: str
    country: str


@dataclass
class DemoProposal:
    author: str
    title: str
    abstract: str
    description: str
    language: str
    format_kind: str
    track: str
    session_language: str
    organisations: list[Organisation]
    duration: int | None = None
    other_language: str = ""
    other_title: str = ""
    other_abstract: str = ""
    interpretation: list[str] = field(default_factory=list)
    expected_audience: int | None = None
    audience_description: str = ""
    days_ago: int = 0


PROPOSALS = [
    DemoProposal(
        author="nadia",
        title="Suivre l'argent public de la loi de finances à l'école du quartier",
        abstract=(
            "Comment une association et un ministère des finances ont publié, ligne par ligne, "
            "le chemin des crédits de l'éducation jusqu'aux établissements, et ce que les "
            "parents d'élèves en ont fait."
        ),
        description=(
            "## Déroulé\n\n"
            "1. Présentation de l'outil de suivi de la dépense (15 min)\n"
            "2. Témoignages de parents et de chefs d'établissement (20 min)\n"
            "3. Atelier : tracer un crédit de votre pays (40 min)\n\n"
            "Les participants repartent avec une **méthode** et un jeu de données d'exemple."
        ),
        language="fr",
        other_language="en",
        other_title="Following public money from the budget law to the neighbourhood school",
        other_abstract=(
            "How an association and a finance ministry published, line by line, the path of "
            "education funds down to schools, and what parents did with it."
        ),
        format_kind=FormatKind.WORKSHOP,
        duration=75,
        track="fiscal-openness",
        session_language="fr",
        interpretation=["en"],
        expected_audience=40,
        audience_description="Administrations financières, associations de parents, journalistes",
        organisations=[
            Organisation("Observatoire citoyen de la dépense publique", CSO, "TN"),
            Organisation("Ministère des Finances de Carthalie (fictif)", GOV, "TN"),
        ],
        days_ago=12,
    ),
    DemoProposal(
        author="olivier",
        title="Des algorithmes publics expliqués à celles et ceux qu'ils concernent",
        abstract=(
            "Les administrations utilisent des algorithmes pour attribuer des places, des aides "
            "ou des contrôles. Nous présentons un guide pour les expliquer en langage clair et "
            "le testons avec le public."
        ),
        description=(
            "Une table ronde entre une administration, un collectif de juristes et des "
            "usagers.\n\n- Qu'est-ce qu'une explication utile ?\n- Que publier : code, règles, "
            "données ?\n- Comment recueillir les contestations ?"
        ),
        language="fr",
        format_kind=FormatKind.ROUND_TABLE,
        duration=60,
        track="open-data-digital",
        session_language="fr",
        interpretation=["en", "es"],
        expected_audience=80,
        audience_description="Agents publics, chercheurs, associations d'usagers",
        organisations=[
            Organisation("Direction de la transformation publique (fictive)", GOV, "FR"),
            Organisation("Collectif Droit et Code", CSO, "FR"),
        ],
        days_ago=11,
    ),
    DemoProposal(
        author="grace",
        title="Beneficial ownership registers that journalists can actually use",
        abstract=(
            "Registers of who really owns companies exist in many countries, but few are "
            "searchable or linked to procurement data. Reporters and a registry office share "
            "what made theirs useful."
        ),
        description=(
            "A panel with a company registry, two investigative reporters and a data "
            "engineer.\n\nWe will show **three stories** that started from the register and "
            "the data fixes each one needed."
        ),
        language="en",
        other_language="fr",
        other_title="Des registres des bénéficiaires effectifs vraiment utiles aux journalistes",
        other_abstract=(
            "Beaucoup de pays tiennent un registre des bénéficiaires effectifs des sociétés, "
            "mais peu sont consultables ou reliés aux marchés publics. Des journalistes et un "
            "greffe racontent ce qui a rendu le leur utile."
        ),
        format_kind=FormatKind.LECTURE,
        duration=60,
        track="anti-corruption",
        session_language="en",
        interpretation=["fr"],
        expected_audience=120,
        audience_description="Journalists, registry officials, anti-corruption agencies",
        organisations=[
            Organisation("Open Ledger Initiative", CSO, "KE"),
            Organisation("Business Registration Office of Lakeland (fictional)", GOV, "KE"),
        ],
        days_ago=10,
    ),
    DemoProposal(
        author="rafael",
        title="One login, every public service: lessons from a national digital identity",
        abstract=(
            "A single sign-on for public services raised take-up but also fears of tracking. "
            "We explain the safeguards we negotiated with civil society and what we would do "
            "differently."
        ),
        description=(
            "The session opens with a short account of the rollout, then a debate with the "
            "digital-rights groups that challenged it.\n\nQuestions from the floor take half "
            "of the time."
        ),
        language="en",
        format_kind=FormatKind.LECTURE,
        duration=45,
        track="open-data-digital",
        session_language="en",
        interpretation=["fr", "es"],
        expected_audience=100,
        audience_description="Digital service teams, privacy advocates",
        organisations=[
            Organisation("Secretariat for Digital Government of Vale Verde (fictional)", GOV, "BR"),
        ],
        days_ago=9,
    ),
    DemoProposal(
        author="maria",
        title="Participatory budgeting in 15 minutes: a kit for small towns",
        abstract=(
            "Small municipalities rarely have the staff for participatory budgeting. We pitch a "
            "free kit (calendar, ballot templates, open-source voting app) already used by 30 "
            "towns."
        ),
        description=(
            "A pitch followed by a demonstration of the voting app on the participants' phones."
        ),
        language="en",
        other_language="fr",
        other_title=(
            "Le budget participatif en 15 minutes : une boîte à outils pour les petites communes"
        ),
        other_abstract="",
        format_kind=FormatKind.PITCH,
        duration=15,
        track="civic-participation",
        session_language="en",
        expected_audience=50,
        organisations=[Organisation("Civic Lab Network", CSO, "MX")],
        days_ago=8,
    ),
    DemoProposal(
        author="thomas",
        title="Budget participatif : quand les habitants votent, qui décide vraiment ?",
        abstract=(
            "Après cinq éditions du budget participatif de Rivebelle, élus, agents et habitants "
            "tirent le bilan : projets réalisés, quartiers absents du vote, place du conseil "
            "municipal."
        ),
        description=(
            "Atelier en petits groupes, à partir de données de participation publiées en "
            "*open data*. Chaque groupe propose une règle pour mieux associer les quartiers "
            "qui votent peu."
        ),
        language="fr",
        format_kind=FormatKind.WORKSHOP,
        duration=80,
        track="civic-participation",
        session_language="fr",
        interpretation=["en"],
        expected_audience=35,
        audience_description="Élus locaux, agents territoriaux, associations de quartier",
        organisations=[
            Organisation("Ville de Rivebelle (fictive)", GOV, "FR"),
            Organisation("Conseil des habitants de Rivebelle", CSO, "FR"),
        ],
        days_ago=7,
    ),
    DemoProposal(
        author="amara",
        title="Ouvrir les données de l'eau potable avec les communes rurales",
        abstract=(
            "Où sont les forages, lesquels fonctionnent, qui les entretient ? Un collectif et "
            "trois communes ont cartographié ensemble les points d'eau et publient leur état "
            "chaque semaine."
        ),
        description=(
            "Nous montrons la chaîne complète : relevés par SMS, validation par les communes, "
            "publication sous licence ouverte, réutilisation par une radio locale."
        ),
        language="fr",
        other_language="en",
        other_title="Opening drinking-water data with rural municipalities",
        other_abstract=(
            "Where are the boreholes, which ones work, who maintains them? A collective and "
            "three municipalities mapped water points together and publish their state every "
            "week."
        ),
        format_kind=FormatKind.LECTURE,
        duration=45,
        track="open-data-digital",
        session_language="fr",
        interpretation=["en"],
        expected_audience=60,
        organisations=[
            Organisation("Collectif Données pour Tous", CSO, "SN"),
            Organisation("Commune de Keur Fictif", GOV, "SN"),
        ],
        days_ago=6,
    ),
    DemoProposal(
        author="helen",
        title="Do freedom of information laws work? Ten years of request data",
        abstract=(
            "We analysed 200,000 information requests across eight countries: response times, "
            "refusals, appeals. The findings point to a few cheap reforms that change a lot."
        ),
        description=(
            "A short presentation of the study, followed by responses from an information "
            "commissioner and a requester who filed over 500 requests."
        ),
        language="en",
        format_kind=FormatKind.LECTURE,
        duration=60,
        track="access-to-information",
        session_language="en",
        expected_audience=90,
        audience_description="Information commissioners, researchers, NGOs",
        organisations=[Organisation("Institute for Accountable Institutions", ACADEMIA, "GB")],
        days_ago=5,
    ),
    DemoProposal(
        author="sophie",
        title="Un parlement ouvert, c'est quoi ? Retours de trois assemblées",
        abstract=(
            "Votes nominatifs publiés, amendements en ligne, consultations sur les projets de "
            "loi : trois assemblées comparent leurs engagements de parlement ouvert avec les "
            "associations qui les suivent."
        ),
        description=(
            "Table ronde animée par une journaliste parlementaire. Chaque assemblée présente "
            "**un succès et un échec**."
        ),
        language="fr",
        format_kind=FormatKind.ROUND_TABLE,
        duration=75,
        track="access-to-information",
        session_language="fr",
        interpretation=["en", "es"],
        expected_audience=70,
        organisations=[
            Organisation("Réseau Parlement Ouvert", CSO, "CA"),
            Organisation("Assemblée de la province de Belle-Rive (fictive)", GOV, "CA"),
        ],
        days_ago=4,
    ),
    DemoProposal(
        author="kwame",
        title="Protecting whistleblowers in the public service: a law written with unions",
        abstract=(
            "Our whistleblower protection law was drafted with public-sector unions and "
            "anti-corruption groups. We share the drafting method and the first two years of "
            "reports."
        ),
        description=(
            "A workshop: participants map the channels for reporting wrongdoing in their own "
            "administrations and find where protection fails."
        ),
        language="en",
        other_language="fr",
        other_title="Protéger les lanceurs d'alerte dans la fonction publique",
        other_abstract=(
            "Notre loi de protection des lanceurs d'alerte a été rédigée avec les syndicats "
            "de la fonction publique et des associations anticorruption."
        ),
        format_kind=FormatKind.WORKSHOP,
        duration=80,
        track="anti-corruption",
        session_language="en",
        interpretation=["fr"],
        expected_audience=45,
        organisations=[
            Organisation("Ministry of Public Integrity of Eastmere (fictional)", GOV, "GH"),
            Organisation("Integrity Watch Eastmere", CSO, "GH"),
        ],
        days_ago=3,
    ),
    DemoProposal(
        author="grace",
        title="Open contracting for health: tracing medicine purchases",
        abstract=(
            "Publishing every step of medicine procurement, from tender to delivery, helped a "
            "county spot inflated prices. We show the data standard and the dashboards nurses "
            "now use."
        ),
        description="A pitch with a live look at the procurement dashboard.",
        language="en",
        format_kind=FormatKind.PITCH,
        duration=10,
        track="fiscal-openness",
        session_language="en",
        expected_audience=40,
        organisations=[
            Organisation("Open Ledger Initiative", CSO, "KE"),
            Organisation("County Health Department of Lakeland (fictional)", GOV, "KE"),
        ],
        days_ago=2,
    ),
    DemoProposal(
        author="amara",
        title="Soirée cartographie ouverte au tiers-lieu du Sommet",
        abstract=(
            "Une soirée hors les murs pour cartographier ensemble les services publics de "
            "Paris sur une carte libre, avec des contributeurs venus de toute la francophonie."
        ),
        description=(
            "Ouvert à tous, débutants bienvenus. Apportez un ordinateur portable ou un téléphone."
        ),
        language="fr",
        format_kind=FormatKind.EXTERNAL,
        track="open-data-digital",
        session_language="fr",
        expected_audience=30,
        organisations=[Organisation("Collectif Données pour Tous", CSO, "SN")],
        days_ago=1,
    ),
]

# (title of the proposal, person invited and accepting)
CO_SPEAKERS = [
    ("Suivre l'argent public de la loi de finances à l'école du quartier", "olivier"),
]

# (title, commenter, text, index of the comment answered in this list or None)
COMMENTS = [
    (
        "Suivre l'argent public de la loi de finances à l'école du quartier",
        "amara",
        "Très utile ! Pourriez-vous montrer aussi les crédits qui n'arrivent jamais aux "
        "établissements ?",
        None,
    ),
    (
        "Suivre l'argent public de la loi de finances à l'école du quartier",
        "nadia",
        "Oui, c'est justement le cœur de l'atelier : nous comparons le voté et le payé.",
        0,
    ),
    (
        "Beneficial ownership registers that journalists can actually use",
        "helen",
        "Our study has data on how often registers are cited in court cases; happy to share "
        "it with the panel.",
        None,
    ),
    (
        "Beneficial ownership registers that journalists can actually use",
        "grace",
        "Thank you, that would make a strong opening slide.",
        2,
    ),
    (
        "Budget participatif : quand les habitants votent, qui décide vraiment ?",
        "maria",
        "We faced the same question in several towns. Would you like to join forces with our "
        "pitch on the participatory budgeting kit?",
        None,
    ),
    (
        "Do freedom of information laws work? Ten years of request data",
        "sophie",
        "Les assemblées sont-elles couvertes par votre étude ? Chez nous, elles échappent à "
        "la loi d'accès.",
        None,
    ),
]

# title -> supporters
SUPPORTS = {
    "Suivre l'argent public de la loi de finances à l'école du quartier": [
        "amara",
        "grace",
        "helen",
        "sophie",
        "thomas",
    ],
    "Beneficial ownership registers that journalists can actually use": [
        "helen",
        "kwame",
        "nadia",
    ],
    "Budget participatif : quand les habitants votent, qui décide vraiment ?": [
        "maria",
        "sophie",
    ],
    "Ouvrir les données de l'eau potable avec les communes rurales": [
        "olivier",
        "grace",
        "rafael",
    ],
    "Do freedom of information laws work? Ten years of request data": ["sophie"],
    "Protecting whistleblowers in the public service: a law written with unions": [
        "grace",
        "nadia",
    ],
}


def _person(person: Person) -> User:
    user, created = User.objects.get_or_create(
        email=person.email,
        defaults={
            "name": person.name,
            "organisation": person.organisation,
            "organisation_type": person.organisation_type,
            "country": person.country,
            "preferred_language": person.language,
        },
    )
    if created:
        # Demo people do not log in; the team's accounts are there for trying the site.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=person.email, defaults={"verified": True, "primary": True}
    )
    return user


def _organiser(summit: Summit) -> User:
    membership = (
        TeamMembership.objects.filter(summit=summit, role=Role.ORGANISER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise ValueError("The demo call needs an organiser in the summit's team.")
    return membership.user


def _call(summit: Summit, organiser: User) -> Call:
    call = Call.objects.filter(summit=summit).first()
    if call is not None:
        return call
    today = timezone.localdate(timezone=summit.tz)
    opens = dt.datetime.combine(today - dt.timedelta(days=21), dt.time(9, 0), tzinfo=summit.tz)
    closes = dt.datetime.combine(today + dt.timedelta(days=60), dt.time(23, 59), tzinfo=summit.tz)
    return call_editing.create_call(
        summit,
        by=organiser,
        opens_at=opens,
        closes_at=closes,
        introduction=INTRODUCTION,
        is_discussion_public=True,
        max_co_speakers=4,
        max_proposals_per_person=5,
        reports_to_hide=3,
        interpretation_languages=["fr", "en", "es"],
    )


def _tracks(summit: Summit, organiser: User) -> dict[str, Track]:
    tracks = {}
    for position, (slug, name, description) in enumerate(TRACKS):
        fields = {"name": name, "description": description, "position": position}
        track = Track.objects.filter(summit=summit, slug=slug).first()
        if track is None:
            track = call_editing.create_track(summit, by=organiser, slug=slug, **fields)
        else:
            call_editing.update_track(track, by=organiser, **fields)
        tracks[slug] = track
    return tracks


def _proposal(summit, call, tracks, people, data: DemoProposal) -> tuple[Proposal, bool]:
    author = people[data.author]
    existing = Proposal.objects.filter(summit=summit, created_by=author, title=data.title).first()
    if existing is not None:
        return existing, False
    session_format = call.formats.get(kind=data.format_kind)
    proposal = domain.create_proposal(
        summit,
        by=author,
        format=session_format,
        track=tracks[data.track],
        language=data.language,
        session_language=data.session_language,
        duration=data.duration,
        title=data.title,
        abstract=data.abstract,
        description=data.description,
        other_language=data.other_language,
        other_title=data.other_title,
        other_abstract=data.other_abstract,
        expected_audience=data.expected_audience,
        audience_description=data.audience_description,
        interpretation=data.interpretation,
    )
    domain.update_proposal(
        proposal,
        by=author,
        organisations=[
            domain.OrganisationData(
                name=organisation.name,
                organisation_type=organisation.organisation_type,
                country=organisation.country,
            )
            for organisation in data.organisations
        ],
    )
    domain.submit_proposal(proposal, by=author)
    # Spread the submissions over the past days, as in a call that has been open a while.
    submitted_at = timezone.now() - dt.timedelta(days=data.days_ago, hours=data.days_ago % 5)
    Proposal.objects.filter(pk=proposal.pk).update(submitted_at=submitted_at)
    proposal.submitted_at = submitted_at
    return proposal, True


@transaction.atomic
def build_demo_call(summit: Summit) -> list[Proposal]:
    """Create or complete the demo call of `summit`; return its demo proposals.

    Side effects, in order: the call with its default formats (once); five
    tracks in French and English; the made-up proposers with verified
    addresses; each new proposal written, given its organisations and
    submitted (acknowledgements queued); co-speakers invited and accepting
    (invitations queued); comments and supports on the new proposals.
    """
    organiser = _organiser(summit)
    call = _call(summit, organiser)
    tracks = _tracks(summit, organiser)
    people = {key: _person(person) for key, person in PEOPLE.items()}
    proposals = {}
    new = set()
    for data in PROPOSALS:
        proposal, created = _proposal(summit, call, tracks, people, data)
        proposals[data.title] = proposal
        if created:
            new.add(data.title)
    for title, key in CO_SPEAKERS:
        if title not in new:
            continue
        invitation = domain.invite_co_speaker(
            proposals[title], email=people[key].email, by=proposals[title].created_by
        )
        domain.accept_invitation(invitation, user=people[key])
    posted = []
    for title, key, body, parent_index in COMMENTS:
        if title not in new:
            posted.append(None)
            continue
        parent = posted[parent_index] if parent_index is not None else None
        posted.append(
            discussion.post_comment(proposals[title], by=people[key], body=body, parent=parent)
        )
    for title, keys in SUPPORTS.items():
        if title not in new:
            continue
        for key in keys:
            discussion.support_proposal(proposals[title], by=people[key])
    return list(proposals.values())
