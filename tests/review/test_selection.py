"""The selection helper, alone: no database.

Small candidate sets are checked against every possible selection; random ones
against the rules. Scores are whole numbers, so that totals compare exactly.
"""

import itertools
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cosummit.review.selection import (
    Candidate,
    NoSelection,
    SelectionRules,
    normalise_organisation,
    select_proposals,
)

FORMATS = ("talk", "workshop", "panel")
TRACKS = ("data", "integrity", "")
LANGUAGES = ("en", "fr", "")
ORGANISATIONS = ("Open Data Lab", "open data lab ", "Transparency Now", "City of Paris")


def share(value: float) -> Fraction:
    return Fraction(value).limit_denominator(10_000)


def keeps_the_rules(chosen: list[Candidate], candidates: list[Candidate], rules) -> bool:
    """Whether `chosen` meets `rules`, written out independently of the solver."""
    count = len(chosen)
    per_format = Counter(c.format for c in chosen)
    if any(n > rules.slots_per_format.get(f, 0) for f, n in per_format.items()):
        return False
    if sum(c.civil_society_led for c in chosen) < share(rules.min_civil_society_share) * count:
        return False
    if sum(c.co_led for c in chosen) < share(rules.min_co_led_share) * count:
        return False
    if rules.max_per_organisation is not None:
        named = Counter(
            name
            for c in chosen
            for name in {normalise_organisation(o) for o in c.organisations} - {""}
        )
        if any(n > rules.max_per_organisation for n in named.values()):
            return False
    acceptable = [c for c in candidates if rules.slots_per_format.get(c.format, 0) > 0]
    per_track = Counter(c.track for c in chosen if c.track)
    for track, available in Counter(c.track for c in acceptable if c.track).items():
        if per_track[track] < min(rules.min_per_track, available):
            return False
    per_language = Counter(c.language for c in chosen if c.language)
    available_languages = Counter(c.language for c in acceptable if c.language)
    for language, minimum in rules.min_per_language.items():
        if per_language[language] < min(minimum, available_languages[language]):
            return False
    if rules.max_track_share is not None and any(
        n > share(rules.max_track_share) * count for n in per_track.values()
    ):
        return False
    return not (
        rules.max_language_share is not None
        and any(n > share(rules.max_language_share) * count for n in per_language.values())
    )


def brute_force(candidates: list[Candidate], rules) -> tuple[float, int] | None:
    """The best (total score, number accepted) over every selection that keeps the rules."""
    best = None
    for size in range(len(candidates) + 1):
        for chosen in itertools.combinations(candidates, size):
            if keeps_the_rules(list(chosen), candidates, rules):
                value = (sum(c.score for c in chosen), size)
                best = value if best is None or value > best else best
    return best


@st.composite
def candidate_sets(draw, max_size=9):
    size = draw(st.integers(0, max_size))
    return [
        Candidate(
            id=100 + n,
            score=float(draw(st.integers(-2, 10))),
            format=draw(st.sampled_from(FORMATS)),
            track=draw(st.sampled_from(TRACKS)),
            language=draw(st.sampled_from(LANGUAGES)),
            civil_society_led=draw(st.booleans()),
            co_led=draw(st.booleans()),
            organisations=tuple(draw(st.lists(st.sampled_from(ORGANISATIONS), max_size=2))),
        )
        for n in range(size)
    ]


