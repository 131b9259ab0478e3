"""Shared set-up of the decision tests: tracks, conveners, speakers and addresses."""

from django.core import mail

from cosummit.summits.models import Role
from tests.factories import TeamMembershipFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TrackFactory
from tests.review.factories import ReviewerFactory, ReviewerTeamFactory

OUTBOX_MAILERS = {
    "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


def use_outbox(settings) -> None:
    """Mail goes through the outbox, as in production, and is delivered to mail.outbox."""
    settings.MAILERS = OUTBOX_MAILERS
    mail.outbox = []


def two_tracks(summit):
    return (
        TrackFactory(summit=summit, name={"fr": "Journée société civile", "en": "CSO Day"}),
        TrackFactory(summit=summit, name={"fr": "Sommet", "en": "Main summit"}),
    )


def convener_of(summit, *tracks):
    """A reviewer in a deciding team for `tracks` (every track when none)."""
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, tracks=list(tracks), members=[reviewer], can_decide=True)
    return reviewer.user


def plain_reviewer_of(summit, *tracks):
    """A reviewer in a team that does not decide."""
    reviewer = ReviewerFactory(summit=summit)
    ReviewerTeamFactory(summit=summit, tracks=list(tracks), members=[reviewer], can_decide=False)
    return reviewer.user


def organiser_of(summit):
    return TeamMembershipFactory(summit=summit, role=Role.ORGANISER).user


def speaker(name: str, language: str = "en", **fields):
    return UserFactory(
        name=name,
        email=f"{name.lower().replace(' ', '.')}@example.org",
        preferred_language=language,
        organisation=fields.pop("organisation", f"{name} Foundation"),
        **fields,
    )


def proposal_of(summit, track, title: str, *, author=None, **fields):
    return ProposalFactory(
        summit=summit,
        track=track,
        title=title,
        author=author or speaker(title + " Author"),
        **fields,
    )


def list_url(summit, language: str = "en") -> str:
    return f"/{language}/{summit.slug}/review/decisions/"


def decide_url(proposal) -> str:
    return f"/en/{proposal.summit.slug}/review/decisions/{proposal.pk}/decide/"


def reply_url(decision, language: str = "en") -> str:
    return f"/{language}/{decision.proposal.summit.slug}/review/decisions/reply/{decision.token}/"
