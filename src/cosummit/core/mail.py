"""The outbox: every e-mail is stored first, then delivered by the task worker.

Code sends mail the Django way (`send_mail`, `EmailMessage.send()`, allauth);
`OutboxBackend` turns each message into an `OutboxMessage` row and enqueues
`deliver_outbox_message`, so that a slow or failing mail server never blocks or
breaks a request, and no accepted message is lost.
"""

import base64
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        from .tasks import deliver_outbox_message

        count = 0
        for message in email_messages:
            html = next(
                (
                    content
                    for content, mime in getattr(message, "alternatives", [])
                    if mime == "text/html"
                ),
                "",
            )
            row = OutboxMessage.objects.create(
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                subject=str(message.subject),
                body=str(message.body),
                html_body=str(html),
                headers={key: str(value) for key, value in (message.extra_headers or {}).items()},
                attachments=[stored_attachment(item) for item in message.attachments],
            )
            transaction.on_commit(lambda pk=row.pk: deliver_outbox_message.enqueue(pk))
            count += 1
        return count


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


def deliver(message: OutboxMessage) -> None:
    """Send one queued message through the "delivery" mailer.

    Side effects, in order: the message is handed to the delivery backend; the
    row is updated with its status, attempt count and error, if any.
    """
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
    message.attempts += 1
    try:
        mailers["delivery"].send_messages([email])
    except Exception as error:  # Any failure of the mail server is recorded, not raised.
        logger.warning("Delivering outbox message %s failed: %s", message.pk, error)
        message.status = OutboxMessage.Status.FAILED
        message.last_error = str(error)[:2000]
        message.save(update_fields=["status", "attempts", "last_error"])
        return
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "attempts", "last_error", "sent_at"])
