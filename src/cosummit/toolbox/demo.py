"""A small demo toolbox: ten cards in French and English, linked to each other.

`build_demo_toolbox` is idempotent: themes, cards and links are found by their
short names and updated, so running it again never duplicates anything. The
texts describe kinds of open-government tools, not real products.
"""

from django.db import transaction

from cosummit.summits.models import Summit, TeamMembership

from .domain import index_card, refresh_rating_counters
from .models import Card, CardKind, CardLink, Licence, LinkType, Rating, Tag

TAGS = {
    "participation": {"fr": "Participation citoyenne", "en": "Citizen participation"},
    "open-data": {"fr": "Données ouvertes", "en": "Open data"},
    "open-contracting": {"fr": "Commande publique ouverte", "en": "Open contracting"},
    "transparency": {"fr": "Transparence", "en": "Transparency"},
    "budget": {"fr": "Budget participatif", "en": "Participatory budgeting"},
}

CARDS = [
    {
        "slug": "participatory-budgeting-platform",
        "kind": CardKind.TOOL,
        "title": {
            "fr": "Plateforme de budget participatif",
            "en": "Participatory budgeting platform",
        },
        "description": {
            "fr": "Les habitants **proposent des projets**, la collectivité vérifie leur "
            "faisabilité, puis chacun vote pour répartir une part du budget "
            "d’investissement.\n\n- dépôt et carte des projets\n- vote en ligne et en "
            "bureau de vote\n- suivi de la réalisation",
            "en": "Residents **propose projects**, the local authority checks that they "
            "can be done, then everyone votes to share out part of the investment "
            "budget.\n\n- project submission and map\n- online and in-person voting\n"
            "- follow-up of delivery",
        },
        "tags": ["participation", "budget"],
        "licence": Licence.AGPL_3,
        "website": "https://budget.example.org/",
        "repository": "https://git.example.org/civic/budget",
        "languages": ["fr", "en", "es"],
    },
    {
        "slug": "open-data-portal",
        "kind": CardKind.TOOL,
        "title": {"fr": "Portail de données ouvertes", "en": "Open data portal"},
        "description": {
            "fr": "Un catalogue où les administrations publient leurs jeux de données "
            "avec leurs métadonnées, et où les réutilisateurs présentent ce qu’ils en "
            "font.",
            "en": "A catalogue where public bodies publish their data sets with their "
            "metadata, and where re-users show what they build with them.",
        },
        "tags": ["open-data", "transparency"],
        "licence": Licence.AGPL_3,
        "website": "https://data.example.org/",
        "repository": "https://git.example.org/civic/data-portal",
        "languages": ["fr", "en"],
    },
    {
        "slug": "public-consultation-tool",
        "kind": CardKind.TOOL,
        "title": {"fr": "Outil de consultation publique", "en": "Public consultation tool"},
        "description": {
            "fr": "Mettre un projet de texte en ligne, article par article, pour que le "
            "public l’annote, propose des modifications et vote sur celles des autres.",
            "en": "Put a draft text online, article by article, so that the public "
            "can annotate it, suggest changes and vote on those of others.",
        },
        "tags": ["participation", "transparency"],
        "licence": Licence.GPL_3,
        "website": "https://consult.example.org/",
        "repository": "https://git.example.org/civic/consult",
        "languages": ["fr", "en", "pt"],
    },
    {
        "slug": "contracting-data-publisher",
        "kind": CardKind.TOOL,
        "title": {
            "fr": "Publication des données de marchés publics",
            "en": "Public contracting data publisher",
        },
        "description": {
            "fr": "Convertit les données des marchés publics dans un standard ouvert, "
            "de l’appel d’offres au paiement, et les publie pour les journalistes et "
            "les entreprises.",
            "en": "Converts public procurement data to an open standard, from tender "
            "to payment, and publishes it for journalists and businesses.",
        },
        "tags": ["open-contracting", "open-data"],
        "licence": Licence.MIT,
        "repository": "https://git.example.org/civic/contracting",
        "languages": ["en", "fr", "es"],
    },
    {
        "slug": "information-request-platform",
        "kind": CardKind.TOOL,
        "title": {
            "fr": "Plateforme de demandes d’accès à l’information",
            "en": "Freedom of information request platform",
        },
        "description": {
            "fr": "Chacun peut adresser une demande d’accès à un document administratif ; "
            "la demande et la réponse sont publiées pour profiter à tous.",
            "en": "Anyone can ask a public body for a document; the request and the "
            "answer are published so that everyone benefits.",
        },
        "tags": ["transparency"],
        "licence": Licence.AGPL_3,
        "website": "https://ask.example.org/",
        "languages": ["fr", "en"],
    },
    {
        "slug": "parliament-monitoring-tool",
        "kind": CardKind.TOOL,
        "title": {
            "fr": "Outil de suivi de l’activité parlementaire",
            "en": "Parliamentary monitoring tool",
        },
        "description": {
            "fr": "Rassemble les votes, amendements et interventions des élus pour "
            "rendre le travail parlementaire lisible.",
            "en": "Gathers the votes, amendments and speeches of members of parliament "
            "to make parliamentary work readable.",
        },
        "tags": ["transparency", "open-data"],
        "licence": Licence.OTHER,
        "licence_other": "Licence ouverte 2.0",
        "languages": ["fr"],
    },
    {
        "slug": "city-budget-vote",
        "kind": CardKind.USE_CASE,
        "title": {
            "fr": "Une ville fait voter ses habitants sur son budget",
            "en": "A city lets its residents vote on its budget",
        },
        "description": {
            "fr": "Chaque année, une part du budget d’investissement est attribuée aux "
            "projets choisis par les habitants, collégiens compris.",
            "en": "Every year, part of the investment budget goes to the projects "
            "chosen by residents, secondary-school pupils included.",
        },
        "tags": ["budget", "participation"],
    },
    {
        "slug": "draft-law-consultation",
        "kind": CardKind.USE_CASE,
        "title": {
            "fr": "Un ministère consulte le public sur un projet de loi",
            "en": "A ministry consults the public on a draft law",
        },
        "description": {
            "fr": "Avant son examen au Parlement, un projet de loi est ouvert aux "
            "contributions ; le ministère publie ce qu’il en retient et pourquoi.",
            "en": "Before parliament reads it, a draft law is opened to contributions; "
            "the ministry publishes what it keeps from them and why.",
        },
        "tags": ["participation", "transparency"],
    },
    {
        "slug": "civic-tech-collective",
        "kind": CardKind.ORGANISATION,
        "title": {"fr": "Collectif de technologies civiques", "en": "Civic tech collective"},
        "description": {
            "fr": "Une association de bénévoles qui développe des outils libres pour la "
            "participation et les propose aux collectivités.",
            "en": "A volunteer association that builds free software for participation "
            "and offers it to local authorities.",
        },
        "tags": ["participation"],
        "website": "https://collective.example.org/",
        "country": "FR",
    },
    {
        "slug": "open-government-office",
        "kind": CardKind.ORGANISATION,
        "title": {
            "fr": "Service interministériel du gouvernement ouvert",
            "en": "Interministerial open government office",
        },
        "description": {
            "fr": "Le service de l’État qui accompagne les administrations dans "
            "l’ouverture de leurs données et de leurs décisions.",
            "en": "The government service that helps public bodies open up their data "
            "and their decisions.",
        },
        "tags": ["open-data", "transparency"],
        "country": "FR",
    },
]

