"""Similar proposals, in French and English: a pure module on plain dataclasses.

Two proposals on the same subject seldom share their wording, and often not
their language. Each text is therefore read three ways:

1. normalised: case-folded, accents and punctuation removed;
2. its open-government terms replaced by a concept shared by both languages
   ("données ouvertes" and "open data" both become one token), from the small
   bilingual map `CONCEPTS`;
3. cut into word stems (common French and English words left out, plurals and
   a few suffixes stripped) and into character n-grams of 3 and 4 letters of
   each stem, which also match words that French and English spell alike
   ("corruption", "transparence" and "transparency", "parlement" and
   "parliament").

Both feature sets are weighted by TF-IDF over the texts compared, and the score
of two texts is a weighted mean of the cosine similarity of their word vectors
and of their n-gram vectors. `Index` reads the candidates once; `search` then
costs a few milliseconds against hundreds of proposals (see bench/similarity.py
and docs/benchmarks.md for the figures and how the threshold was chosen).
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from .similarity_terms import CONCEPTS, STOPWORDS

# Chosen on the labelled pairs of tests/proposals/similar_pairs.json: the
# threshold where F1 is highest, nudged towards precision (a wrong suggestion
# costs a reader more than a missed one).
THRESHOLD = 0.19
LIMIT = 5
# The share of the score that comes from whole words; the rest comes from
# character n-grams.
WORD_WEIGHT = 0.5
NGRAM_SIZES = (3, 4)
# A concept from the bilingual map says more than a word: it is counted twice.
CONCEPT_WEIGHT = 2.0


@dataclass(frozen=True)
class Document:
    """A text to compare: usually a proposal's title and abstract, in any language."""

    key: Hashable
    text: str


@dataclass(frozen=True)
class Match:
    key: Hashable
    score: float


def normalise(text: str) -> str:
    """`text` case-folded, without accents, with runs of spaces made single."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.split())


_SUFFIXES = (
    "issements",
    "issement",
    "ements",
    "ement",
    "ations",
    "ation",
    "ments",
    "ment",
    "ities",
    "ites",
    "ite",
    "ity",
    "iques",
    "ique",
    "ics",
    "ic",
    "ing",
    "ives",
    "ive",
    "ifs",
    "if",
    "ies",
    "y",
    "es",
    "s",
    "x",
    "e",
)


def _singular(word: str) -> str:
    """A word without its plural mark, for matching the phrases of `CONCEPTS`."""
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def _phrase_table() -> tuple[dict[tuple[str, ...], str], int]:
    table = {}
    for concept, phrases in CONCEPTS.items():
        for phrase in phrases:
            table.setdefault(tuple(_singular(word) for word in phrase.split()), concept)
    return table, max(len(words) for words in table)


_PHRASES, _LONGEST_PHRASE = _phrase_table()
_NON_WORD = re.compile(r"[^a-z0-9]+")
CONCEPT_PREFIX = "zz"


def _replace_concepts(words: list[str]) -> list[str]:
    """`words` with each phrase of `CONCEPTS` replaced by its concept, longest first."""
    singular = [_singular(word) for word in words]
    result = []
    position = 0
    while position < len(words):
        for length in range(min(_LONGEST_PHRASE, len(words) - position), 0, -1):
            concept = _PHRASES.get(tuple(singular[position : position + length]))
            if concept is not None:
                result.append(CONCEPT_PREFIX + concept)
                position += length
                break
        else:
            result.append(words[position])
            position += 1
    return result


def stem(word: str) -> str:
    """A light stem for French and English: one common suffix stripped."""
    if word.startswith(CONCEPT_PREFIX) or len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The stems and concepts of `text`, in order, common words left out."""
    words = _NON_WORD.sub(" ", normalise(text)).split()
    return [
        stem(word)
        for word in _replace_concepts(words)
        if word not in STOPWORDS and (len(word) > 1 or word.isdigit())
    ]


