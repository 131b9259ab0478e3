"""Selection helper: which proposals to accept, as a pure module on plain dataclasses.

Reviewers give each proposal a score; the organisers have a number of slots
per session format and balance rules (a share of sessions led by civil
society, a share co-led by a government and civil society, no organisation
everywhere, every track and language present, no track or language taking
over). The helper proposes the accepted proposals with the largest total score
that meets every rule, and says what the rules cost: the best total with the
slot limits alone, minus the total proposed.

Method: one Boolean per candidate, and OR-Tools CP-SAT maximises the total
score. Every rule is linear:

- slots: the accepted proposals of a format are at most its slots; a format
  missing from `slots_per_format` has no slots, so nothing of it is accepted;
- shares: with the share read as a fraction num/den (denominator at most
  10,000, so shares are exact to four decimal places),
  den * (accepted civil-society-led) >= num * (accepted), and likewise for
  co-led proposals; a maximum track or language share is the same inequality
  the other way round, for each track or language;
- organisations: for each organisation (names compared without case and
  surrounding or repeated spaces), at most `max_per_organisation` accepted
  proposals name it;
- minimums: each track (each language in `min_per_language`) gets at least the
  minimum, or all of its candidates whose format has slots when there are
  fewer.

Scores are multiplied by `SCORE_SCALE` and rounded, so the total is exactly
optimal for scores rounded to four decimal places. Among selections with the
same total, the one accepting more proposals wins, so that a candidate scoring
zero still fills a free slot. Scores may be negative: such a candidate is only
accepted when a rule needs it. An empty `track` or `language` means none: such
candidates count towards slots and shares but not towards track or language
rules.

Speed: 700 candidates in three formats with every rule at once (made-up
data, a busy 2-core machine) take 0.7 to 11 s to a proven optimum. Stopped
after 3 s, the selections were within 0.05 % of it; after 1 s, one was 12 %
short. `Selection.is_optimal` says when the time limit cut the search.

When the rules cannot all hold, `NoSelection` says which: the obvious cases
are checked first; otherwise each rule is dropped in turn and the rules whose
removal makes a selection possible are named.
"""

import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from ortools.sat.python import cp_model

SCORE_SCALE = 10**4
SHARE_DENOMINATOR = 10**4


@dataclass(frozen=True)
class Candidate:
    """A proposal that may be accepted."""

    id: int
    score: float
    format: str
    track: str = ""
    language: str = ""
    civil_society_led: bool = False
    co_led: bool = False
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class SelectionRules:
    """The organisers' rules; the default values impose nothing but the slots.

    Shares are fractions of the accepted proposals, from 0 to 1.
    """

    slots_per_format: Mapping[str, int]
    min_civil_society_share: float = 0.0
    min_co_led_share: float = 0.0
    max_per_organisation: int | None = None
    min_per_track: int = 0
    max_track_share: float | None = None
    min_per_language: Mapping[str, int] = field(default_factory=dict)
    max_language_share: float | None = None


@dataclass(frozen=True)
class Selection:
    """The proposed selection and what the balance rules cost.

    `unconstrained_score` is the best total with the slot limits alone;
    `balance_cost` is that minus `total_score` (never negative).
    """

    accepted: tuple[int, ...]
    total_score: float
    unconstrained_score: float
    balance_cost: float
    is_optimal: bool
    seconds: float
    per_format: dict[str, int]
    per_track: dict[str, int]
    per_language: dict[str, int]
    civil_society_share: float
    co_led_share: float


class NoSelection(Exception):
    """No selection meets the rules.

    `code` says why, for the web layer's translated message; `reason` says it
    in plain English; `details` holds the numbers involved:

    - "track_minimums_exceed_slots": needed, slots
    - "language_minimums_exceed_slots": needed, slots
    - "infeasible": conflicting_rules, the names of the `SelectionRules`
      fields whose removal alone would make a selection possible (may be
      empty when only several together are at fault)
    """

    def __init__(self, code: str, reason: str, details: dict | None = None):
        super().__init__(code, reason, details or {})
        self.code = code
        self.reason = reason
        self.details = details or {}

    def __str__(self) -> str:
        return self.reason


def normalise_organisation(name: str) -> str:
    """An organisation's name as compared: case-folded, surrounding and repeated spaces removed."""
    return " ".join(name.casefold().split())


