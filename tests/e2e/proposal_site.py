"""The call for proposals of the browser tests' summit: open, with tracks and a question."""

import datetime as dt

from django.utils import timezone

from cosummit.core.questions import QuestionKind
from cosummit.proposals import call_editing
from cosummit.proposals.models import Call, FormatKind, ProposalQuestion, Track


def open_call(site) -> Call:
    """Open the call of `site.summit` (yesterday, for 30 days), as its organiser does.

    The call has the default formats, two tracks, interpretation into English and
    Spanish, and one required question for every format and track.
    """
    summit, organiser = site.summit, site.organiser
    call = call_editing.create_call(
        summit,
        by=organiser,
        opens_at=timezone.now() - dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=30),
        introduction={
            "fr": "Proposez une session pour le sommet.",
            "en": "Propose a session for the summit.",
        },
        is_discussion_public=True,
        interpretation_languages=["en", "es"],
    )
    for position, (slug, name) in enumerate(
        [
            ("open-data", {"fr": "Données ouvertes", "en": "Open data"}),
            ("participation", {"fr": "Participation citoyenne", "en": "Civic participation"}),
        ]
    ):
        call_editing.create_track(
            summit,
            by=organiser,
            slug=slug,
            name=name,
            description={"fr": f"Le thème {name['fr']}.", "en": f"The {name['en']} track."},
            position=position,
        )
    ProposalQuestion.objects.create(
        call=call,
        kind=QuestionKind.SHORT_TEXT,
        label={"fr": "Qu'apprendront les participants ?", "en": "What will participants learn?"},
        is_required=True,
    )
    return call


def workshop_of(call: Call):
    return call.formats.get(kind=FormatKind.WORKSHOP)


def track_of(call: Call, slug: str) -> Track:
    return Track.objects.get(summit=call.summit, slug=slug)
