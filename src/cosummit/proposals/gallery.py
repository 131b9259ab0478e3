"""The gallery of public proposals: filters, search and orders.

Reads only; the views and the API pass them `queries.public_proposals(summit)`.
Every function works the same on SQLite and PostgreSQL.
"""

import random
from dataclasses import dataclass

from django.db.models import BigIntegerField, Exists, F, OuterRef, QuerySet, Value
from django.db.models.functions import Cast

from cosummit.core.text import normalise

from .models import Proposal, ProposalOrganisation

PAGE_SIZE = 24
SORT_RANDOM = "random"
SORT_SUPPORTED = "supported"
SORT_DISCUSSED = "discussed"
SORT_NEWEST = "newest"
SORTS = (SORT_RANDOM, SORT_SUPPORTED, SORT_DISCUSSED, SORT_NEWEST)
# Search uses at most this many words of the query.
MAX_SEARCH_WORDS = 10

# A prime above any id. The random order's key is computed modulo it in 64-bit integers:
# every intermediate value stays below 2**63 on SQLite and PostgreSQL alike.
RANDOM_MODULUS = 2_147_483_647


@dataclass(frozen=True)
class GalleryFilters:
    track: str = ""
    format: int | None = None
    submitter_type: str = ""
    language: str = ""
    country: str = ""
    co_led: bool = False
    q: str = ""


def filter_proposals(proposals: QuerySet[Proposal], filters: GalleryFilters) -> QuerySet:
    """`proposals` narrowed by each filter that is set."""
    if filters.track:
        proposals = proposals.filter(track__slug=filters.track)
    if filters.format:
        proposals = proposals.filter(format_id=filters.format)
    if filters.submitter_type:
        proposals = proposals.filter(
            Exists(
                ProposalOrganisation.objects.filter(
                    proposal=OuterRef("pk"), organisation_type=filters.submitter_type
                )
            )
        )
    if filters.language:
        proposals = proposals.filter(session_language=filters.language)
    if filters.country:
        proposals = proposals.filter(
            Exists(
                ProposalOrganisation.objects.filter(
                    proposal=OuterRef("pk"), country=filters.country
                )
            )
        )
    if filters.co_led:
        proposals = proposals.filter(is_co_led=True)
    if filters.q:
        proposals = search(proposals, filters.q)
    return proposals


def search_words(query: str) -> list[str]:
    """The words of a search, normalised like `Proposal.search_text`."""
    return list(dict.fromkeys(normalise(query).split()))[:MAX_SEARCH_WORDS]


def search(proposals: QuerySet[Proposal], query: str) -> QuerySet:
    """Proposals whose title, abstracts or organisations contain every word of `query`.

    Accents and case do not matter: `search_text` and the words are both
    normalised. A word matches inside longer words, so that "contrat" finds
    "contrats".
    """
    for word in search_words(query):
        proposals = proposals.filter(search_text__contains=word)
    return proposals


def new_random_seed() -> list[int]:
    """A visitor's seed for the random order: three numbers below RANDOM_MODULUS."""
    generator = random.SystemRandom()
    return [generator.randrange(1, RANDOM_MODULUS) for _ in range(3)]


def valid_seed(seed) -> list[int] | None:
    """`seed` when it is a seed that `new_random_seed` could have made, else None."""
    if not isinstance(seed, list | tuple) or len(seed) != 3:
        return None
    if not all(isinstance(number, int) and 0 < number < RANDOM_MODULUS for number in seed):
        return None
    return list(seed)


def _mod(expression):
    # The % operator, not Mod(): Django computes Mod() on SQLite in floating point,
    # which rounds numbers above 2**53.
    return expression % Value(RANDOM_MODULUS, BigIntegerField())


def _number(value: int):
    return Value(value, BigIntegerField())


def random_key(seed: list[int]):
    """A key that shuffles ids, different for each seed: squares and products modulo a prime.

    x = (id + b)² mod P, then key = ((x × a + c) mod P)² mod P. Squaring mixes
    neighbouring ids far apart; two ids may share a key, and the id then
    decides, so that the order is total.
    """
    multiplier, offset, shift = seed
    shifted = _mod(Cast(F("pk"), BigIntegerField()) + _number(offset))
    squared = _mod(shifted * shifted)
    mixed = _mod(squared * _number(multiplier) + _number(shift))
    return _mod(mixed * mixed)


def order_proposals(proposals: QuerySet[Proposal], sort: str, seed=None) -> QuerySet:
    """`proposals` in the order `sort`; the random order needs the visitor's `seed`.

    The random order is computed by the database from the ids and the seed,
    the same for a visitor as long as their seed is, so that page 2 continues
    page 1 without repeating a proposal.
    """
    if sort == SORT_SUPPORTED:
        return proposals.order_by("-supports_count", "-submitted_at", "-pk")
    if sort == SORT_DISCUSSED:
        return proposals.order_by("-comments_count", "-submitted_at", "-pk")
    if sort == SORT_RANDOM:
        key = random_key(valid_seed(seed) or [1, 1, 1])
        return proposals.alias(random_key=key).order_by("random_key", "pk")
    return proposals.order_by("-submitted_at", "-pk")


def for_cards(proposals: QuerySet[Proposal]) -> QuerySet:
    """What a card shows, fetched with the page: format, track and organisations."""
    return proposals.select_related("format", "track").prefetch_related("organisations")