def select_proposals(
    candidates: Iterable[Candidate], rules: SelectionRules, *, time_limit: float = 10.0
) -> Selection:
    """Propose the accepted proposals: the largest total score that meets every rule.

    Raises `NoSelection` when the rules cannot all hold, and `ValueError` for
    malformed input (repeated ids, scores that are not finite, shares outside
    0..1, negative slots or minimums).
    """
    started = time.perf_counter()
    candidates = list(candidates)
    _validate(candidates, rules)
    minimums = _minimums(candidates, rules)
    _check_minimums(candidates, rules, minimums)

    model, choices = _build(candidates, rules, minimums, _active_rules(rules))
    greedy = _best_within_slots(candidates, rules)
    for candidate, choice in zip(candidates, choices, strict=True):
        model.add_hint(choice, candidate.id in greedy)
    scaled = [round(c.score * SCORE_SCALE) for c in candidates]
    # Lexicographic: the total score first, then the number accepted.
    weight = len(candidates) + 1
    model.maximize(cp_model.LinearExpr.weighted_sum(choices, [s * weight + 1 for s in scaled]))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        raise _diagnose(candidates, rules, minimums, time_limit=time_limit)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"The solver found no selection in time ({solver.status_name()}).")

    accepted = [c for c, x in zip(candidates, choices, strict=True) if solver.boolean_value(x)]
    total = math.fsum(c.score for c in accepted)
    unconstrained = math.fsum(c.score for c in candidates if c.id in greedy)
    count = len(accepted)
    return Selection(
        accepted=tuple(sorted(c.id for c in accepted)),
        total_score=total,
        unconstrained_score=unconstrained,
        balance_cost=max(0.0, unconstrained - total),
        is_optimal=status == cp_model.OPTIMAL,
        seconds=time.perf_counter() - started,
        per_format=dict(Counter(c.format for c in accepted)),
        per_track=dict(Counter(c.track for c in accepted if c.track)),
        per_language=dict(Counter(c.language for c in accepted if c.language)),
        civil_society_share=sum(c.civil_society_led for c in accepted) / count if count else 0.0,
        co_led_share=sum(c.co_led for c in accepted) / count if count else 0.0,
    )


def _validate(candidates: list[Candidate], rules: SelectionRules) -> None:
    if len({c.id for c in candidates}) != len(candidates):
        raise ValueError("Candidate ids must be unique.")
    if not all(math.isfinite(c.score) for c in candidates):
        raise ValueError("Scores must be finite numbers.")
    for name in ("min_civil_society_share", "min_co_led_share"):
        if not 0 <= getattr(rules, name) <= 1:
            raise ValueError(f"{name} must be between 0 and 1.")
    for name in ("max_track_share", "max_language_share"):
        value = getattr(rules, name)
        if value is not None and not 0 <= value <= 1:
            raise ValueError(f"{name} must be between 0 and 1.")
    numbers = [
        *rules.slots_per_format.values(),
        *rules.min_per_language.values(),
        rules.min_per_track,
    ]
    if rules.max_per_organisation is not None:
        numbers.append(rules.max_per_organisation)
    if any(n < 0 for n in numbers):
        raise ValueError("Slots, minimums and maximums must not be negative.")


def _share(value: float) -> Fraction:
    return Fraction(value).limit_denominator(SHARE_DENOMINATOR)


def _can_be_accepted(candidate: Candidate, rules: SelectionRules) -> bool:
    return rules.slots_per_format.get(candidate.format, 0) > 0


def _minimums(candidates: list[Candidate], rules: SelectionRules) -> dict[str, dict[str, int]]:
    """The minimum per track and per language, capped at the candidates that can be accepted."""
    per_track = Counter(c.track for c in candidates if c.track and _can_be_accepted(c, rules))
    per_language = Counter(
        c.language for c in candidates if c.language and _can_be_accepted(c, rules)
    )
    return {
        "track": {
            track: min(rules.min_per_track, available)
            for track, available in per_track.items()
            if rules.min_per_track
        },
        "language": {
            language: min(minimum, per_language[language])
            for language, minimum in rules.min_per_language.items()
            if minimum and per_language[language]
        },
    }


def _check_minimums(
    candidates: list[Candidate], rules: SelectionRules, minimums: dict[str, dict[str, int]]
) -> None:
    per_format = Counter(c.format for c in candidates)
    slots = sum(min(n, per_format[f]) for f, n in rules.slots_per_format.items())
    for kind, code in (
        ("track", "track_minimums_exceed_slots"),
        ("language", "language_minimums_exceed_slots"),
    ):
        needed = sum(minimums[kind].values())
        if needed > slots:
            raise NoSelection(
                code,
                f"The minimum per {kind} needs {needed} accepted proposals, "
                f"but only {slots} slots can be filled.",
                {"needed": needed, "slots": slots},
            )


