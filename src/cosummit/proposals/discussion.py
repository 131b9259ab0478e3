"""Writes of the public co-creation: supports, comments, follows and the daily digest.

Views check who may take part (`queries.can_take_part`, `queries.get_proposal_for_user`)
before they call these functions; the functions enforce the rules of the
discussion itself (one support per person, the per-person limit, the comment
edit window, the depth of threads) and raise `ActionRefused` with a translated
sentence when a rule says no. Counters on the proposal are kept in step with
F() updates in the same transaction.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cosummit.core.i18n import in_sentence
from cosummit.core.mail import SUMMIT_HEADER

from .models import (
    COMMENT_EDIT_WINDOW,
    COMMENT_MAX_DEPTH,
    Comment,
    DigestState,
    Follow,
    Proposal,
    Speaker,
    State,
    Support,
)

logger = logging.getLogger(__name__)

DIGEST_INTERVAL = timedelta(days=1)


class ActionRefused(Exception):
    """A rule of the discussion refused the action; the message says why, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Reading a proposal in one's language


@dataclass(frozen=True)
class ReaderText:
    """A proposal's title and abstract as a reader sees them, with their languages."""

    title: str
    title_language: str
    abstract: str
    abstract_language: str
    original_language: str
    # Whether the reader sees the authors' other-language version rather than the original.
    is_other_language: bool

    @property
    def original_language_name(self) -> str:
        return in_sentence(language_label(self.original_language))


def language_label(code: str) -> str:
    """A language's name in the reader's language, or its code when Django does not know it."""
    if not code:
        return ""
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def _base(code: str) -> str:
    return (code or "").split("-")[0].lower()


def reader_text(proposal: Proposal, language: str | None = None) -> ReaderText:
    """The title and abstract in `language` when the authors wrote them in it."""
    wanted = _base(language or translation.get_language() or settings.LANGUAGE_CODE)
    original = proposal.language
    if (
        proposal.other_language
        and proposal.other_title
        and _base(proposal.other_language) == wanted
        and _base(original) != wanted
    ):
        other = proposal.other_language
        return ReaderText(
            title=proposal.other_title,
            title_language=other,
            abstract=proposal.other_abstract or proposal.abstract,
            abstract_language=other if proposal.other_abstract else original,
            original_language=original,
            is_other_language=True,
        )
    return ReaderText(
        title=proposal.title,
        title_language=original,
        abstract=proposal.abstract,
        abstract_language=original,
        original_language=original,
        is_other_language=False,
    )


def comment_anchor(comment_pk: int) -> str:
    """What follows a proposal's address to show one comment: its page and its place."""
    return f"?comment={comment_pk}#comment-{comment_pk}"


def comment_link(proposal_url: str, comment_pk: int) -> str:
    return proposal_url + comment_anchor(comment_pk)


def public_name(user) -> str:
    """How a person is named on public pages: their name, never their e-mail address."""
    if user is None:
        return _("A former participant")
    return user.name or _("A participant")


# Supports


def is_open_for_discussion(proposal: Proposal) -> bool:
    """Submitted, visible proposals take supports and comments; merged ones are read-only."""
    return proposal.state == State.SUBMITTED and proposal.hidden_at is None


def _require_open(proposal: Proposal) -> None:
    if not is_open_for_discussion(proposal):
        raise ActionRefused(_("This proposal is closed to supports and comments."))


def support_proposal(proposal: Proposal, *, by, limit: int | None = None) -> Support:
    """Record `by`'s support for `proposal`; `limit` is the call's supports per person.

    Speakers cannot support their own proposal. The person's row is locked
    while their supports are counted, so that two supports sent at once cannot
    both pass the limit; the database's unique constraint keeps one support per
    person and proposal.

    Side effects: a Support row; the proposal's `supports_count` plus one.
    """
    _require_open(proposal)
    if Speaker.objects.filter(proposal=proposal, user=by).exists():
        raise ActionRefused(_("You cannot support a proposal you speak on."))
    with transaction.atomic():
        if limit is not None:
            get_user_model().objects.select_for_update().filter(pk=by.pk).first()
        if Support.objects.filter(proposal=proposal, user=by).exists():
            raise ActionRefused(_("You already support this proposal."))
        if limit is not None:
            used = Support.objects.filter(
                user=by, proposal__summit_id=proposal.summit_id, proposal__state=State.SUBMITTED
            ).count()
            if used >= limit:
                raise ActionRefused(
                    ngettext(
                        "You have given your %(limit)d support. Withdraw it to support "
                        "another proposal.",
                        "You have given all your %(limit)d supports. Withdraw one to support "
                        "another proposal.",
                        limit,
                    )
                    % {"limit": limit}
                )
        try:
            with transaction.atomic():
                support = Support.objects.create(proposal=proposal, user=by)
        except IntegrityError:
            raise ActionRefused(_("You already support this proposal.")) from None
        Proposal.objects.filter(pk=proposal.pk).update(supports_count=F("supports_count") + 1)
    return support


