"""A reviewer's own preferences: what they know, the languages and tracks they review.

Kept apart from `domain.py` while several people write the review; it belongs
with the other writes of the review.
"""

from django.db import transaction

from .models import Reviewer


def update_reviewer_preferences(
    reviewer: Reviewer, *, expertise: str, languages: list[str], preferred_tracks
) -> Reviewer:
    """Change what `reviewer` says they know; the next assignment run uses it.

    The caller checked that the languages are the summit's and the tracks
    belong to it. Side effects, in order: the Reviewer row's expertise and
    languages are saved; its preferred tracks are replaced.
    """
    reviewer.expertise = expertise.strip()
    reviewer.languages = list(dict.fromkeys(languages))
    with transaction.atomic():
        reviewer.save(update_fields=["expertise", "languages"])
        reviewer.preferred_tracks.set(preferred_tracks)
    return reviewer
