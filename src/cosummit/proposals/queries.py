"""Who may see and do what with proposals, and the reads that depend on it."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from cosummit.accounts.queries import has_verified_email
from cosummit.summits.models import Role, Summit
from cosummit.summits.queries import has_role, is_blocked, visible_summits

from .models import Call, Proposal, State

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
    """Organisers and moderators see every submitted proposal.

    Reviewers read proposals through the review, which keeps them from the
    proposals they conflict with and, in a blind review, from speakers' names.
    """
    return has_role(user, summit, Role.ORGANISER, Role.MODERATOR)


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


def can_take_part(user, summit: Summit) -> bool:
    """Submitting, commenting, supporting and reporting need a verified, unblocked account."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if not has_verified_email(user):
        return False
    return not is_blocked(user, summit)


def proposals_of(user, summit: Summit) -> QuerySet[Proposal]:
    """The proposals `user` is a speaker of in `summit`, drafts included."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    return Proposal.objects.filter(summit=summit, speaker_set__user=user).exclude(
        state=State.MERGED
    )


def get_summit_for_moderator(user, slug: str) -> Summit:
    """A summit whose proposals `user` moderates (organisers and moderators), or 404."""
    from cosummit.summits.queries import can_moderate

    summit = Summit.objects.filter(slug=slug).first()
    if summit is None:
        raise Http404
    if not can_moderate(user, summit):
        raise Http404
    return summit


def get_comment_for_user(user, proposal: Proposal, pk: int):
    """A comment of a proposal `user` may read (fetched with `get_proposal_for_user`), or 404."""
    from .models import Comment

    comment = Comment.objects.filter(proposal=proposal, pk=pk).select_related("author").first()
    if comment is None:
        raise Http404
    return comment


def why_cannot_take_part(user, summit: Summit) -> str:
    """The sentence that tells `user` why they cannot take part, or "" when they can."""
    from django.utils.translation import gettext as _

    if not user.is_authenticated or not user.is_active:
        return _("Log in to take part in the discussion.")
    if not has_verified_email(user):
        return _("Confirm your e-mail address to take part in the discussion.")
    if is_blocked(user, summit):
        return _("The moderators have blocked you from taking part in this summit.")
    return ""


def get_proposal_for_speaker(user, summit: Summit, pk: int) -> Proposal:
    """A proposal of `summit` that `user` is a speaker of, in any state, or 404."""
    if not user.is_authenticated:
        raise Http404
    proposal = (
        Proposal.objects.select_related("summit", "format", "track", "access_code", "created_by")
        .filter(summit=summit, pk=pk, speaker_set__user=user)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def my_proposals(user, summit: Summit) -> QuerySet[Proposal]:
    """The proposals `user` speaks in, for their "my proposals" page: one query with speakers."""
    from django.db.models import Prefetch

    from .models import Speaker

    return (
        proposals_of(user, summit)
        .select_related("format", "track", "access_code")
        .prefetch_related(Prefetch("speaker_set", queryset=Speaker.objects.select_related("user")))
        .order_by("-created_at", "-pk")
    )


def pending_invitations_for(user, summit: Summit):
    """Invitations to co-speak in `summit` still waiting for `user`'s answer."""
    from allauth.account.models import EmailAddress

    from .models import Invitation

    if not user.is_authenticated:
        return Invitation.objects.none()
    emails = EmailAddress.objects.filter(user=user, verified=True).values("email")
    return (
        Invitation.objects.filter(
            proposal__summit=summit, status=Invitation.Status.PENDING, email__in=emails
        )
        .select_related("proposal", "invited_by")
        .order_by("created_at", "pk")
    )


def get_invitation(summit: Summit, token: str):
    """The invitation with this token, in `summit`, or 404. The token is the permission."""
    from .models import Invitation

    invitation = (
        Invitation.objects.select_related("proposal__summit", "invited_by")
        .filter(proposal__summit=summit, token=token)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def proposal_questions(call: Call, session_format, track):
    """The call's questions asked for this format and track, in order, with their condition."""
    from django.db.models import Q

    from .models import ProposalQuestion

    questions = ProposalQuestion.objects.filter(call=call)
    format_pk = getattr(session_format, "pk", None)
    track_pk = getattr(track, "pk", None)
    questions = questions.filter(Q(formats=None) | Q(formats=format_pk))
    questions = questions.filter(Q(tracks=None) | Q(tracks=track_pk))
    return questions.select_related("depends_on").distinct().order_by("position", "pk")


def similarity_candidates(summit: Summit) -> QuerySet[Proposal]:
    """Proposals that a writer may be shown as similar: those the public may read."""
    return public_proposals(summit).only(
        "pk", "title", "abstract", "other_title", "other_abstract", "updated_at"
    )


# The index of each summit's readable proposals, kept in this process while
# they do not change: reading 700 proposals into an index takes about 150 ms,
# searching it about 2 ms.
_similarity_indexes: dict[int, tuple[tuple, object, dict]] = {}


def similar_proposals(summit: Summit, text: str, *, exclude=()) -> list[tuple[int, str, float]]:
    """Up to five readable proposals most similar to `text`: (pk, title, score)."""
    from django.db.models import Count, Max

    from . import similarity

    if not text.strip():
        return []
    candidates = similarity_candidates(summit)
    signature = tuple(
        candidates.aggregate(count=Count("pk"), latest=Max("updated_at"), last=Max("pk")).values()
    )
    if not signature[0]:
        return []
    cached = _similarity_indexes.get(summit.pk)
    if cached is None or cached[0] != signature:
        rows = list(
            candidates.values_list("pk", "title", "abstract", "other_title", "other_abstract")
        )
        index = similarity.Index(
            similarity.Document(pk, "\n".join(part for part in texts if part))
            for pk, *texts in rows
        )
        titles = {pk: title for pk, title, *_rest in rows}
        if len(_similarity_indexes) > 16:
            _similarity_indexes.clear()
        cached = _similarity_indexes[summit.pk] = (signature, index, titles)
    _signature, index, titles = cached
    return [
        (match.key, titles[match.key], match.score) for match in index.search(text, exclude=exclude)
    ]


def organiser_proposals(summit: Summit, *, state=None, format=None, track=None):
    """The summit's proposals for its organisers: every state but drafts, filtered."""
    proposals = (
        Proposal.objects.filter(summit=summit)
        .exclude(state=State.DRAFT)
        .select_related("format", "track", "created_by")
    )
    if state:
        proposals = proposals.filter(state=state)
    if format is not None:
        proposals = proposals.filter(format=format)
    if track is not None:
        proposals = proposals.filter(track=track)
    return proposals.order_by("-submitted_at", "-pk")


def proposal_counts(summit: Summit) -> dict[str, int]:
    """How many proposals of the summit are in each state, drafts included."""
    from django.db.models import Count

    rows = Proposal.objects.filter(summit=summit).values("state").annotate(count=Count("pk"))
    counts = dict.fromkeys(State.values, 0)
    counts.update({row["state"]: row["count"] for row in rows})
    return counts
