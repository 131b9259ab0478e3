"""Who may review what, and how well: conflicts of interest and affinity.

A pure module on plain dataclasses, like the solvers it feeds
(`assignment.py`): the queries build the facts from the database once, and
everything here is fast to test alone.

Conflicts of interest found from the data, each with a reason code:

- ``speaker``: the reviewer speaks in the proposal;
- ``organisation``: the reviewer's organisation organises the proposal or is a
  speaker's organisation (names compared without case, accents or spacing);
- ``co_author``: the reviewer proposed another session with one of its speakers;
- ``country``: the reviewer's country is one of the proposal's organisations'
  or speakers' countries, when the summit asks for it.

Affinity, from 0 to 1, is a weighted sum of three signals: the reviewer prefers
the proposal's track, the reviewer's declared expertise appears in the
proposal's text (matched across French and English by the similarity module's
terms), and the reviewer reads the proposal's language.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from cosummit.proposals.similarity import terms

TRACK_WEIGHT = 0.5
EXPERTISE_WEIGHT = 0.3
LANGUAGE_WEIGHT = 0.2
# A reviewer who named no preferred track is neither drawn to a track nor kept from it.
NO_PREFERENCE = 0.5


def same_name(name: str) -> str:
    """An organisation's name reduced for comparison: case, accents and spacing removed."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class ReviewerFacts:
    key: int
    user_id: int
    organisation: str = ""
    country: str = ""
    languages: frozenset[str] = frozenset()
    preferred_tracks: frozenset[int] = frozenset()
    expertise: tuple[str, ...] = ()
    co_authors: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ProposalFacts:
    key: int
    track: int | None = None
    language: str = ""
    text: str = ""
    speaker_ids: frozenset[int] = frozenset()
    organisations: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    terms: frozenset[str] = field(default=frozenset(), compare=False)


def with_terms(proposal: ProposalFacts) -> ProposalFacts:
    """The proposal with the terms of its text, computed once for every reviewer."""
    return ProposalFacts(
        key=proposal.key,
        track=proposal.track,
        language=proposal.language,
        text=proposal.text,
        speaker_ids=proposal.speaker_ids,
        organisations=proposal.organisations,
        countries=proposal.countries,
        terms=frozenset(terms(proposal.text)),
    )


def conflict_reason(
    reviewer: ReviewerFacts, proposal: ProposalFacts, *, same_country: bool = False
) -> str | None:
    """The first reason code why `reviewer` must not review `proposal`, or None."""
    if reviewer.user_id in proposal.speaker_ids:
        return "speaker"
    organisation = same_name(reviewer.organisation)
    if organisation and organisation in {same_name(name) for name in proposal.organisations}:
        return "organisation"
    if not reviewer.co_authors.isdisjoint(proposal.speaker_ids):
        return "co_author"
    if same_country and reviewer.country and reviewer.country in proposal.countries:
        return "country"
    return None


def conflicts(
    reviewers: Iterable[ReviewerFacts],
    proposals: Iterable[ProposalFacts],
    *,
    same_country: bool = False,
) -> dict[tuple[int, int], str]:
    """Every conflicting (reviewer key, proposal key) pair with its reason code."""
    proposals = list(proposals)
    found = {}
    for reviewer in reviewers:
        for proposal in proposals:
            reason = conflict_reason(reviewer, proposal, same_country=same_country)
            if reason:
                found[reviewer.key, proposal.key] = reason
    return found


def expertise_terms(reviewer: ReviewerFacts) -> list[frozenset[str]]:
    return [frozenset(terms(topic)) for topic in reviewer.expertise if terms(topic)]


def affinity(
    reviewer: ReviewerFacts,
    proposal: ProposalFacts,
    *,
    topics: list[frozenset[str]] | None = None,
) -> float:
    """How well `reviewer` fits `proposal`, from 0 to 1.

    `proposal` should carry its terms (`with_terms`); `topics` are the
    reviewer's expertise terms, passed in when scoring many proposals.
    """
    if not reviewer.preferred_tracks:
        track = NO_PREFERENCE
    else:
        track = 1.0 if proposal.track in reviewer.preferred_tracks else 0.0
    topics = expertise_terms(reviewer) if topics is None else topics
    if topics:
        matched = sum(1 for topic in topics if topic & proposal.terms)
        expertise = min(1.0, matched / min(len(topics), 3))
    else:
        expertise = 0.0
    if not reviewer.languages or not proposal.language:
        language = 1.0
    else:
        language = 1.0 if proposal.language in reviewer.languages else 0.0
    return round(
        TRACK_WEIGHT * track + EXPERTISE_WEIGHT * expertise + LANGUAGE_WEIGHT * language, 6
    )


def affinity_matrix(
    reviewers: list[ReviewerFacts], proposals: list[ProposalFacts]
) -> list[list[float]]:
    """Affinity of every reviewer (rows) for every proposal (columns)."""
    proposals = [with_terms(proposal) for proposal in proposals]
    rows = []
    for reviewer in reviewers:
        topics = expertise_terms(reviewer)
        rows.append([affinity(reviewer, proposal, topics=topics) for proposal in proposals])
    return rows
