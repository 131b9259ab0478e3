"""Writes of moderation: reports, hiding and restoring, blocking people, merging proposals.

Every decision is written to the moderation log (`ModerationAction`) in the
same transaction. Views check the person's role (`summits.queries.can_moderate`
for moderation, `can_organise` for merges) before calling these functions;
the functions enforce the rules and raise `ActionRefused` with a translated
sentence when one says no.
"""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cosummit.accounts.models import OrganisationType
from cosummit.summits.domain import block_person, unblock_person
from cosummit.summits.models import Block, Summit

from .discussion import ActionRefused
from .models import (
    Call,
    Comment,
    Follow,
    ModerationAction,
    Proposal,
    ProposalOrganisation,
    Report,
    ReportReason,
    Speaker,
    State,
    Support,
)

DEFAULT_REPORTS_TO_HIDE = 3


def reports_to_hide(summit_id: int) -> int:
    threshold = Call.objects.filter(summit_id=summit_id).values_list("reports_to_hide", flat=True)
    found = threshold.first()
    return DEFAULT_REPORTS_TO_HIDE if found is None else found


# Reports


def report_proposal(proposal: Proposal, *, by, reason: str, note: str = "") -> Report:
    """Report `proposal` to the moderators; speakers cannot report their own.

    The proposal is hidden when its open reports reach the call's
    `reports_to_hide`, until a moderator decides. The proposal row is locked
    while its reports are counted.

    Side effects: a Report row; the proposal's `reports_count` plus one; when
    the threshold is reached, the proposal's `hidden_at` set and an AUTO_HIDE
    entry in the moderation log.
    """
    if Speaker.objects.filter(proposal=proposal, user=by).exists():
        raise ActionRefused(_("You cannot report a proposal you speak on."))
    _check_reason(reason)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state != State.SUBMITTED or locked.hidden_at is not None:
            raise ActionRefused(_("This proposal cannot be reported."))
        report = _create_report(
            summit_id=locked.summit_id, proposal=locked, reporter=by, reason=reason, note=note
        )
        Proposal.objects.filter(pk=locked.pk).update(reports_count=F("reports_count") + 1)
        locked.refresh_from_db(fields=["reports_count"])
        if locked.reports_count >= reports_to_hide(locked.summit_id):
            now = timezone.now()
            Proposal.objects.filter(pk=locked.pk).update(hidden_at=now)
            ModerationAction.objects.create(
                summit_id=locked.summit_id,
                action=ModerationAction.Action.AUTO_HIDE,
                proposal=locked,
                user_id=locked.created_by_id,
            )
    return report


def report_comment(comment: Comment, *, by, reason: str, note: str = "") -> Report:
    """Report `comment` to the moderators; authors cannot report their own.

    The comment is hidden when its open reports reach the call's
    `reports_to_hide`, until a moderator decides. The comment row is locked
    while its reports are counted.

    Side effects: a Report row; the comment's `reports_count` plus one; when
    the threshold is reached, the comment's `hidden_at` set, the proposal's
    `comments_count` minus one and an AUTO_HIDE entry in the moderation log.
    """
    if comment.author_id == by.pk:
        raise ActionRefused(_("You cannot report your own comment."))
    _check_reason(reason)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().select_related("proposal").get(pk=comment.pk)
        if locked.deleted_at is not None or locked.hidden_at is not None:
            raise ActionRefused(_("This comment cannot be reported."))
        summit_id = locked.proposal.summit_id
        report = _create_report(
            summit_id=summit_id, comment=locked, reporter=by, reason=reason, note=note
        )
        Comment.objects.filter(pk=locked.pk).update(reports_count=F("reports_count") + 1)
        locked.refresh_from_db(fields=["reports_count"])
        if locked.reports_count >= reports_to_hide(summit_id):
            Comment.objects.filter(pk=locked.pk).update(hidden_at=timezone.now())
            _count_comment_out(locked)
            ModerationAction.objects.create(
                summit_id=summit_id,
                action=ModerationAction.Action.AUTO_HIDE,
                proposal_id=locked.proposal_id,
                comment=locked,
                user_id=locked.author_id,
            )
    return report


def _check_reason(reason: str) -> None:
    if reason not in ReportReason.values:
        raise ActionRefused(_("Choose why you report this."))


def _create_report(**fields) -> Report:
    try:
        with transaction.atomic():
            return Report.objects.create(**fields)
    except IntegrityError:
        raise ActionRefused(_("You have already reported this.")) from None


def _count_comment_out(comment: Comment) -> None:
    if comment.deleted_at is None:
        Proposal.objects.filter(pk=comment.proposal_id, comments_count__gt=0).update(
            comments_count=F("comments_count") - 1
        )


