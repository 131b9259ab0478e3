"""Benchmark the toolbox catalogue: its list and its search, at the size of the reference case.

Builds, with bulk_create, a toolbox of 2,000 tools, 200 use cases and 500
organisations, with themes, links and ratings, in a fresh database; then
measures the server time of the catalogue page and of its search through
Django's test client (median of N runs) and the number of queries of each.

    DEBUG=true .venv/bin/python bench/toolbox.py                 # SQLite, a new file
    DEBUG=true .venv/bin/python bench/toolbox.py --postgres      # PostgreSQL, a new database

--postgres drops and creates the database `cosummit_bench_toolbox` on
postgres://postgres@127.0.0.1:5432 (or the server named by --postgres-url).
"""

import argparse
import random
import time

from harness import (
    add_database_options,
    analyze,
    load_average,
    measure,
    open_database,
    paris_summit,
)

TOOLS, USE_CASES, ORGANISATIONS = 2000, 200, 500
PEOPLE, THEMES = 400, 24
BENCH_DATABASE = "cosummit_bench_toolbox"

WORDS_EN = [
    "budget", "open data", "petition", "consultation", "contracting", "map", "parliament",
    "transparency", "participation", "lobbying", "registry", "spending", "audit", "voting",
    "deliberation", "access to information", "beneficial ownership", "procurement", "city",
    "citizen", "assembly", "feedback", "service", "portal",
]  # fmt: skip
WORDS_FR = [
    "budget", "données ouvertes", "pétition", "consultation", "commande publique", "carte",
    "parlement", "transparence", "participation", "lobbying", "registre", "dépenses", "audit",
    "vote", "délibération", "accès à l’information", "bénéficiaires effectifs", "marchés",
    "ville", "citoyen", "assemblée", "retours", "service", "portail",
]  # fmt: skip
KIND_WORDS = {
    "tool": ("platform", "plateforme"),
    "use_case": ("experience", "expérience"),
    "organisation": ("collective", "collectif"),
}


def text(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count))


