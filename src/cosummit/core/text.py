"""Text helpers for search.

`proposals.similarity` keeps its own copy of `normalise`: it imports nothing of the project.
"""

import unicodedata


def normalise(text) -> str:
    """`text` case-folded, without accents, with runs of spaces made single."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())