def _count_comment_in(comment: Comment) -> None:
    if comment.deleted_at is None:
        Proposal.objects.filter(pk=comment.proposal_id).update(
            comments_count=F("comments_count") + 1
        )


def _resolve_reports(now: datetime, **target) -> None:
    Report.objects.filter(resolved_at__isnull=True, **target).update(resolved_at=now)


# Moderators' decisions


def hide_proposal(proposal: Proposal, *, by, reason: str = "") -> None:
    """Hide `proposal` from the public, or confirm that it stays hidden.

    Side effects: the proposal's `hidden_at` set (kept when already hidden) and
    `reports_count` zeroed; its open reports resolved; a HIDE log entry.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        Proposal.objects.filter(pk=locked.pk).update(
            hidden_at=locked.hidden_at or now, reports_count=0
        )
        _resolve_reports(now, proposal=locked)
        _log(locked.summit_id, ModerationAction.Action.HIDE, by, reason, proposal=locked)


def restore_proposal(proposal: Proposal, *, by, reason: str = "") -> None:
    """Show `proposal` again and dismiss its reports.

    Side effects: the proposal's `hidden_at` cleared and `reports_count`
    zeroed; its open reports resolved; a RESTORE log entry, or DISMISS when it
    was not hidden.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        Proposal.objects.filter(pk=locked.pk).update(hidden_at=None, reports_count=0)
        _resolve_reports(now, proposal=locked)
        action = (
            ModerationAction.Action.RESTORE
            if locked.hidden_at is not None
            else ModerationAction.Action.DISMISS
        )
        _log(locked.summit_id, action, by, reason, proposal=locked)


def hide_comment(comment: Comment, *, by, reason: str = "") -> None:
    """Hide `comment`, or confirm that it stays hidden.

    Side effects: the comment's `hidden_at` set and `reports_count` zeroed;
    the proposal's `comments_count` minus one when it was visible; its open
    reports resolved; a HIDE log entry.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Comment.objects.select_for_update().select_related("proposal").get(pk=comment.pk)
        Comment.objects.filter(pk=locked.pk).update(
            hidden_at=locked.hidden_at or now, reports_count=0
        )
        if locked.hidden_at is None:
            _count_comment_out(locked)
        _resolve_reports(now, comment=locked)
        _log(locked.proposal.summit_id, ModerationAction.Action.HIDE, by, reason, comment=locked)


def restore_comment(comment: Comment, *, by, reason: str = "") -> None:
    """Show `comment` again and dismiss its reports.

    Side effects: the comment's `hidden_at` cleared and `reports_count`
    zeroed; the proposal's `comments_count` plus one when it was hidden; its
    open reports resolved; a RESTORE log entry, or DISMISS when it was not hidden.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Comment.objects.select_for_update().select_related("proposal").get(pk=comment.pk)
        Comment.objects.filter(pk=locked.pk).update(hidden_at=None, reports_count=0)
        if locked.hidden_at is not None:
            _count_comment_in(locked)
            action = ModerationAction.Action.RESTORE
        else:
            action = ModerationAction.Action.DISMISS
        _resolve_reports(now, comment=locked)
        _log(locked.proposal.summit_id, action, by, reason, comment=locked)


def _log(summit_id: int, action: str, by, reason: str, **target) -> ModerationAction:
    comment = target.get("comment")
    proposal = target.get("proposal")
    if comment is not None:
        target.setdefault("proposal_id", comment.proposal_id)
        target.setdefault("user_id", comment.author_id)
    elif proposal is not None:
        target.setdefault("user_id", proposal.created_by_id)
    return ModerationAction.objects.create(
        summit_id=summit_id, action=action, moderator=by, reason=reason, **target
    )


# Blocking people


def block_user(summit: Summit, user, *, by, reason: str = "") -> Block:
    """Block `user` from submitting, commenting, supporting and reporting in `summit`.

    The block is the summit's (`summits.domain.block_person`), so the person
    cannot write in its toolbox either. The summit's team cannot be blocked,
    nor can moderators block themselves, nor anyone twice.

    Side effects, in one transaction: a Block row and a log entry
    (`summits.domain.block_person`); a BLOCK entry in this moderation log.
    """
    with transaction.atomic():
        try:
            block, created = block_person(summit, user=user, by=by, reason=reason)
        except ValidationError as refused:
            raise ActionRefused(refused.messages[0]) from None
        if not created:
            raise ActionRefused(_("This person is already blocked."))
        _log(summit.pk, ModerationAction.Action.BLOCK, by, reason, user=user)
    return block


