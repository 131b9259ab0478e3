"""Who may review and decide what, and the reads that depend on it.

A reviewer is someone with the reviewer role in the summit's team; their
`Reviewer` row, with their preferences, is created the first time it is
needed. A reviewer in no team reviews every track; teams limit them to their
tracks. Conveners (members of a team that decides) decide for their tracks;
organisers decide for all. A reviewer never gets, sees or scores a proposal
they conflict with.
"""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cosummit.proposals.models import Proposal, ProposalOrganisation, Speaker, State
from cosummit.summits.models import Role, Summit, TeamMembership
from cosummit.summits.queries import can_organise, get_summit_for_user, has_role

from . import matching
from .models import (
    Assignment,
    Conflict,
    Criterion,
    Decision,
    Phase,
    Reviewer,
    ReviewerTeam,
    ReviewSettings,
)


def review_settings(summit: Summit) -> ReviewSettings:
    """The summit's review settings, with the defaults until an organiser saves them.

    They are kept on the summit object, which lives for one request, so that
    the permission and display questions of a page read them once.
    """
    if "_review_settings" not in summit.__dict__:
        found = ReviewSettings.objects.filter(summit=summit).first()
        summit.__dict__["_review_settings"] = found or ReviewSettings(summit=summit)
    return summit.__dict__["_review_settings"]


def current_phase(summit: Summit, *, now=None) -> Phase | None:
    now = now or timezone.now()
    return Phase.objects.filter(summit=summit, starts_at__lte=now, ends_at__gt=now).first()


def criteria(summit: Summit) -> list[Criterion]:
    return list(Criterion.objects.filter(summit=summit))


def reviewable_proposals(summit: Summit) -> QuerySet[Proposal]:
    """Proposals that are reviewed: submitted ones, hidden ones included."""
    return Proposal.objects.filter(summit=summit, state=State.SUBMITTED)


# Reviewers and their tracks


def get_reviewer(user, summit: Summit) -> Reviewer | None:
    """`user`'s reviewer row in `summit` when they hold the reviewer role, or None."""
    if not has_role(user, summit, Role.REVIEWER):
        return None
    reviewer, _created = Reviewer.objects.get_or_create(summit=summit, user=user)
    reviewer.summit = summit
    return reviewer


def get_summit_for_reviewer(user, slug: str) -> tuple[Summit, Reviewer]:
    summit = get_summit_for_user(user, slug)
    reviewer = get_reviewer(user, summit)
    if reviewer is None:
        raise Http404
    return summit, reviewer


def load_bounds(reviewer: Reviewer, settings: ReviewSettings) -> tuple[int, int]:
    """The fewest and most proposals `reviewer` takes: their own, else the summit's.

    A most below the fewest counts as the fewest.
    """
    low = reviewer.min_load if reviewer.min_load is not None else settings.min_load
    high = reviewer.max_load if reviewer.max_load is not None else settings.max_load
    return low, max(low, high)


def summit_reviewers(summit: Summit) -> QuerySet[Reviewer]:
    """Everyone with the reviewer role, each with their row created if missing."""
    holders = TeamMembership.objects.filter(summit=summit, role=Role.REVIEWER)
    known = set(Reviewer.objects.filter(summit=summit).values_list("user_id", flat=True))
    missing = [
        Reviewer(summit=summit, user_id=user_id)
        for user_id in holders.values_list("user_id", flat=True)
        if user_id not in known
    ]
    if missing:
        Reviewer.objects.bulk_create(missing, ignore_conflicts=True)
    return (
        Reviewer.objects.filter(summit=summit, user__in=holders.values("user"))
        .select_related("user")
        .prefetch_related("preferred_tracks", "teams__tracks")
    )


def track_scope(teams) -> set[int | None] | None:
    """The tracks a set of teams covers: None when it is every track."""
    teams = list(teams)
    if not teams:
        return None
    tracks: set[int | None] = set()
    for team in teams:
        team_tracks = [track.pk for track in team.tracks.all()]
        if not team_tracks:
            return None
        tracks.update(team_tracks)
    return tracks


def reviewer_tracks(reviewer: Reviewer) -> set[int | None] | None:
    """The tracks `reviewer` reviews: None for every track."""
    return track_scope(reviewer.teams.prefetch_related("tracks"))


