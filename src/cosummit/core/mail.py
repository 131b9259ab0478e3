"""The outbox: every e-mail is stored first, then delivered by the task worker.

Code sends mail the Django way (`send_mail`, `EmailMessage.send()`, allauth);
`OutboxBackend` turns each message into an `OutboxMessage` row and enqueues
`deliver_outbox_message`, so that a slow or failing mail server never blocks or
breaks a request, and no accepted message is lost.

A failed delivery is tried again later, waiting twice as long after each
failure (1 minute, 2, 4, … at most 1 hour), until `OUTBOX_MAX_ATTEMPTS`
attempts have failed; then the message is FAILED and its summit's organisers
can send it again from the outbox page. Retries are enqueued as deferred tasks
when the task backend can defer them, and `retry_due_messages`, run by the
worker's housekeeping, sends whatever is due, which also recovers messages
whose task was lost.

Each message is delivered at most once: the row is locked while it is being
sent, and whoever sends it checks under the lock that it is still queued.

A message built with the header `X-Cosummit-Hold: 1` (`HOLD_HEADER`) is stored
HELD and not delivered: its summit's organisers read it on the outbox page and
send it (`release_held`, or `retry_message` for one). The header itself is not
stored, so that it never reaches the recipient. A message that names no summit
(`X-Cosummit-Summit`) has no organisers to send it, so it is never held.
"""

import base64
import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import OutboxMessage

logger = logging.getLogger(__name__)

SUMMIT_HEADER = "X-Cosummit-Summit"
HOLD_HEADER = "X-Cosummit-Hold"


class NotRetryable(Exception):
    """The message was delivered already; sending it again would duplicate it."""


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed attempt: 1 min, 2, 4, … 1 h."""
    first = timedelta(seconds=getattr(settings, "OUTBOX_RETRY_DELAY", 60))
    longest = timedelta(seconds=getattr(settings, "OUTBOX_MAX_RETRY_DELAY", 3600))
    # The exponent is capped so that a large attempt count cannot overflow.
    return min(first * 2 ** min(attempts - 1, 30), longest)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        count = 0
        now = timezone.now()
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mime in getattr(message, "alternatives", [])
                    if mime == "text/html"
                ),
                "",
            )
            headers = {key: str(value) for key, value in (message.extra_headers or {}).items()}
            # Only a summit's organisers can release a held message: without a
            # summit there would be no one to send it, so it is delivered.
            held = is_held(headers) and bool(summit_slug_of(headers))
            headers = {key: value for key, value in headers.items() if not is_hold_header(key)}
            row = OutboxMessage.objects.create(
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                subject=str(message.subject),
                body=str(message.body),
                html_body=str(html),
                headers=headers,
                attachments=[stored_attachment(item) for item in message.attachments],
                status=OutboxMessage.Status.HELD if held else OutboxMessage.Status.QUEUED,
                next_attempt_at=None if held else now,
                summit_slug=summit_slug_of(headers),
            )
            if not held:
                enqueue_delivery(row)
            count += 1
        return count


def is_hold_header(key: str) -> bool:
    return key.lower() == HOLD_HEADER.lower()


def is_held(headers: dict[str, str]) -> bool:
    """Whether the headers ask for the message to be held for checking ("1", "yes", "true")."""
    return any(
        is_hold_header(key) and value.strip().lower() in {"1", "yes", "true"}
        for key, value in headers.items()
    )


def summit_slug_of(headers: dict[str, str]) -> str:
    """The summit named by the X-Cosummit-Summit header, whatever its case, or ""."""
    for key, value in headers.items():
        if key.lower() == SUMMIT_HEADER.lower():
            return value.strip()[: OutboxMessage._meta.get_field("summit_slug").max_length]
    return ""


def stored_attachment(attachment) -> dict:
    """An attachment of an EmailMessage as JSON: its name, type and base64 content."""
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "mimetype": mimetype or "application/octet-stream",
        "content": base64.b64encode(content).decode("ascii"),
    }


def enqueue_delivery(message: OutboxMessage, *, run_after: datetime | None = None) -> None:
    """Enqueue the delivery task once the current transaction commits.

    A deferred delivery (`run_after`) is enqueued only when the task backend
    can defer tasks; otherwise the housekeeping sweep sends it when it is due.
    A failure to enqueue is logged, not raised: the message is saved and due,
    and the sweep sends it.
    """
    from .tasks import deliver_outbox_message

    task = deliver_outbox_message
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    transaction.on_commit(lambda pk=message.pk: task.enqueue(pk), robust=True)


def email_of(message: OutboxMessage) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.headers,
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    for attachment in message.attachments:
        email.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return email


def is_permanent(error: Exception) -> bool:
    """Whether the server refused this very message for good (a 5xx answer about it).

    Such a message would be refused again, so it is not retried. Other 5xx
    answers (a refused sender, failed authentication) come from the server's
    set-up, which an administrator can fix, so those are retried.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return bool(error.recipients) and all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


def is_unreachable(error: Exception) -> bool:
    """Whether the mail server could not be reached at all (down, refused, timed out)."""
    if isinstance(error, smtplib.SMTPResponseException):
        return False
    return isinstance(error, (OSError, smtplib.SMTPServerDisconnected))


def deliver(message: OutboxMessage, *, now: datetime | None = None) -> Exception | None:
    """Send one queued message through the "delivery" mailer; the caller locks its row.

    Side effects, in order: the message is handed to the delivery backend; the
    row is saved with its attempt count and either SENT, or QUEUED again with
    its error and the time of the next attempt, or FAILED after a permanent
    refusal or the last attempt; a deferred delivery task is enqueued for the
    next attempt. Returns the delivery error, if any; it is never raised.
    """
    now = now or timezone.now()
    message.attempts += 1
    try:
        mailers["delivery"].send_messages([email_of(message)])
    except Exception as error:  # Any failure of the mail server is recorded, not raised.
        record_failure(message, error, now=now)
        return error
    message.status = OutboxMessage.Status.SENT
    message.sent_at = now
    message.next_attempt_at = None
    message.last_error = ""
    message.save(update_fields=["status", "attempts", "next_attempt_at", "last_error", "sent_at"])
    return None