def withdraw_support(proposal: Proposal, *, by) -> bool:
    """Withdraw `by`'s support; False when there was none.

    Side effects: the Support row deleted; the proposal's `supports_count` minus one.
    """
    with transaction.atomic():
        deleted, _details = Support.objects.filter(proposal=proposal, user=by).delete()
        if deleted:
            Proposal.objects.filter(pk=proposal.pk, supports_count__gt=0).update(
                supports_count=F("supports_count") - 1
            )
    return bool(deleted)


# Comments


def post_comment(proposal: Proposal, *, by, body: str, parent: Comment | None = None) -> Comment:
    """Add `by`'s comment to the proposal's discussion, as a reply when `parent` is given.

    Threads go three levels deep: a reply to a comment at the third level
    joins that comment's conversation at the third level (its parent becomes
    the reply's parent), so that every reply is kept and nesting stops.

    Side effects: a Comment row; the proposal's `comments_count` plus one.
    """
    _require_open(proposal)
    body = body.strip()
    if not body:
        raise ActionRefused(_("Write something before sending the comment."))
    if parent is not None:
        if parent.proposal_id != proposal.pk:
            raise ActionRefused(_("This comment is not part of this proposal's discussion."))
        if parent.deleted_at is not None or parent.hidden_at is not None:
            raise ActionRefused(_("This comment can no longer be answered."))
        if parent.depth >= COMMENT_MAX_DEPTH:
            parent = parent.parent
    depth = parent.depth + 1 if parent is not None else 1
    with transaction.atomic():
        comment = Comment.objects.create(
            proposal=proposal, author=by, parent=parent, depth=depth, body=body
        )
        Proposal.objects.filter(pk=proposal.pk).update(comments_count=F("comments_count") + 1)
    return comment


def can_edit_comment(comment: Comment, user, *, now: datetime | None = None) -> bool:
    """The author edits a visible comment during the first 15 minutes."""
    if not user.is_authenticated:
        return False
    if comment.author_id != user.pk:
        return False
    if comment.deleted_at is not None or comment.hidden_at is not None:
        return False
    now = now or timezone.now()
    return now - comment.created_at <= COMMENT_EDIT_WINDOW


def can_delete_comment(comment: Comment, user) -> bool:
    if not user.is_authenticated:
        return False
    return comment.author_id == user.pk and comment.deleted_at is None


def edit_comment(comment: Comment, *, by, body: str, now: datetime | None = None) -> Comment:
    """Replace the text of `by`'s comment while the edit window lasts.

    Side effects: the comment's `body` and `edited_at` saved.
    """
    now = now or timezone.now()
    if not can_edit_comment(comment, by, now=now):
        raise ActionRefused(
            _("A comment can be edited by its author during the 15 minutes after it was sent.")
        )
    body = body.strip()
    if not body:
        raise ActionRefused(_("Write something before sending the comment."))
    comment.body = body
    comment.edited_at = now
    comment.save(update_fields=["body", "edited_at"])
    return comment


def delete_comment(comment: Comment, *, by, now: datetime | None = None) -> None:
    """Delete `by`'s comment.

    A comment with replies stays as a "comment deleted" mark so that the
    replies keep their place; its text is erased. A comment without replies is
    removed, and so is its parent when that parent was deleted earlier and
    has no other reply left.

    Side effects: the comment's `body` and `deleted_at` saved, or its row
    deleted (its reports with it), then empty deleted parents deleted; the
    proposal's `comments_count` minus one when the comment was visible.
    """
    if not can_delete_comment(comment, by):
        raise ActionRefused(_("Only the author of a comment can delete it."))
    now = now or timezone.now()
    was_visible = comment.hidden_at is None
    with transaction.atomic():
        if comment.replies.exists():
            comment.body = ""
            comment.deleted_at = now
            comment.save(update_fields=["body", "deleted_at"])
        else:
            parent_id = comment.parent_id
            comment.delete()
            _remove_empty_deleted_ancestors(parent_id)
        if was_visible:
            Proposal.objects.filter(pk=comment.proposal_id, comments_count__gt=0).update(
                comments_count=F("comments_count") - 1
            )


def _remove_empty_deleted_ancestors(parent_id: int | None) -> None:
    while parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, deleted_at__isnull=False).first()
        if parent is None or parent.replies.exists():
            return
        parent_id = parent.parent_id
        parent.delete()


# Following


def follow(proposal: Proposal, user) -> Follow:
    """Make `user` follow `proposal`: they get it in their daily digest. Idempotent.

    Side effects: a Follow row, unless there is one already.
    """
    try:
        with transaction.atomic():
            follow_row, _created = Follow.objects.get_or_create(proposal=proposal, user=user)
    except IntegrityError:
        # Someone else's request made the same row a moment ago.
        follow_row = Follow.objects.get(proposal=proposal, user=user)
    return follow_row


def unfollow(proposal: Proposal, user) -> bool:
    """Stop `user` following `proposal`; False when they did not.

    Side effects: the Follow row deleted.
    """
    deleted, _details = Follow.objects.filter(proposal=proposal, user=user).delete()
    return bool(deleted)