def in_scope(proposals: QuerySet[Proposal], scope) -> QuerySet[Proposal]:
    """`proposals` within `scope`: a set of tracks (None in it for proposals
    without a track), a DecisionScope, or None for everything."""
    if scope is None:
        return proposals
    condition = Q(track__in=[pk for pk in scope if pk is not None])
    if None in scope:
        condition |= Q(track__isnull=True)
    proposals = proposals.filter(condition)
    hidden = getattr(scope, "hidden", frozenset())
    return proposals.exclude(pk__in=hidden) if hidden else proposals


# Conflicts of interest


def reviewer_facts(reviewers) -> list[matching.ReviewerFacts]:
    """The facts the matching needs about `reviewers` (with users and preferred tracks)."""
    reviewers = list(reviewers)
    user_ids = [reviewer.user_id for reviewer in reviewers]
    co_authors: dict[int, set[int]] = {user_id: set() for user_id in user_ids}
    mine = Speaker.objects.filter(user_id__in=user_ids).values_list("proposal_id", "user_id")
    proposal_ids = {proposal_id for proposal_id, _user_id in mine}
    by_proposal: dict[int, set[int]] = {}
    for proposal_id, user_id in Speaker.objects.filter(proposal_id__in=proposal_ids).values_list(
        "proposal_id", "user_id"
    ):
        by_proposal.setdefault(proposal_id, set()).add(user_id)
    for proposal_id, user_id in mine:
        co_authors[user_id] |= by_proposal.get(proposal_id, set()) - {user_id}
    return [
        matching.ReviewerFacts(
            key=reviewer.pk,
            user_id=reviewer.user_id,
            organisation=reviewer.user.organisation,
            country=str(reviewer.user.country or ""),
            languages=frozenset(reviewer.languages or ()),
            preferred_tracks=frozenset(track.pk for track in reviewer.preferred_tracks.all()),
            expertise=tuple(
                topic.strip() for topic in reviewer.expertise.split(",") if topic.strip()
            ),
            co_authors=frozenset(co_authors[reviewer.user_id]),
        )
        for reviewer in reviewers
    ]


def proposal_facts(proposals: QuerySet[Proposal]) -> list[matching.ProposalFacts]:
    """The facts the matching needs about `proposals`, in three queries."""
    proposals = proposals.prefetch_related(
        Prefetch("speaker_set", queryset=Speaker.objects.select_related("user")),
        Prefetch("organisations", queryset=ProposalOrganisation.objects.all()),
    )
    facts = []
    for proposal in proposals:
        speakers = [speaker.user for speaker in proposal.speaker_set.all()]
        organisations = list(proposal.organisations.all())
        facts.append(
            matching.ProposalFacts(
                key=proposal.pk,
                track=proposal.track_id,
                language=proposal.session_language or proposal.language,
                text=" ".join(
                    part
                    for part in (
                        proposal.title,
                        proposal.abstract,
                        proposal.other_title,
                        proposal.other_abstract,
                    )
                    if part
                ),
                speaker_ids=frozenset(user.pk for user in speakers),
                organisations=frozenset(
                    [organisation.name for organisation in organisations]
                    + [user.organisation for user in speakers if user.organisation]
                ),
                countries=frozenset(
                    [str(o.country) for o in organisations if o.country]
                    + [str(user.country) for user in speakers if user.country]
                ),
            )
        )
    return facts


def conflicted_proposal_ids(reviewer: Reviewer, *, proposals=None) -> set[int]:
    """Proposals of the summit that `reviewer` conflicts with, found or declared."""
    settings = review_settings(reviewer.summit)
    candidates = proposals if proposals is not None else reviewable_proposals(reviewer.summit)
    facts = reviewer_facts(
        Reviewer.objects.filter(pk=reviewer.pk)
        .select_related("user")
        .prefetch_related("preferred_tracks")
    )[0]
    found = {
        proposal.key
        for proposal in proposal_facts(candidates)
        if matching.conflict_reason(facts, proposal, same_country=settings.conflict_same_country)
    }
    declared = Conflict.objects.filter(reviewer=reviewer).values_list("proposal_id", flat=True)
    return found | set(declared)


def conflicts_for_summit(summit: Summit, reviewers, proposals) -> dict[tuple[int, int], str]:
    """Every conflicting (reviewer pk, proposal pk) pair with its reason code.

    Declared and recorded conflicts carry their source ("declared", "organiser").
    """
    settings = review_settings(summit)
    found = matching.conflicts(
        reviewer_facts(reviewers),
        proposal_facts(proposals),
        same_country=settings.conflict_same_country,
    )
    for reviewer_id, proposal_id, source in Conflict.objects.filter(
        reviewer__summit=summit
    ).values_list("reviewer_id", "proposal_id", "source"):
        found.setdefault((reviewer_id, proposal_id), source)
    return found


