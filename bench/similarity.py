"""Similar proposals: precision, recall and F1 at the threshold, and the time per query.

    .venv/bin/python bench/similarity.py

Reads the labelled pairs of tests/proposals/similar_pairs.json. A pair counts
as found when its score reaches `similarity.THRESHOLD`. Scores are measured
twice: among the labelled texts alone (what tests/proposals/test_similarity_labelled.py
checks), and among 700 proposals, the labelled ones plus made-up others, as
on the summit's site where word weights come from all its proposals. The time
is that of `Index.search` against those 700 proposals, and of reading them
into an index once.
"""

import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cosummit.proposals import similarity  # noqa: E402

PAIRS = ROOT / "tests" / "proposals" / "similar_pairs.json"
PROPOSALS = 700
QUERIES = 200

SUBJECTS_EN = [
    "open data on school results",
    "a public register of lobbyists",
    "citizen monitoring of road works",
    "open budgets for hospitals",
    "online petitions to parliament",
    "beneficial ownership in the mining sector",
    "public consultation on urban planning",
    "transparency of party funding",
    "open data for air quality",
    "participatory budgeting in neighbourhoods",
    "access to information for journalists",
    "open source software for local councils",
    "accountability of police forces",
    "open contracting for medicines",
    "citizen audits of water services",
    "youth councils and local democracy",
    "open statistics on migration",
    "disclosure of officials' assets",
    "digital identity and privacy",
    "fiscal transparency in small states",
]
SUBJECTS_FR = [
    "les données ouvertes de l'éducation",
    "un registre public des lobbies",
    "le suivi citoyen des travaux routiers",
    "la transparence des budgets hospitaliers",
    "les pétitions en ligne au Parlement",
    "les bénéficiaires effectifs dans les mines",
    "la concertation sur l'urbanisme",
    "le financement des partis politiques",
    "les données ouvertes sur la qualité de l'air",
    "le budget participatif des quartiers",
    "l'accès à l'information pour les journalistes",
    "le logiciel libre dans les communes",
    "le contrôle citoyen de la police",
    "la commande publique de médicaments",
    "l'audit citoyen des services d'eau",
    "les conseils de jeunes et la démocratie locale",
    "les statistiques ouvertes sur les migrations",
    "la déclaration du patrimoine des responsables publics",
    "l'identité numérique et la vie privée",
    "la transparence fiscale des petits États",
]
PLACES_EN = [
    "in Tunisia",
    "in Mexico",
    "in Paris",
    "in Ukraine",
    "in Indonesia",
    "in Kenya",
    "in Quebec",
    "in Georgia",
    "in Brazil",
    "in the Philippines",
    "in Morocco",
]
PLACES_FR = [
    "en Tunisie",
    "au Mexique",
    "à Paris",
    "en Ukraine",
    "en Indonésie",
    "au Kenya",
    "au Québec",
    "en Géorgie",
    "au Brésil",
    "aux Philippines",
    "au Maroc",
]
ANGLES_EN = [
    "We present the first results and the obstacles we met.",
    "Officials and activists compare what worked and what did not.",
    "The session ends with commitments for the next action plan.",
    "We show the tools we built and invite others to reuse them.",
    "Researchers share an evaluation after two years.",
]
ANGLES_FR = [
    "Nous présentons les premiers résultats et les obstacles rencontrés.",
    "Agents publics et militants comparent ce qui a marché et ce qui a échoué.",
    "La session se termine par des engagements pour le prochain plan d'action.",
    "Nous montrons les outils développés et invitons à les réutiliser.",
    "Des chercheurs partagent une évaluation après deux ans.",
]


def made_up_proposals(count: int, rng: random.Random) -> list[str]:
    texts = []
    for _ in range(count):
        if rng.random() < 0.5:
            subject, place = rng.choice(SUBJECTS_EN), rng.choice(PLACES_EN)
            angles = " ".join(rng.sample(ANGLES_EN, 2))
            texts.append(f"{subject.capitalize()} {place}\nHow {subject} changed {place}. {angles}")
        else:
            subject, place = rng.choice(SUBJECTS_FR), rng.choice(PLACES_FR)
            angles = " ".join(rng.sample(ANGLES_FR, 2))
            texts.append(
                f"{subject.capitalize()} {place}\nCe que {subject} a changé {place}. {angles}"
            )
    return texts


def figures(index: similarity.Index, texts: dict, pairs: list) -> tuple[float, float, float]:
    found = {
        (pair["a"], pair["b"]): index.scores(texts[pair["a"]]).get(pair["b"], 0.0)
        >= similarity.THRESHOLD
        for pair in pairs
    }
    true_positives = sum(found[(p["a"], p["b"])] and p["duplicate"] for p in pairs)
    predicted = sum(found.values())
    actual = sum(p["duplicate"] for p in pairs)
    precision = true_positives / predicted if predicted else 1.0
    recall = true_positives / actual
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    data = json.loads(PAIRS.read_text())
    texts = {key: f"{p['title']}\n{p['abstract']}" for key, p in data["proposals"].items()}
    pairs = data["pairs"]
    held_out = [pair for pair in pairs if pair.get("held_out")]
    duplicates = sum(pair["duplicate"] for pair in pairs)
    print(
        f"Labelled pairs: {len(pairs)} ({duplicates} duplicates, {len(held_out)} held out), "
        f"threshold {similarity.THRESHOLD}"
    )

    alone = similarity.Index(similarity.Document(key, text) for key, text in texts.items())
    for name, subset in (("all pairs", pairs), ("held-out pairs", held_out)):
        precision, recall, f1 = figures(alone, texts, subset)
        print(
            f"Among the {len(texts)} labelled texts, {name}: precision {precision:.3f}, "
            f"recall {recall:.3f}, F1 {f1:.3f}"
        )

    rng = random.Random(2016)
    others = made_up_proposals(PROPOSALS - len(texts), rng)
    documents = [similarity.Document(key, text) for key, text in texts.items()]
    documents += [similarity.Document(f"other-{n}", text) for n, text in enumerate(others)]
    started = time.perf_counter()
    index = similarity.Index(documents)
    build = time.perf_counter() - started
    precision, recall, f1 = figures(index, texts, pairs)
    print(
        f"Among {len(documents)} proposals, all pairs: precision {precision:.3f}, "
        f"recall {recall:.3f}, F1 {f1:.3f}"
    )

    queries = [rng.choice(documents).text for _ in range(QUERIES)]
    durations = []
    for text in queries:
        started = time.perf_counter()
        index.search(text)
        durations.append(time.perf_counter() - started)
    durations.sort()
    print(f"Reading {len(documents)} proposals into an index: {build * 1000:.0f} ms")
    print(
        f"Search against {len(documents)} proposals ({QUERIES} queries): "
        f"mean {statistics.mean(durations) * 1000:.1f} ms, "
        f"p95 {durations[int(len(durations) * 0.95)] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