# The daily digest


@dataclass
class DigestItem:
    proposal: Proposal
    since: datetime
    comments: list
    supports: int = 0


def send_digests(now: datetime | None = None) -> int:
    """E-mail each follower the new comments and supports of the proposals they follow.

    A person gets at most one digest a day, covering what happened since their
    previous digest (or since they started following), other than their own
    comments and supports; nothing is sent when nothing happened. Each person's
    digest state is locked while their digest is written, so that two runs at
    the same time cannot both send it. Returns the number of e-mails queued.

    Side effects, per person with news: one e-mail queued in the outbox, in
    their language; their DigestState saved with `last_sent_at = now`.
    """
    now = now or timezone.now()
    due_before = now - DIGEST_INTERVAL
    follows = list(
        Follow.objects.filter(
            proposal__state=State.SUBMITTED,
            proposal__hidden_at__isnull=True,
            proposal__summit__is_published=True,
            user__is_active=True,
        )
        .exclude(user__proposal_digest__last_sent_at__gt=due_before)
        .select_related("user__proposal_digest", "proposal__summit")
        .order_by("user_id", "proposal_id")
    )
    if not follows:
        return 0
    windows: dict[int, dict[int, datetime]] = {}
    users = {}
    proposals = {}
    for row in follows:
        state = getattr(row.user, "proposal_digest", None)
        since = max(row.created_at, state.last_sent_at) if state else row.created_at
        windows.setdefault(row.user_id, {})[row.proposal_id] = since
        users[row.user_id] = row.user
        proposals[row.proposal_id] = row.proposal
    earliest = min(since for window in windows.values() for since in window.values())
    comments: dict[int, list[Comment]] = {}
    for comment in (
        Comment.objects.filter(
            proposal_id__in=proposals,
            created_at__gt=earliest,
            created_at__lte=now,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
        )
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        comments.setdefault(comment.proposal_id, []).append(comment)
    supports: dict[int, list[tuple[int, datetime]]] = {}
    for proposal_id, user_id, created_at in Support.objects.filter(
        proposal_id__in=proposals, created_at__gt=earliest, created_at__lte=now
    ).values_list("proposal_id", "user_id", "created_at"):
        supports.setdefault(proposal_id, []).append((user_id, created_at))

    sent = 0
    for user_id, window in windows.items():
        items = []
        for proposal_id, since in window.items():
            item = DigestItem(
                proposal=proposals[proposal_id],
                since=since,
                comments=[
                    comment
                    for comment in comments.get(proposal_id, [])
                    if comment.created_at > since and comment.author_id != user_id
                ],
                supports=sum(
                    1
                    for supporter, at in supports.get(proposal_id, [])
                    if at > since and supporter != user_id
                ),
            )
            if item.comments or item.supports:
                items.append(item)
        if items and _send_digest(users[user_id], items, now=now, due_before=due_before):
            sent += 1
    return sent


def _send_digest(user, items: list[DigestItem], *, now: datetime, due_before: datetime) -> bool:
    try:
        with transaction.atomic():
            state = DigestState.objects.select_for_update().filter(user=user).first()
            if state is not None and state.last_sent_at > due_before:
                return False
            _digest_message(user, items).send()
            if state is None:
                DigestState.objects.create(user=user, last_sent_at=now)
            else:
                state.last_sent_at = now
                state.save(update_fields=["last_sent_at"])
    except IntegrityError:
        # Another run created this person's digest state, and sent their digest, meanwhile.
        return False
    return True


def language_of(user) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    return user.preferred_language if user.preferred_language in known else settings.LANGUAGE_CODE


def _digest_message(user, items: list[DigestItem]) -> EmailMultiAlternatives:
    language = language_of(user)
    with translation.override(language):
        entries = []
        for item in items:
            text = reader_text(item.proposal, language)
            url = settings.SITE_URL + item.proposal.get_absolute_url()
            entries.append(
                {
                    "title": text.title,
                    "url": url,
                    "summit": item.proposal.summit.name.localize(language).text,
                    "supports": item.supports,
                    "comments": [
                        {
                            "author": public_name(comment.author),
                            "excerpt": _excerpt(comment.body),
                            "url": comment_link(url, comment.pk),
                        }
                        for comment in item.comments
                    ],
                }
            )
        context = {
            "person": user,
            "language": language,
            "entries": entries,
            "site_url": settings.SITE_URL,
            "profile_url": settings.SITE_URL + reverse("accounts:profile"),
        }
        subject = render_to_string("proposals/mail/digest_subject.txt", context)
        text_body = render_to_string("proposals/mail/digest.txt", context)
        html_body = render_to_string("proposals/mail/digest.html", context)
    summits = {item.proposal.summit.slug for item in items}
    headers = {SUMMIT_HEADER: summits.pop()} if len(summits) == 1 else {}
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=text_body, to=[user.email], headers=headers
    )
    message.attach_alternative(html_body, "text/html")
    return message


def _excerpt(text: str, length: int = 240) -> str:
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    return flat[: length - 1].rstrip() + "…"