def unblock_user(block: Block, *, by, reason: str = "") -> None:
    """Let a blocked person take part again, here and in the summit's toolbox.

    Side effects, in one transaction: an UNBLOCK entry in this moderation log;
    the Block row deleted and a log entry (`summits.domain.unblock_person`).
    """
    with transaction.atomic():
        _log(block.summit_id, ModerationAction.Action.UNBLOCK, by, reason, user_id=block.user_id)
        unblock_person(block.summit, user=block.user, by=by)


# Merging proposals


def merge_proposals(target: Proposal, sources: Iterable[Proposal], *, by) -> Proposal:
    """Merge `sources` into the joint proposal `target`.

    Speakers and organisations of the sources join the target, each once;
    supports move to the target unless their person already supports it (a
    person is never counted twice) or now speaks on it; follows move the same
    way, and every speaker follows the joint proposal. The sources keep their
    comments, become MERGED with `merged_into` set to the target, and so do the
    proposals merged into them earlier. All rows are locked, in the order of
    their ids, while they are merged.

    Side effects, in order: Speaker and ProposalOrganisation rows added to the
    target, its `is_co_led` recomputed; Support and Follow rows moved to the
    target or deleted; the target's `supports_count` recounted; the sources'
    `state`, `merged_into` and `supports_count` saved; earlier merges pointed
    at the target; the target's `search_text` refreshed; a MERGE log entry per
    source.
    """
    from .domain import refresh_search_text

    source_ids = sorted({source.pk for source in sources})
    if not source_ids:
        raise ActionRefused(_("Choose at least one proposal to merge into the joint proposal."))
    if target.pk in source_ids:
        raise ActionRefused(_("A proposal cannot be merged into itself."))
    with transaction.atomic():
        locked = list(
            Proposal.objects.select_for_update()
            .filter(pk__in=[target.pk, *source_ids])
            .order_by("pk")
        )
        by_pk = {proposal.pk: proposal for proposal in locked}
        target = by_pk.get(target.pk)
        merged = [by_pk[pk] for pk in source_ids if pk in by_pk]
        if target is None or len(merged) != len(source_ids):
            raise ActionRefused(_("One of these proposals no longer exists."))
        if any(proposal.summit_id != target.summit_id for proposal in merged):
            raise ActionRefused(_("Only proposals of the same summit can be merged."))
        if any(proposal.state != State.SUBMITTED for proposal in [target, *merged]):
            raise ActionRefused(_("Only submitted proposals can be merged."))

        _merge_speakers(target, source_ids)
        _merge_organisations(target, source_ids)
        _merge_supports(target, source_ids)
        _merge_follows(target, source_ids)
        Proposal.objects.filter(pk__in=source_ids).update(
            state=State.MERGED, merged_into=target, supports_count=0
        )
        Proposal.objects.filter(merged_into_id__in=source_ids).update(merged_into=target)
        target.refresh_from_db()
        refresh_search_text(target)
        ModerationAction.objects.bulk_create(
            ModerationAction(
                summit_id=target.summit_id,
                action=ModerationAction.Action.MERGE,
                moderator=by,
                proposal=source,
                reason=_("Merged into proposal %(number)d, “%(title)s”.")
                % {"number": target.pk, "title": target.title},
            )
            for source in merged
        )
    return target


def _merge_speakers(target: Proposal, source_ids: list[int]) -> None:
    speakers = list(Speaker.objects.filter(proposal=target).values_list("user_id", "position"))
    present = {user_id for user_id, _position in speakers}
    position = max((position for _user_id, position in speakers), default=-1) + 1
    added = []
    for speaker in Speaker.objects.filter(proposal_id__in=source_ids).order_by(
        "proposal_id", "position", "pk"
    ):
        if speaker.user_id in present:
            continue
        present.add(speaker.user_id)
        added.append(Speaker(proposal=target, user_id=speaker.user_id, position=position))
        position += 1
    Speaker.objects.bulk_create(added)


def _organisation_key(name: str, country: str) -> tuple[str, str]:
    return " ".join(name.casefold().split()), str(country or "")


def _merge_organisations(target: Proposal, source_ids: list[int]) -> None:
    existing = list(ProposalOrganisation.objects.filter(proposal=target))
    present = {_organisation_key(org.name, org.country) for org in existing}
    types = {org.organisation_type for org in existing}
    position = max((org.position for org in existing), default=-1) + 1
    added = []
    for org in ProposalOrganisation.objects.filter(proposal_id__in=source_ids).order_by(
        "proposal_id", "position", "pk"
    ):
        key = _organisation_key(org.name, org.country)
        if key in present:
            continue
        present.add(key)
        types.add(org.organisation_type)
        added.append(
            ProposalOrganisation(
                proposal=target,
                name=org.name,
                organisation_type=org.organisation_type,
                country=org.country,
                position=position,
            )
        )
        position += 1
    ProposalOrganisation.objects.bulk_create(added)
    is_co_led = {OrganisationType.GOVERNMENT, OrganisationType.CIVIL_SOCIETY} <= types
    Proposal.objects.filter(pk=target.pk).update(is_co_led=is_co_led)


