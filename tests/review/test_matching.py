"""Conflicts of interest and affinity, on plain facts (no database)."""

from cosummit.review.matching import (
    ProposalFacts,
    ReviewerFacts,
    affinity,
    affinity_matrix,
    conflict_reason,
    conflicts,
    same_name,
    with_terms,
)

REVIEWER = ReviewerFacts(key=1, user_id=10, organisation="Transparency Lab", country="CA")


def proposal(**fields) -> ProposalFacts:
    defaults = {"key": 100, "speaker_ids": frozenset({20}), "organisations": frozenset({"Ville"})}
    return ProposalFacts(**(defaults | fields))


def test_a_reviewer_who_speaks_in_a_proposal_conflicts_with_it():
    assert conflict_reason(REVIEWER, proposal(speaker_ids=frozenset({10, 20}))) == "speaker"


def test_the_same_organisation_conflicts_whatever_its_case_accents_and_spaces():
    facts = proposal(organisations=frozenset({"  transparency   LAB "}))
    assert conflict_reason(REVIEWER, facts) == "organisation"
    assert same_name("Société  Civile") == same_name("societe civile")


def test_a_reviewer_without_an_organisation_never_matches_an_organisation():
    reviewer = ReviewerFacts(key=1, user_id=10, organisation="")
    assert conflict_reason(reviewer, proposal(organisations=frozenset({""}))) is None


def test_co_authors_of_another_proposal_conflict():
    reviewer = ReviewerFacts(key=1, user_id=10, co_authors=frozenset({20}))
    assert conflict_reason(reviewer, proposal()) == "co_author"


def test_the_same_country_conflicts_only_when_the_summit_asks_for_it():
    facts = proposal(countries=frozenset({"CA"}))
    assert conflict_reason(REVIEWER, facts) is None
    assert conflict_reason(REVIEWER, facts, same_country=True) == "country"


def test_conflicts_lists_every_conflicting_pair_with_its_reason():
    other = ReviewerFacts(key=2, user_id=11, organisation="Elsewhere")
    facts = [proposal(key=100), proposal(key=101, speaker_ids=frozenset({11}))]
    assert conflicts([REVIEWER, other], facts) == {(2, 101): "speaker"}


def test_affinity_adds_track_expertise_and_language():
    reviewer = ReviewerFacts(
        key=1,
        user_id=10,
        languages=frozenset({"fr"}),
        preferred_tracks=frozenset({7}),
        expertise=("open data", "public procurement"),
    )
    fitting = with_terms(
        proposal(track=7, language="fr", text="Les données ouvertes des marchés publics")
    )
    unfitting = with_terms(proposal(track=8, language="en", text="Citizen assemblies"))
    assert affinity(reviewer, fitting) == 1.0
    assert affinity(reviewer, unfitting) == 0.0


def test_a_reviewer_without_preferences_gets_a_neutral_affinity():
    reviewer = ReviewerFacts(key=1, user_id=10)
    assert affinity(reviewer, with_terms(proposal(track=3, language="es"))) == 0.45


def test_the_matrix_has_a_row_per_reviewer_and_a_column_per_proposal():
    reviewers = [ReviewerFacts(key=1, user_id=10), ReviewerFacts(key=2, user_id=11)]
    matrix = affinity_matrix(reviewers, [proposal(key=1), proposal(key=2), proposal(key=3)])
    assert [len(row) for row in matrix] == [3, 3]