LINKS = [
    ("civic-tech-collective", LinkType.DEVELOPS, "participatory-budgeting-platform"),
    ("civic-tech-collective", LinkType.DEVELOPS, "public-consultation-tool"),
    ("civic-tech-collective", LinkType.PROVIDES, "information-request-platform"),
    ("open-government-office", LinkType.PROVIDES, "open-data-portal"),
    ("open-government-office", LinkType.USES, "public-consultation-tool"),
    ("open-government-office", LinkType.USES, "contracting-data-publisher"),
    ("city-budget-vote", LinkType.USES, "participatory-budgeting-platform"),
    ("draft-law-consultation", LinkType.USES, "public-consultation-tool"),
    ("public-consultation-tool", LinkType.ALTERNATIVE, "participatory-budgeting-platform"),
    ("parliament-monitoring-tool", LinkType.ALTERNATIVE, "information-request-platform"),
]

# Ratings given by the summit's team, by card: one score per team member, in order.
RATINGS = {
    "participatory-budgeting-platform": [5, 4, 4],
    "open-data-portal": [4, 5],
    "public-consultation-tool": [4, 3, 5],
    "contracting-data-publisher": [3],
}


@transaction.atomic
def build_demo_toolbox(summit: Summit) -> list[Card]:
    """Create or refresh the demo themes, cards, links and ratings of `summit`'s toolbox."""
    tags = {}
    for slug, name in TAGS.items():
        tags[slug], _created = Tag.objects.update_or_create(
            summit=summit, slug=slug, defaults={"name": name}
        )
    cards = {}
    for data in CARDS:
        fields = {
            "kind": data["kind"],
            "title": data["title"],
            "description": data["description"],
            "licence": data.get("licence", ""),
            "licence_other": data.get("licence_other", ""),
            "website": data.get("website", ""),
            "repository": data.get("repository", ""),
            "languages": data.get("languages", []),
            "country": data.get("country", ""),
        }
        card = Card.objects.filter(summit=summit, slug=data["slug"]).first()
        card = card or Card(summit=summit, slug=data["slug"])
        for name, value in fields.items():
            setattr(card, name, value)
        index_card(card)
        card.save()
        card.tags.set([tags[slug] for slug in data["tags"]])
        cards[card.slug] = card
    for source, link_type, target in LINKS:
        CardLink.objects.get_or_create(
            summit=summit,
            source=cards[source],
            link_type=link_type,
            target=cards[target],
        )
    team = list(
        TeamMembership.objects.filter(summit=summit)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    for slug, scores in RATINGS.items():
        for user_id, score in zip(team, scores, strict=False):
            Rating.objects.update_or_create(
                card=cards[slug], user_id=user_id, defaults={"score": score}
            )
        refresh_rating_counters(cards[slug])
    return list(cards.values())
