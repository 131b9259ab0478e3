"""Messages held for checking: stored, not delivered, until an organiser releases them."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from cosummit.core.mail import (
    HOLD_HEADER,
    SUMMIT_HEADER,
    NotRetryable,
    release_held,
    retry_due_messages,
    retry_message,
)
from cosummit.core.models import OutboxMessage
from tests.threads import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

HELD, QUEUED, SENT = (
    OutboxMessage.Status.HELD,
    OutboxMessage.Status.QUEUED,
    OutboxMessage.Status.SENT,
)


@pytest.fixture(autouse=True)
def outbox_mailers(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
        "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }
    mail.outbox = []


def send_held(subject: str, *, summit: str = "paris-2016", to="ada@example.org", hold="1"):
    EmailMultiAlternatives(
        subject,
        "Your proposal is accepted.",
        None,
        [to],
        headers={SUMMIT_HEADER: summit, HOLD_HEADER: hold, "X-Other": "kept"},
    ).send()
    return OutboxMessage.objects.get(subject=subject)


def test_a_held_message_is_stored_but_not_delivered():
    message = send_held("Accepted")
    assert (message.status, message.attempts, message.next_attempt_at) == (HELD, 0, None)
    assert message.summit_slug == "paris-2016"
    assert mail.outbox == []


def test_the_hold_header_is_not_stored_and_never_reaches_the_recipient():
    message = send_held("Accepted")
    assert message.headers == {SUMMIT_HEADER: "paris-2016", "X-Other": "kept"}
    release_held("paris-2016", by=None)
    assert [sorted(sent.extra_headers) for sent in mail.outbox] == [[SUMMIT_HEADER, "X-Other"]]


def test_the_hold_header_is_recognised_whatever_its_case():
    EmailMultiAlternatives(
        "Accepted",
        "Text",
        None,
        ["ada@example.org"],
        headers={SUMMIT_HEADER: "paris-2016", "x-cosummit-hold": "1"},
    ).send()
    message = OutboxMessage.objects.get()
    assert (message.status, message.headers) == (HELD, {SUMMIT_HEADER: "paris-2016"})


def test_a_hold_header_saying_no_does_not_hold_the_message():
    message = send_held("Accepted", hold="0")
    assert (message.status, len(mail.outbox)) == (SENT, 1)
    assert message.headers == {SUMMIT_HEADER: "paris-2016", "X-Other": "kept"}


def test_a_message_of_no_summit_is_never_held_since_no_organiser_could_send_it():
    EmailMultiAlternatives(
        "Accepted", "Text", None, ["ada@example.org"], headers={HOLD_HEADER: "1"}
    ).send()
    message = OutboxMessage.objects.get()
    assert (message.status, message.headers, len(mail.outbox)) == (SENT, {}, 1)


def test_the_sweep_leaves_held_messages_alone():
    message = send_held("Accepted")
    assert retry_due_messages() == 0
    message.refresh_from_db()
    assert (message.status, mail.outbox) == (HELD, [])


def test_releasing_sends_every_held_message_of_the_summit_once():
    send_held("First", to="ada@example.org")
    send_held("Second", to="grace@example.org")
    other = send_held("Elsewhere", summit="another-summit")

    released = release_held("paris-2016", by=None)

    assert released == 2
    assert sorted(sent.subject for sent in mail.outbox) == ["First", "Second"]
    assert sorted(OutboxMessage.objects.values_list("subject", "status")) == [
        ("Elsewhere", HELD),
        ("First", SENT),
        ("Second", SENT),
    ]
    other.refresh_from_db()
    assert other.attempts == 0


def test_releasing_again_sends_nothing_more():
    send_held("Accepted")
    assert release_held("paris-2016", by=None) == 1
    assert release_held("paris-2016", by=None) == 0
    assert [sent.subject for sent in mail.outbox] == ["Accepted"]
    assert OutboxMessage.objects.get().attempts == 1


def test_releasing_some_ids_sends_only_those():
    first = send_held("First")
    send_held("Second")
    assert release_held("paris-2016", [first.pk], by=None) == 1
    assert [sent.subject for sent in mail.outbox] == ["First"]
    assert OutboxMessage.objects.get(subject="Second").status == HELD


def test_releasing_ids_of_another_summit_sends_nothing():
    other = send_held("Elsewhere", summit="another-summit")
    assert release_held("paris-2016", [other.pk], by=None) == 0
    other.refresh_from_db()
    assert (other.status, mail.outbox) == (HELD, [])


def test_a_held_message_can_be_sent_alone_with_retry():
    message = send_held("Accepted")
    message = retry_message(message, by=None)
    assert (message.status, message.attempts) == (SENT, 1)
    assert [sent.subject for sent in mail.outbox] == ["Accepted"]
    with pytest.raises(NotRetryable):
        retry_message(message, by=None)
    assert len(mail.outbox) == 1


def test_a_released_message_the_server_refuses_is_retried_like_any_other(settings):
    settings.MAILERS = {
        "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        },
    }
    message = send_held("Accepted")
    release_held("paris-2016", by=None)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (QUEUED, 1)
    assert message.last_error == "[Errno 111] Connection refused"


@pytest.mark.usefixtures("shared_database")
def test_two_organisers_sending_all_at_once_send_each_message_once():
    for number in range(10):
        send_held(f"Decision {number}", to=f"speaker{number}@example.org")

    released = run_at_once([lambda: release_held("paris-2016", by=None)] * 2)

    assert sum(released) == 10
    assert sorted(sent.subject for sent in mail.outbox) == sorted(
        f"Decision {number}" for number in range(10)
    )
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(SENT, 1)}