def record_failure(message: OutboxMessage, error: Exception, *, now: datetime) -> None:
    message.last_error = (str(error) or type(error).__name__)[:2000]
    if is_permanent(error) or message.attempts >= max_attempts():
        message.status = OutboxMessage.Status.FAILED
        message.next_attempt_at = None
        logger.warning(
            "Outbox message %s failed for good after %s attempts: %s",
            message.pk,
            message.attempts,
            message.last_error,
        )
    else:
        message.status = OutboxMessage.Status.QUEUED
        message.next_attempt_at = now + retry_delay(message.attempts)
        logger.info(
            "Outbox message %s: attempt %s failed (%s); next attempt at %s",
            message.pk,
            message.attempts,
            message.last_error,
            message.next_attempt_at.isoformat(),
        )
    message.save(update_fields=["status", "attempts", "next_attempt_at", "last_error"])
    if message.status == OutboxMessage.Status.QUEUED:
        enqueue_delivery(message, run_after=message.next_attempt_at)


def deliver_if_due(
    message_id: int, *, now: datetime | None = None, tolerance: timedelta = timedelta(0)
) -> tuple[bool, Exception | None]:
    """Deliver the message if it is still queued and due; say whether it was tried.

    The row stays locked until the outcome is saved, so that a second worker
    skips it (PostgreSQL) or waits and then finds it no longer queued (SQLite,
    whose writers take turns). Returns (tried, delivery error).
    """
    now = now or timezone.now()
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(
                pk=message_id,
                status=OutboxMessage.Status.QUEUED,
                next_attempt_at__lte=now + tolerance,
            )
            .first()
        )
        if message is None:
            return False, None
        return True, deliver(message, now=now)


def retry_due_messages(*, now: datetime | None = None) -> int:
    """Send every queued message whose next attempt is due; return how many were tried.

    Side effects, in order, for each due message, oldest due first: delivery as
    in `deliver`. While the mail server cannot be reached at all, the sweep stops
    at the first such failure: the other messages would only wait for the same
    timeout, and they stay due, without losing an attempt, for the next sweep.
    """
    now = now or timezone.now()
    due = list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)
    )
    tried = 0
    for message_id in due:
        was_tried, error = deliver_if_due(message_id, now=now)
        tried += was_tried
        if error is not None and is_unreachable(error):
            logger.warning("The mail server cannot be reached; the sweep stops: %s", error)
            break
    return tried


def retry_message(message: OutboxMessage, *, by, now: datetime | None = None) -> OutboxMessage:
    """Make a failed, queued or held message due now, for one more attempt at least.

    Side effects, in order: the row is set QUEUED with its next attempt now;
    the delivery task is enqueued once the transaction commits; a log line
    names who asked. Raises NotRetryable when the message was sent already.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status == OutboxMessage.Status.SENT:
            raise NotRetryable
        locked.status = OutboxMessage.Status.QUEUED
        locked.next_attempt_at = now
        locked.save(update_fields=["status", "next_attempt_at"])
        enqueue_delivery(locked)
    logger.info("Outbox message %s queued again by user %s", message.pk, getattr(by, "pk", None))
    message.refresh_from_db()
    return message


def release_held(summit_slug: str, ids=None, *, by, now: datetime | None = None) -> int:
    """Send the summit's held messages, or those of them whose ids are given.

    Returns how many were released; a message released already (by someone
    else at the same moment) is not released again, so each is sent once.
    Side effects, in order: the held rows are locked and set QUEUED with their
    next attempt now; a delivery task is enqueued for each once the
    transaction commits; a log line names who asked and how many.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Rows that someone else is releasing are skipped, not waited for: on
        # PostgreSQL, waiting would leave them locked by this transaction, so
        # that their delivery, which skips locked rows, would miss them.
        held = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
            summit_slug=summit_slug, status=OutboxMessage.Status.HELD
        )
        if ids is not None:
            held = held.filter(pk__in=list(ids))
        released = list(held.order_by("created_at", "pk"))
        for message in released:
            message.status = OutboxMessage.Status.QUEUED
            message.next_attempt_at = now
        OutboxMessage.objects.bulk_update(released, ["status", "next_attempt_at"])
        for message in released:
            enqueue_delivery(message)
    logger.info(
        "%s held outbox messages of %r released by user %s",
        len(released),
        summit_slug,
        getattr(by, "pk", None),
    )
    return len(released)


# Writing mail in a person's language


def language_of(user) -> str:
    """The language to write to `user` in: theirs, else the site's."""
    return (user.preferred_language if user else "") or settings.LANGUAGE_CODE


def site_url(name: str, language: str, **kwargs) -> str:
    """The absolute address of the page `name` in `language`, for a message."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def send_templated(template: str, *, to: str, language: str, summit, context: dict) -> None:
    """Queue the message of `<template>_subject.txt` and `<template>.txt` to `to`.

    Both are rendered in `language`, with times in the summit's time zone;
    the message is tagged with the summit, so that its organisers follow it.
    """
    with translation.override(language), timezone.override(summit.tz):
        subject = render_to_string(f"{template}_subject.txt", context)
        EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string(f"{template}.txt", context),
            to=[to],
            headers={SUMMIT_HEADER: summit.slug},
        ).send()
