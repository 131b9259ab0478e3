"""The similarity of proposals, in French and English: the pure module."""

import ast
from pathlib import Path

from cosummit.proposals import similarity
from cosummit.proposals.similarity import Document, Index, Match, most_similar, normalise

PARTICIPATORY_FR = (
    "Budget participatif des quartiers\n"
    "Les habitants choisissent les investissements de leur quartier et votent en ligne."
)
PARTICIPATORY_EN = (
    "Participatory budgeting in neighbourhoods\n"
    "Residents choose the investments of their neighbourhood and vote online."
)
WHISTLEBLOWERS_EN = (
    "Protecting whistleblowers\n"
    "Safe reporting channels and sanctions against retaliation for those who report fraud."
)
COURTS_FR = (
    "Publier les décisions de justice\n"
    "Les jugements des tribunaux en données ouvertes, après pseudonymisation."
)


def test_normalising_folds_case_and_strips_accents():
    assert normalise("  Données   OUVERTES à l'État ") == "donnees ouvertes a l'etat"


def test_open_government_terms_become_the_same_concept_in_both_languages():
    assert similarity.terms("données ouvertes") == similarity.terms("Open data")
    assert similarity.terms("lanceurs d'alerte") == similarity.terms("whistleblowers")
    assert similarity.terms("marchés publics") == similarity.terms("public procurement")


def test_a_french_proposal_finds_its_english_twin_first():
    candidates = [
        Document(1, WHISTLEBLOWERS_EN),
        Document(2, PARTICIPATORY_EN),
        Document(3, COURTS_FR),
    ]

    matches = most_similar(PARTICIPATORY_FR, candidates)

    assert [match.key for match in matches] == [2]
    assert matches[0].score >= similarity.THRESHOLD


def test_unrelated_proposals_are_not_suggested():
    assert (
        most_similar(WHISTLEBLOWERS_EN, [Document(1, COURTS_FR), Document(2, PARTICIPATORY_FR)])
        == []
    )


def test_at_most_five_matches_come_back_most_similar_first():
    candidates = [Document(n, f"{PARTICIPATORY_EN} {'extra words ' * n}") for n in range(8)]

    matches = most_similar(PARTICIPATORY_EN, candidates)

    assert [match.key for match in matches] == [0, 1, 2, 3, 4]
    assert [match.score for match in matches] == sorted(
        (match.score for match in matches), reverse=True
    )


def test_excluded_keys_and_the_threshold_are_honoured():
    index = Index([Document("a", PARTICIPATORY_EN), Document("b", PARTICIPATORY_FR)])

    assert [m.key for m in index.search(PARTICIPATORY_EN, exclude=["a"])] == ["b"]
    assert index.search(PARTICIPATORY_EN, threshold=1.01) == []


def test_an_empty_text_or_no_candidate_finds_nothing():
    assert most_similar("   ", [Document(1, PARTICIPATORY_EN)]) == []
    assert most_similar(PARTICIPATORY_EN, []) == []


def test_matches_are_plain_dataclasses():
    [match] = most_similar(PARTICIPATORY_EN, [Document(7, PARTICIPATORY_FR)])

    assert isinstance(match, Match)
    assert match.key == 7


def test_the_module_imports_neither_django_nor_the_orm():
    tree = ast.parse(Path(similarity.__file__).read_text())
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    } | {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}

    assert imported <= {
        "math",
        "re",
        "unicodedata",
        "collections",
        "dataclasses",
        "similarity_terms",
    }
