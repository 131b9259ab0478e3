"""People and addresses for the tests of the public co-creation pages."""

from django.contrib.messages import get_messages

from cosummit.summits.models import Block, Role
from tests.factories import TeamMembershipFactory, UserFactory


def team_member(summit, role=Role.MODERATOR):
    return TeamMembershipFactory(summit=summit, role=role).user


def unverified_user():
    return UserFactory(verified=False)


def blocked_user(summit):
    user = UserFactory()
    Block.objects.create(summit=summit, user=user, reason="Spam")
    return user


def gallery_url(summit, language="en") -> str:
    return f"/{language}/{summit.slug}/proposals/"


def proposal_url(proposal, action: str = "", language="en") -> str:
    url = f"/{language}/{proposal.summit.slug}/proposals/{proposal.pk}/"
    return url + (f"{action}/" if action else "")


def comment_url(comment, action: str, language="en") -> str:
    return proposal_url(comment.proposal, f"comments/{comment.pk}/{action}", language)


def messages_of(response) -> list[str]:
    """The messages this request added; earlier ones, never shown, are left out."""
    storage = get_messages(response.wsgi_request)
    return [str(message) for message in storage._queued_messages]


def comment_link(comment, language="en") -> str:
    """Where the site sends people to read a comment: its page of the discussion."""
    return proposal_url(comment.proposal, language=language) + (
        f"?comment={comment.pk}#comment-{comment.pk}"
    )