# What a reviewer sees


def assigned_proposals(reviewer: Reviewer) -> QuerySet[Proposal]:
    """The proposals assigned to `reviewer`, in their tracks and without conflicts."""
    assigned = Assignment.objects.filter(reviewer=reviewer).values("proposal_id")
    proposals = in_scope(
        reviewable_proposals(reviewer.summit).filter(pk__in=assigned), reviewer_tracks(reviewer)
    )
    conflicted = conflicted_proposal_ids(reviewer, proposals=proposals)
    return proposals.exclude(pk__in=conflicted)


def get_proposal_for_reviewer(reviewer: Reviewer, pk: int) -> Proposal:
    """A proposal assigned to `reviewer`, or 404."""
    proposal = (
        assigned_proposals(reviewer)
        .filter(pk=pk)
        .select_related("format", "track", "summit")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def can_see_other_reviews(reviewer: Reviewer, proposal: Proposal, *, phase=None) -> bool:
    """Whether the phase lets `reviewer` read the other reviews of `proposal`."""
    from .models import OtherReviews

    if phase is None:
        return False
    if phase.other_reviews == OtherReviews.ALWAYS:
        return True
    if phase.other_reviews == OtherReviews.NEVER:
        return False
    return reviewer.reviews.filter(proposal=proposal).exists()


# Deciding


class DecisionScope(frozenset):
    """What a convener decides on: the tracks (None in it for proposals without
    one), less `hidden`, the proposals they have a conflict of interest with."""

    def __new__(cls, tracks, hidden=frozenset()):
        scope = super().__new__(cls, tracks)
        scope.hidden = frozenset(hidden)
        return scope


def decision_tracks(user, summit: Summit) -> set[int | None] | None:
    """The tracks `user` decides for: None for every track, an empty set for none."""
    if can_organise(user, summit):
        return None
    reviewer = get_reviewer(user, summit)
    if reviewer is None:
        return set()
    teams = ReviewerTeam.objects.filter(summit=summit, can_decide=True, members=reviewer)
    if not teams.exists():
        return set()
    tracks = track_scope(teams.prefetch_related("tracks"))
    if tracks is None:
        return {None, *summit.tracks.values_list("pk", flat=True)}
    return tracks


def decision_scope(user, summit: Summit) -> DecisionScope | None:
    """What `user` decides on: None for everything (organisers), an empty scope for nothing.

    Conveners are reviewers: the proposals they conflict with are left out,
    so that they never see or decide them.
    """
    tracks = decision_tracks(user, summit)
    if tracks is None:
        return None
    if not tracks:
        return DecisionScope(())
    reviewer = get_reviewer(user, summit)
    candidates = in_scope(reviewable_proposals(summit), tracks)
    return DecisionScope(tracks, conflicted_proposal_ids(reviewer, proposals=candidates))


def can_decide(user, summit: Summit) -> bool:
    tracks = decision_tracks(user, summit)
    return tracks is None or bool(tracks)


def get_summit_for_decider(user, slug: str) -> tuple[Summit, DecisionScope | None]:
    """The summit whose proposals `user` decides on, with their track scope, or 404."""
    summit = get_summit_for_user(user, slug)
    scope = decision_scope(user, summit)
    if scope is not None and not scope:
        raise Http404
    return summit, scope


def get_proposal_for_decider(user, summit: Summit, pk: int) -> Proposal:
    scope = decision_scope(user, summit)
    if scope is not None and not scope:
        raise Http404
    proposal = in_scope(reviewable_proposals(summit), scope).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def is_blind_for(user, summit: Summit) -> bool:
    """Whether speakers' names and organisations are hidden from `user`.

    Organisers always see them; everyone who reaches proposals through the
    review (reviewers and conveners) does not, when the review is blind.
    """
    if can_organise(user, summit):
        return False
    return review_settings(summit).is_blind


def get_decision_for_speaker(user, summit: Summit, token: str) -> Decision:
    """The decision behind a reply link, for one of its proposal's speakers."""
    decision = (
        Decision.objects.select_related("proposal", "proposal__summit")
        .filter(token=token, proposal__summit=summit, applied_at__isnull=False)
        .first()
    )
    if decision is None:
        raise Http404
    if not decision.proposal.speaker_set.filter(user=user).exists():
        raise Http404
    return decision