def _merge_supports(target: Proposal, source_ids: list[int]) -> None:
    speakers = Speaker.objects.filter(proposal=target).values("user_id")
    # Speakers of the joint proposal do not support it, whatever they did before.
    Support.objects.filter(proposal=target, user_id__in=speakers).delete()
    already = Support.objects.filter(proposal=target).values("user_id")
    movable = (
        Support.objects.filter(proposal_id__in=source_ids)
        .exclude(user_id__in=already)
        .exclude(user_id__in=speakers)
    )
    # One support per person among the sources too: keep each person's earliest.
    kept: dict[int, int] = {}
    for support_id, user_id in movable.order_by("created_at", "pk").values_list("pk", "user_id"):
        kept.setdefault(user_id, support_id)
    Support.objects.filter(pk__in=kept.values()).update(proposal=target)
    Support.objects.filter(proposal_id__in=source_ids).delete()
    Proposal.objects.filter(pk=target.pk).update(
        supports_count=Support.objects.filter(proposal=target).count()
    )


def _merge_follows(target: Proposal, source_ids: list[int]) -> None:
    already = Follow.objects.filter(proposal=target).values("user_id")
    kept: dict[int, int] = {}
    for follow_id, user_id in (
        Follow.objects.filter(proposal_id__in=source_ids)
        .exclude(user_id__in=already)
        .order_by("created_at", "pk")
        .values_list("pk", "user_id")
    ):
        kept.setdefault(user_id, follow_id)
    # A moved follow starts now: the next digest tells what happens on the joint proposal
    # from the merge on, not its whole past.
    Follow.objects.filter(pk__in=kept.values()).update(proposal=target, created_at=timezone.now())
    Follow.objects.filter(proposal_id__in=source_ids).delete()
    following = set(Follow.objects.filter(proposal=target).values_list("user_id", flat=True))
    speakers = Speaker.objects.filter(proposal=target).values_list("user_id", flat=True)
    Follow.objects.bulk_create(
        Follow(proposal=target, user_id=user_id) for user_id in speakers if user_id not in following
    )


# Reads for the moderators' pages

HIDDEN_SHOWN = 50


def open_reports():
    return Prefetch(
        "reports",
        queryset=Report.objects.filter(resolved_at__isnull=True).select_related("reporter"),
        to_attr="open_reports",
    )


def proposals_awaiting_decision(summit: Summit):
    """Proposals with open reports, hidden automatically or not, most reported first."""
    return (
        Proposal.objects.filter(summit=summit, reports_count__gt=0)
        .select_related("summit", "created_by")
        .prefetch_related(open_reports())
        .order_by("-reports_count", "pk")
    )


def comments_awaiting_decision(summit: Summit):
    """Comments with open reports, hidden automatically or not, most reported first."""
    return (
        Comment.objects.filter(proposal__summit=summit, reports_count__gt=0)
        .select_related("proposal__summit", "author")
        .prefetch_related(open_reports())
        .order_by("-reports_count", "pk")
    )


def hidden_proposals(summit: Summit):
    """Proposals hidden after a decision, latest first."""
    return (
        Proposal.objects.filter(summit=summit, hidden_at__isnull=False, reports_count=0)
        .select_related("summit", "created_by")
        .order_by("-hidden_at", "-pk")
    )


def hidden_comments(summit: Summit):
    """Comments hidden after a decision, latest first."""
    return (
        Comment.objects.filter(proposal__summit=summit, hidden_at__isnull=False, reports_count=0)
        .select_related("proposal__summit", "author")
        .order_by("-hidden_at", "-pk")
    )


def moderation_log(summit: Summit):
    return ModerationAction.objects.filter(summit=summit).select_related(
        "moderator", "user", "proposal", "comment"
    )


def may_be_blocked(summit: Summit, user_id: int) -> bool:
    """Whether `user_id` wrote in this summit's call: a comment, a proposal or a report."""
    return (
        Comment.objects.filter(proposal__summit=summit, author_id=user_id).exists()
        or Speaker.objects.filter(proposal__summit=summit, user_id=user_id).exists()
        or Report.objects.filter(summit=summit, reporter_id=user_id).exists()
    )
