"""Who may see and do what with proposals, and the reads that depend on it."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from cosummit.summits.models import Role, Summit
from cosummit.summits.queries import has_role, visible_summits

from .models import Block, Call, Proposal, State

# A proposal the public may read: submitted, or merged (its page then leads to
# the joint proposal, so that links and discussions stay reachable).
READABLE_STATES = (State.SUBMITTED, State.MERGED)


def get_call(summit: Summit) -> Call | None:
    return Call.objects.filter(summit=summit).first()


def discussion_is_open(call: Call | None, now=None) -> bool:
    """Whether submitted proposals are shown to the public now."""
    if call is None:
        return False
    if not call.is_discussion_public:
        return False
    now = now or timezone.now()
    return call.discussion_opens_at is None or call.discussion_opens_at <= now


def public_proposals(summit: Summit, *, now=None) -> QuerySet[Proposal]:
    """Proposals of `summit` that everyone may read, merged ones excluded."""
    if not summit.is_published:
        return Proposal.objects.none()
    if not discussion_is_open(get_call(summit), now):
        return Proposal.objects.none()
    return Proposal.objects.filter(summit=summit, state=State.SUBMITTED, hidden_at__isnull=True)


def is_speaker(user, proposal: Proposal) -> bool:
    if not user.is_authenticated:
        return False
    return proposal.speaker_set.filter(user=user).exists()


def can_see_all_proposals(user, summit: Summit) -> bool:
    """Organisers, moderators and reviewers see every submitted proposal."""
    return has_role(user, summit, Role.ORGANISER, Role.MODERATOR, Role.REVIEWER)


def get_summit_for_user(user, slug: str) -> Summit:
    summit = visible_summits(user).filter(slug=slug).first()
    if summit is None:
        raise Http404
    return summit


def get_proposal_for_user(user, summit: Summit, pk: int, *, now=None) -> Proposal:
    """A proposal `user` may read, or 404.

    Speakers read their own proposals in every state; the summit's team reads
    every proposal that was submitted; everyone reads public proposals and
    merged ones while the discussion is open.
    """
    proposal = (
        Proposal.objects.select_related("summit", "format", "track", "merged_into")
        .filter(summit=summit, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    if is_speaker(user, proposal):
        return proposal
    if proposal.state == State.DRAFT:
        raise Http404
    if can_see_all_proposals(user, summit):
        return proposal
    if proposal.state not in READABLE_STATES:
        raise Http404
    if proposal.hidden_at is not None:
        raise Http404
    if not summit.is_published:
        raise Http404
    if not discussion_is_open(get_call(summit), now):
        raise Http404
    return proposal


def can_edit_proposal(user, proposal: Proposal) -> bool:
    """Speakers edit their proposal while it is a draft or submitted."""
    if proposal.state not in (State.DRAFT, State.SUBMITTED):
        return False
    return is_speaker(user, proposal)


def is_blocked(user, summit: Summit) -> bool:
    if not user.is_authenticated:
        return False
    return Block.objects.filter(summit=summit, user=user).exists()


def can_take_part(user, summit: Summit) -> bool:
    """Submitting, commenting, supporting and reporting need a verified, unblocked account."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if not has_verified_email(user):
        return False
    return not is_blocked(user, summit)


def has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def proposals_of(user, summit: Summit) -> QuerySet[Proposal]:
    """The proposals `user` is a speaker of in `summit`, drafts included."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    return Proposal.objects.filter(summit=summit, speaker_set__user=user).exclude(
        state=State.MERGED
    )