def features(text: str) -> tuple[Counter, Counter]:
    """The weighted word counts and character n-gram counts of `text`."""
    words: Counter = Counter()
    ngrams: Counter = Counter()
    for term in terms(text):
        is_concept = term.startswith(CONCEPT_PREFIX)
        words[term] += CONCEPT_WEIGHT if is_concept else 1.0
        if is_concept:
            # A concept matches only itself: its letters mean nothing.
            ngrams[term] += CONCEPT_WEIGHT
            continue
        padded = f" {term} "
        for size in NGRAM_SIZES:
            for start in range(len(padded) - size + 1):
                ngrams[padded[start : start + size]] += 1.0
    return words, ngrams


class _Space:
    """One TF-IDF vector space (words, or n-grams) over the indexed documents."""

    def __init__(self, counts: list[Counter]):
        self.size = len(counts)
        document_frequency: Counter = Counter()
        for count in counts:
            document_frequency.update(count.keys())
        self.idf = {
            feature: math.log((1 + self.size) / (1 + frequency)) + 1.0
            for feature, frequency in document_frequency.items()
        }
        self.unseen_idf = math.log(1 + self.size) + 1.0
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for position, count in enumerate(counts):
            for feature, weight in self.vector(count).items():
                self.postings.setdefault(feature, []).append((position, weight))

    def vector(self, count: Counter) -> dict[str, float]:
        """The unit-length TF-IDF vector of a count (sublinear term frequency)."""
        weighted = {
            feature: (1.0 + math.log(tf)) * self.idf.get(feature, self.unseen_idf)
            for feature, tf in count.items()
            if tf > 0
        }
        norm = math.sqrt(sum(value * value for value in weighted.values()))
        if not norm:
            return {}
        return {feature: value / norm for feature, value in weighted.items()}

    def scores(self, count: Counter) -> dict[int, float]:
        """Cosine similarity of `count` with every indexed document that shares a feature."""
        totals: dict[int, float] = {}
        for feature, weight in self.vector(count).items():
            for position, other in self.postings.get(feature, ()):
                totals[position] = totals.get(position, 0.0) + weight * other
        return totals


class Index:
    """The candidates read once, to compare texts with them quickly."""

    def __init__(self, documents: Iterable[Document]):
        self.documents = list(documents)
        counted = [features(document.text) for document in self.documents]
        self.words = _Space([words for words, _ngrams in counted])
        self.ngrams = _Space([ngrams for _words, ngrams in counted])

    def __len__(self) -> int:
        return len(self.documents)

    def scores(self, text: str) -> dict[Hashable, float]:
        """The score of `text` against every candidate it shares something with."""
        words, ngrams = features(text)
        word_scores = self.words.scores(words)
        ngram_scores = self.ngrams.scores(ngrams)
        combined = {}
        for position in word_scores.keys() | ngram_scores.keys():
            score = WORD_WEIGHT * word_scores.get(position, 0.0) + (
                1 - WORD_WEIGHT
            ) * ngram_scores.get(position, 0.0)
            combined[self.documents[position].key] = score
        return combined

    def search(
        self,
        text: str,
        *,
        limit: int = LIMIT,
        threshold: float = THRESHOLD,
        exclude: Iterable[Hashable] = (),
    ) -> list[Match]:
        """Up to `limit` candidates scoring at least `threshold`, the most similar first."""
        if not text.strip():
            return []
        excluded = set(exclude)
        matches = [
            Match(key=key, score=round(score, 4))
            for key, score in self.scores(text).items()
            if score >= threshold and key not in excluded
        ]
        matches.sort(key=lambda match: (-match.score, str(match.key)))
        return matches[:limit]


def most_similar(
    text: str,
    candidates: Iterable[Document],
    *,
    limit: int = LIMIT,
    threshold: float = THRESHOLD,
    exclude: Iterable[Hashable] = (),
) -> list[Match]:
    """Up to `limit` of `candidates` most similar to `text`, at least `threshold`."""
    return Index(candidates).search(text, limit=limit, threshold=threshold, exclude=exclude)