def _active_rules(rules: SelectionRules) -> list[str]:
    active = ["slots_per_format"]
    if rules.min_civil_society_share > 0:
        active.append("min_civil_society_share")
    if rules.min_co_led_share > 0:
        active.append("min_co_led_share")
    if rules.max_per_organisation is not None:
        active.append("max_per_organisation")
    if rules.min_per_track > 0:
        active.append("min_per_track")
    if rules.max_track_share is not None:
        active.append("max_track_share")
    if any(rules.min_per_language.values()):
        active.append("min_per_language")
    if rules.max_language_share is not None:
        active.append("max_language_share")
    return active


def _build(
    candidates: list[Candidate],
    rules: SelectionRules,
    minimums: dict[str, dict[str, int]],
    active: list[str],
) -> tuple[cp_model.CpModel, list]:
    """A model with one Boolean per candidate and the `active` rules as constraints."""
    model = cp_model.CpModel()
    choices = [model.new_bool_var(f"accept_{c.id}") for c in candidates]
    accepted = cp_model.LinearExpr.sum(choices)

    def count(indices: Iterable[int]):
        return cp_model.LinearExpr.sum([choices[i] for i in indices])

    by_format = defaultdict(list)
    by_track = defaultdict(list)
    by_language = defaultdict(list)
    by_organisation = defaultdict(list)
    for index, candidate in enumerate(candidates):
        by_format[candidate.format].append(index)
        if candidate.track:
            by_track[candidate.track].append(index)
        if candidate.language:
            by_language[candidate.language].append(index)
        for name in {normalise_organisation(o) for o in candidate.organisations} - {""}:
            by_organisation[name].append(index)

    if "slots_per_format" in active:
        for format_, indices in by_format.items():
            slots = rules.slots_per_format.get(format_, 0)
            if slots < len(indices):
                model.add(count(indices) <= slots)
    for name, flag in (
        ("min_civil_society_share", "civil_society_led"),
        ("min_co_led_share", "co_led"),
    ):
        if name in active:
            share = _share(getattr(rules, name))
            led = [i for i, c in enumerate(candidates) if getattr(c, flag)]
            model.add(share.denominator * count(led) >= share.numerator * accepted)
    if "max_per_organisation" in active:
        for indices in by_organisation.values():
            if len(indices) > rules.max_per_organisation:
                model.add(count(indices) <= rules.max_per_organisation)
    if "min_per_track" in active:
        for track, minimum in minimums["track"].items():
            model.add(count(by_track[track]) >= minimum)
    if "min_per_language" in active:
        for language, minimum in minimums["language"].items():
            model.add(count(by_language[language]) >= minimum)
    for name, groups in (("max_track_share", by_track), ("max_language_share", by_language)):
        if name in active:
            share = _share(getattr(rules, name))
            for indices in groups.values():
                model.add(share.denominator * count(indices) <= share.numerator * accepted)
    return model, choices


def _best_within_slots(candidates: list[Candidate], rules: SelectionRules) -> set[int]:
    """The ids of the best selection under the slot limits alone: each format's top scores."""
    by_format = defaultdict(list)
    for candidate in candidates:
        if candidate.score >= 0:
            by_format[candidate.format].append(candidate)
    chosen = set()
    for format_, group in by_format.items():
        group.sort(key=lambda c: c.score, reverse=True)
        chosen.update(c.id for c in group[: rules.slots_per_format.get(format_, 0)])
    return chosen


def _diagnose(
    candidates: list[Candidate],
    rules: SelectionRules,
    minimums: dict[str, dict[str, int]],
    *,
    time_limit: float,
) -> NoSelection:
    """Name the rules whose removal alone makes a selection possible.

    The rules share `time_limit` between them, so that the whole answer stays
    within twice the caller's limit; a rule whose check runs out of time is
    not named.
    """
    active = _active_rules(rules)
    per_rule = min(5.0, time_limit / max(1, len(active)))
    conflicting = []
    for rule in active:
        model, _ = _build(candidates, rules, minimums, [r for r in active if r != rule])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = per_rule
        if solver.solve(model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            conflicting.append(rule)
    if conflicting:
        reason = "The rules cannot all hold at once; dropping one of these would help: " + (
            ", ".join(conflicting) + "."
        )
    else:
        reason = "The rules cannot all hold at once; several would have to be loosened."
    return NoSelection("infeasible", reason, {"conflicting_rules": conflicting})