def filler_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words, so that descriptions vary as real ones do."""
    syllables = ["ba", "cor", "di", "fen", "ga", "lo", "mi", "nor", "pa", "ri", "sul", "ta", "vé"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(count)]


def description(rng: random.Random, themes: list[str], fillers: list[str]) -> str:
    """40 words, one in ten an open-government word."""
    return " ".join(
        rng.choice(themes) if rng.random() < 0.1 else rng.choice(fillers) for _ in range(40)
    )


def build(rng: random.Random):
    """Write the summit and its toolbox; return the summit."""

    from django.db import transaction

    from cosummit.accounts.models import User
    from cosummit.toolbox.domain import index_card
    from cosummit.toolbox.models import Card, CardKind, CardLink, Licence, LinkType, Rating, Tag

    with transaction.atomic():
        summit = paris_summit(languages=[])
        people = User.objects.bulk_create(
            User(email=f"person{n}@bench.example.org", name=f"Person {n}") for n in range(PEOPLE)
        )
        tags = Tag.objects.bulk_create(
            Tag(
                summit=summit,
                slug=f"theme-{n}",
                name={"fr": f"{WORDS_FR[n]} ({n})", "en": f"{WORDS_EN[n]} ({n})"},
            )
            for n in range(THEMES)
        )
        licences = [choice for choice in Licence.values if choice != Licence.OTHER] + [""]
        fillers = filler_words(rng, 600)
        cards = []
        for kind, count in (
            (CardKind.TOOL, TOOLS),
            (CardKind.USE_CASE, USE_CASES),
            (CardKind.ORGANISATION, ORGANISATIONS),
        ):
            en_word, fr_word = KIND_WORDS[kind]
            for n in range(count):
                card = Card(
                    summit=summit,
                    kind=kind,
                    slug=f"{kind.replace('_', '-')}-{n}",
                    title={
                        "fr": f"{fr_word} {text(rng, WORDS_FR, 2)} {n}",
                        "en": f"{text(rng, WORDS_EN, 2)} {en_word} {n}",
                    },
                    description={
                        "fr": description(rng, WORDS_FR, fillers),
                        "en": description(rng, WORDS_EN, fillers),
                    },
                    licence=rng.choice(licences) if kind == CardKind.TOOL else "",
                    website=f"https://{kind}-{n}.example.org/",
                    repository=f"https://git.example.org/{kind}-{n}" if n % 2 else "",
                    languages=rng.sample(["fr", "en", "es", "pt", "ar", "de"], k=rng.randint(1, 3)),
                    country=rng.choice(["FR", "SN", "BR", "MX", "GB"])
                    if kind == CardKind.ORGANISATION
                    else "",
                    created_by=rng.choice(people),
                )
                index_card(card)
                cards.append(card)
        cards = Card.objects.bulk_create(cards, batch_size=500)
        through = Card.tags.through
        through.objects.bulk_create(
            (
                through(card_id=card.pk, tag_id=tag.pk)
                for card in cards
                for tag in rng.sample(tags, k=rng.randint(1, 3))
            ),
            batch_size=2000,
        )
        by_kind = {kind: [card for card in cards if card.kind == kind] for kind in CardKind.values}
        tools = by_kind[CardKind.TOOL]
        links = set()
        for organisation in by_kind[CardKind.ORGANISATION]:
            for link_type in (LinkType.DEVELOPS, LinkType.PROVIDES, LinkType.USES):
                links.add((organisation.pk, link_type, rng.choice(tools).pk))
        for use_case in by_kind[CardKind.USE_CASE]:
            for tool in rng.sample(tools, k=3):
                links.add((use_case.pk, LinkType.USES, tool.pk))
        for tool in rng.sample(tools, k=800):
            other = rng.choice(tools)
            if other.pk != tool.pk:
                links.add((min(tool.pk, other.pk), LinkType.ALTERNATIVE, max(tool.pk, other.pk)))
        CardLink.objects.bulk_create(
            (
                CardLink(summit=summit, source_id=source, link_type=link_type, target_id=target)
                for source, link_type, target in sorted(links)
            ),
            batch_size=2000,
        )
        ratings = []
        for card in cards:
            raters = rng.sample(people, k=rng.randint(0, 8))
            scores = [rng.randint(1, 5) for _ in raters]
            ratings += [
                Rating(card=card, user=person, score=score)
                for person, score in zip(raters, scores, strict=True)
            ]
            card.rating_count = len(scores)
            card.rating_average = round(sum(scores) / len(scores), 2) if scores else 0
        Rating.objects.bulk_create(ratings, batch_size=2000)
        Card.objects.bulk_update(cards, ["rating_count", "rating_average"], batch_size=1000)
    return summit, len(links), len(ratings)


def found(summit, params: dict) -> int:
    """How many cards the catalogue finds for these filters."""
    from cosummit.toolbox.models import Tag
    from cosummit.toolbox.queries import CatalogueFilters, catalogue

    tag = Tag.objects.filter(summit=summit, slug=params.get("tag", "")).first()
    filters = CatalogueFilters(
        q=params.get("q", ""),
        kind=params.get("kind", ""),
        tag=tag,
        licence=params.get("licence", ""),
    )
    return catalogue(summit, filters, language="en").count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_database_options(parser)
    parser.add_argument("--runs", type=int, default=30, help="Requests per measure (30).")
    args = parser.parse_args()
    workdir = open_database(args, BENCH_DATABASE)

    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    summit, link_count, rating_count = build(random.Random(2016))
    built = time.perf_counter() - started
    analyze(vacuum=True)
    print(
        f"{connection.vendor}: built {TOOLS} tools, {USE_CASES} use cases, {ORGANISATIONS} "
        f"organisations, {THEMES} themes, {link_count} links, {rating_count} ratings "
        f"in {built:.1f} s"
    )

    client = Client(headers={"accept-language": "en"})
    base = f"/en/{summit.slug}/toolbox/"
    api = f"/api/v1/summits/{summit.slug}/toolbox/cards"
    cases = [
        ("catalogue, first page (by name)", base, {}),
        ("catalogue, page 40, best rated", base, {"sort": "best", "page": 40}),
        ("search “budget participation”", base, {"q": "budget participation"}),
        ("search “platform”: every tool, worst case", base, {"q": "platform"}),
        ("search “données” + tool, theme, licence", base,
         {"q": "données", "kind": "tool", "tag": "theme-3", "licence": "MIT"}),
        ("search in French page “pétition”", f"/fr/{summit.slug}/toolbox/", {"q": "pétition"}),
        ("API list, search “open data”", api, {"q": "open data"}),
    ]  # fmt: skip
    print(f"{args.runs} runs a measure; load average before: {load_average()}")
    print(f"{'measure':44} {'cards found':>11} {'median ms':>10} {'queries':>8}")
    for label, url, params in cases:
        result = measure(client, url, params, args.runs)
        assert result["status"] == 200, (label, result["status"])
        print(
            f"{label:44} {found(summit, params):11d} {result['median']:10.1f} "
            f"{result['queries']:8d}"
        )
    connection.close()
    workdir.cleanup()


if __name__ == "__main__":
    main()
