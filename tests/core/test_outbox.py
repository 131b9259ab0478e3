import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.tasks.backends.base import BaseTaskBackend
from django.utils import timezone

from cosummit.core.mail import retry_due_messages
from cosummit.core.models import OutboxMessage

pytestmark = pytest.mark.django_db(transaction=True)

OUTBOX_MAILERS = {
    "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


@pytest.fixture
def outbox_mailers(settings):
    settings.MAILERS = OUTBOX_MAILERS
    mail.outbox = []


def test_sent_mail_is_stored_then_delivered_by_the_task(outbox_mailers):
    send_mail("Confirm your seat", "Click the link.", None, ["ada@example.org"])
    message = OutboxMessage.objects.get()
    assert (message.subject, message.to, message.status, message.attempts) == (
        "Confirm your seat",
        ["ada@example.org"],
        OutboxMessage.Status.SENT,
        1,
    )
    assert [(sent.subject, sent.to) for sent in mail.outbox] == [
        ("Confirm your seat", ["ada@example.org"])
    ]


def test_html_alternative_survives_the_outbox(outbox_mailers):
    email = EmailMultiAlternatives("Ticket", "Plain text", None, ["ada@example.org"])
    email.attach_alternative("<p>Rich text</p>", "text/html")
    email.send()
    assert OutboxMessage.objects.get().html_body == "<p>Rich text</p>"
    assert mail.outbox[0].alternatives[0].content == "<p>Rich text</p>"


def test_attachments_survive_the_outbox(outbox_mailers):
    email = EmailMultiAlternatives("Ticket", "Your ticket", None, ["ada@example.org"])
    email.attach("ticket.ics", "BEGIN:VCALENDAR", "text/calendar")
    email.attach("code.png", b"\x89PNG\x00", "image/png")
    email.send()
    delivered = mail.outbox[0].attachments
    assert [(item.filename, item.content, item.mimetype) for item in delivered] == [
        ("ticket.ics", "BEGIN:VCALENDAR", "text/calendar"),
        ("code.png", b"\x89PNG\x00", "image/png"),
    ]


def test_an_unreachable_mail_server_leaves_the_message_queued_for_a_later_attempt(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        },
    }
    send_mail("Welcome", "Hello.", None, ["ada@example.org"])
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxMessage.Status.QUEUED, 1)
    assert message.last_error == "[Errno 111] Connection refused"
    assert message.next_attempt_at - message.created_at == pytest.approx(
        dt.timedelta(minutes=1), abs=dt.timedelta(seconds=5)
    )


def test_a_message_rolled_back_with_its_transaction_is_never_delivered(outbox_mailers):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Never", "Rolled back.", None, ["ada@example.org"])
        raise RuntimeError
    assert (OutboxMessage.objects.count(), len(mail.outbox)) == (0, 0)


def test_a_recipient_refused_for_good_fails_at_once_with_its_error(outbox_mailers, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"ada@example.org": (550, b"No such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    send_mail("Welcome", "Hello.", None, ["ada@example.org"])
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts, message.next_attempt_at) == (
        OutboxMessage.Status.FAILED,
        1,
        None,
    )
    assert message.last_error == "{'ada@example.org': (550, b'No such user')}"


def test_a_recipient_refused_for_now_is_tried_again(outbox_mailers, monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPRecipientsRefused({"ada@example.org": (450, b"Mailbox busy")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    send_mail("Welcome", "Hello.", None, ["ada@example.org"])
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.QUEUED


def test_the_summit_header_tags_the_message_and_stays_in_it(outbox_mailers):
    email = EmailMultiAlternatives(
        "Ticket", "Your ticket", None, ["ada@example.org"], headers={"X-Cosummit-Summit": "ogp"}
    )
    email.send()
    message = OutboxMessage.objects.get()
    assert (message.summit_slug, message.headers) == ("ogp", {"X-Cosummit-Summit": "ogp"})
    assert mail.outbox[0].extra_headers == {"X-Cosummit-Summit": "ogp"}


def test_a_message_without_summit_header_belongs_to_no_summit(outbox_mailers):
    send_mail("Reset your password", "Click.", None, ["ada@example.org"])
    assert OutboxMessage.objects.get().summit_slug == ""


class UnreachableQueue(BaseTaskBackend):
    """A task backend whose queue cannot be reached."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("The task queue is down.")


def test_mail_whose_task_cannot_be_enqueued_is_kept_and_sent_by_the_sweep(
    outbox_mailers, settings, caplog
):
    settings.TASKS = {"default": {"BACKEND": "tests.core.test_outbox.UnreachableQueue"}}
    sent = send_mail("Confirm your seat", "Click the link.", None, ["ada@example.org"])
    assert (sent, OutboxMessage.objects.get().status, mail.outbox) == (
        1,
        OutboxMessage.Status.QUEUED,
        [],
    )
    assert "The task queue is down." in caplog.text
    assert retry_due_messages(now=timezone.now()) == 1
    assert [message.subject for message in mail.outbox] == ["Confirm your seat"]