@st.composite
def rule_sets(draw):
    shares = st.sampled_from([0.0, 0.25, 1 / 3, 0.5, 0.6, 1.0])
    maybe_share = st.none() | st.sampled_from([0.34, 0.5, 0.75, 1.0])
    return SelectionRules(
        slots_per_format={f: draw(st.integers(0, 4)) for f in FORMATS[: draw(st.integers(1, 3))]},
        min_civil_society_share=draw(shares),
        min_co_led_share=draw(shares),
        max_per_organisation=draw(st.none() | st.integers(0, 3)),
        min_per_track=draw(st.integers(0, 2)),
        max_track_share=draw(maybe_share),
        min_per_language=draw(st.dictionaries(st.sampled_from(["en", "fr"]), st.integers(0, 2))),
        max_language_share=draw(maybe_share),
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(candidate_sets(), rule_sets())
def test_selection_equals_the_brute_force_optimum_or_none_exists(candidates, rules):
    best = brute_force(candidates, rules)
    if best is None:
        with pytest.raises(NoSelection):
            select_proposals(candidates, rules)
        return
    result = select_proposals(candidates, rules)
    chosen = [c for c in candidates if c.id in result.accepted]
    assert (result.total_score, len(chosen)) == best
    assert keeps_the_rules(chosen, candidates, rules)
    assert result.is_optimal is True


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(candidate_sets(max_size=40), rule_sets())
def test_every_selection_keeps_the_rules_and_costs_no_less_than_nothing(candidates, rules):
    try:
        result = select_proposals(candidates, rules)
    except NoSelection as error:
        assert error.code in {
            "track_minimums_exceed_slots",
            "language_minimums_exceed_slots",
            "infeasible",
        }
        return
    chosen = [c for c in candidates if c.id in result.accepted]
    assert keeps_the_rules(chosen, candidates, rules)
    assert result.balance_cost >= 0
    assert result.balance_cost == max(0.0, result.unconstrained_score - result.total_score)
    assert result.total_score == sum(c.score for c in chosen)
    assert result.per_format == dict(Counter(c.format for c in chosen))
    assert list(result.accepted) == sorted(result.accepted)


def candidate(id_, score, **fields):
    return Candidate(id=id_, score=score, format=fields.pop("format", "talk"), **fields)


def test_without_balance_rules_each_format_takes_its_best_scores():
    candidates = [
        candidate(1, 5.0),
        candidate(2, 4.0),
        candidate(3, 3.0),
        candidate(4, 1.0, format="workshop"),
        candidate(5, 2.0, format="workshop"),
    ]
    result = select_proposals(candidates, SelectionRules({"talk": 2, "workshop": 1}))
    assert (result.accepted, result.total_score, result.balance_cost) == ((1, 2, 5), 11.0, 0.0)
    assert result.per_format == {"talk": 2, "workshop": 1}


def test_a_format_without_slots_accepts_nothing():
    candidates = [candidate(1, 5.0, format="poster"), candidate(2, 1.0)]
    assert select_proposals(candidates, SelectionRules({"talk": 5})).accepted == (2,)


def test_a_civil_society_share_costs_score_and_the_cost_is_reported():
    candidates = [
        candidate(1, 9.0),
        candidate(2, 8.0),
        candidate(3, 7.0),
        candidate(4, 2.0, civil_society_led=True),
    ]
    result = select_proposals(candidates, SelectionRules({"talk": 2}, min_civil_society_share=0.5))
    assert result.accepted == (1, 4)
    assert (result.total_score, result.unconstrained_score, result.balance_cost) == (
        11.0,
        17.0,
        6.0,
    )
    assert (result.civil_society_share, result.co_led_share) == (0.5, 0.0)


def test_organisations_are_compared_without_case_or_surrounding_spaces():
    candidates = [
        candidate(1, 9.0, organisations=("Open Data Lab",)),
        candidate(2, 8.0, organisations=("  open data LAB ",)),
        candidate(3, 1.0, organisations=("Other",)),
    ]
    result = select_proposals(candidates, SelectionRules({"talk": 2}, max_per_organisation=1))
    assert result.accepted == (1, 3)


def test_each_track_gets_its_minimum_or_all_its_candidates_when_fewer():
    candidates = [
        candidate(1, 9.0, track="data"),
        candidate(2, 8.0, track="data"),
        candidate(3, 7.0, track="data"),
        candidate(4, 1.0, track="integrity"),
        candidate(5, 0.5, track="youth"),
        candidate(6, 0.4, track="youth"),
    ]
    result = select_proposals(candidates, SelectionRules({"talk": 5}, min_per_track=2))
    assert result.accepted == (1, 2, 4, 5, 6)
    assert result.per_track == {"data": 2, "integrity": 1, "youth": 2}


def test_no_track_takes_more_than_its_share():
    candidates = [candidate(n, 10.0 - n, track="data") for n in range(4)]
    candidates += [candidate(10, 1.0, track="integrity"), candidate(11, 0.5, track="youth")]
    result = select_proposals(candidates, SelectionRules({"talk": 6}, max_track_share=0.5))
    assert result.accepted == (0, 1, 10, 11)


def test_languages_get_their_minimum_and_no_language_takes_more_than_its_share():
    candidates = [candidate(n, 10.0 - n, language="en") for n in range(4)]
    candidates += [candidate(10, 1.0, language="fr"), candidate(11, 0.5, language="es")]
    result = select_proposals(
        candidates,
        SelectionRules({"talk": 4}, min_per_language={"es": 1}, max_language_share=0.5),
    )
    assert result.accepted == (0, 1, 10, 11)
    assert result.per_language == {"en": 2, "fr": 1, "es": 1}


def test_a_zero_score_still_fills_a_free_slot_but_a_negative_one_does_not():
    candidates = [candidate(1, 0.0), candidate(2, -1.0)]
    result = select_proposals(candidates, SelectionRules({"talk": 2}))
    assert (result.accepted, result.unconstrained_score) == ((1,), 0.0)


def test_a_negative_score_is_accepted_when_a_rule_needs_it():
    candidates = [candidate(1, 5.0), candidate(2, -1.0, track="youth")]
    result = select_proposals(candidates, SelectionRules({"talk": 2}, min_per_track=1))
    assert (result.accepted, result.total_score, result.balance_cost) == ((1, 2), 4.0, 1.0)


def test_track_minimums_above_the_slots_are_refused_with_the_numbers():
    candidates = [candidate(n, 1.0, track=f"track {n}") for n in range(5)]
    with pytest.raises(NoSelection) as refused:
        select_proposals(candidates, SelectionRules({"talk": 3, "panel": 9}, min_per_track=1))
    assert (refused.value.code, refused.value.details) == (
        "track_minimums_exceed_slots",
        {"needed": 5, "slots": 3},
    )
    assert refused.value.reason == (
        "The minimum per track needs 5 accepted proposals, but only 3 slots can be filled."
    )


def test_language_minimums_above_the_slots_are_refused_with_the_numbers():
    candidates = [candidate(1, 1.0, language="en"), candidate(2, 1.0, language="fr")]
    with pytest.raises(NoSelection) as refused:
        select_proposals(
            candidates, SelectionRules({"talk": 1}, min_per_language={"en": 1, "fr": 1})
        )
    assert (refused.value.code, refused.value.details) == (
        "language_minimums_exceed_slots",
        {"needed": 2, "slots": 1},
    )


def test_conflicting_rules_are_named():
    candidates = [
        candidate(1, 5.0, track="data"),
        candidate(2, 4.0, track="integrity", civil_society_led=True),
    ]
    rules = SelectionRules(
        {"talk": 2}, min_civil_society_share=1.0, min_per_track=1, max_per_organisation=3
    )
    with pytest.raises(NoSelection) as refused:
        select_proposals(candidates, rules)
    assert (refused.value.code, refused.value.details) == (
        "infeasible",
        {"conflicting_rules": ["min_civil_society_share", "min_per_track"]},
    )
    assert refused.value.reason == (
        "The rules cannot all hold at once; dropping one of these would help: "
        "min_civil_society_share, min_per_track."
    )


@pytest.mark.parametrize(
    ("candidates", "rules", "message"),
    [
        (
            [candidate(1, 1.0), candidate(1, 2.0)],
            SelectionRules({"talk": 1}),
            "Candidate ids must be unique.",
        ),
        (
            [candidate(1, float("inf"))],
            SelectionRules({"talk": 1}),
            "Scores must be finite numbers.",
        ),
        (
            [],
            SelectionRules({"talk": 1}, min_co_led_share=1.5),
            "min_co_led_share must be between 0 and 1.",
        ),
        (
            [],
            SelectionRules({"talk": 1}, max_track_share=-0.1),
            "max_track_share must be between 0 and 1.",
        ),
        ([], SelectionRules({"talk": -1}), "Slots, minimums and maximums must not be negative."),
    ],
)
def test_malformed_input_raises_value_errors(candidates, rules, message):
    with pytest.raises(ValueError) as refused:
        select_proposals(candidates, rules)
    assert str(refused.value) == message
