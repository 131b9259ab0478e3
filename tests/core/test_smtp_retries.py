"""Mail is never lost: a real SMTP server on loopback refuses, is down, then accepts.

Every message must reach the server exactly once, however many attempts it
took, and every row must say how many attempts were made.
"""

import asyncio
import collections
import datetime as dt
import email
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import send_mail
from django.db import connection
from django.tasks import default_task_backend
from django.utils import timezone

from cosummit.core.mail import retry_due_messages, retry_message
from cosummit.core.models import OutboxMessage
from cosummit.core.tasks import deliver_outbox_message

pytestmark = pytest.mark.django_db(transaction=True)

QUEUED, SENT, FAILED = (
    OutboxMessage.Status.QUEUED,
    OutboxMessage.Status.SENT,
    OutboxMessage.Status.FAILED,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RefuseThenAccept:
    """An SMTP handler that answers 451 to the first `refusals` messages, then accepts."""

    def __init__(self, refusals: int = 0, delay: float = 0):
        self.refusals = refusals
        self.delay = delay
        self.received: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.refusals > 0:
            self.refusals -= 1
            return "451 4.3.0 Try again later"
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 2.0.0 Accepted"

    def received_ids(self) -> collections.Counter:
        return collections.Counter(message["Message-ID"] for message in self.received)


class SmtpServer:
    """A mail server on a loopback port, which can be started and stopped."""

    def __init__(self):
        self.port = free_port()
        self.handler = RefuseThenAccept()
        self.controller = None

    def start(self, handler: RefuseThenAccept) -> None:
        self.handler = handler
        self.controller = Controller(handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    settings.MAILERS = {
        "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
        "delivery": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "timeout": 5},
        },
    }
    yield server
    server.stop()


def send(count: int) -> list[OutboxMessage]:
    for number in range(1, count + 1):
        send_mail(f"Message {number}", "Hello.", None, [f"person{number}@example.org"])
    return list(OutboxMessage.objects.order_by("pk"))


def sweep_until_done(*, limit: int = 30) -> int:
    """Sweep once a minute, as the worker does, until no message is queued; count sweeps."""
    now = timezone.now()
    for sweeps in range(limit):
        if not OutboxMessage.objects.filter(status=QUEUED).exists():
            return sweeps
        now += dt.timedelta(minutes=1)
        retry_due_messages(now=now)
    raise AssertionError("Messages were still queued after the sweeps.")


def test_a_server_that_refuses_then_accepts_receives_every_message_once(smtp):
    smtp.start(RefuseThenAccept(refusals=5))
    messages = send(3)
    # The three first attempts, made as the messages were sent, were refused.
    assert [(message.status, message.attempts) for message in messages] == [(QUEUED, 1)] * 3
    assert [message.last_error for message in messages] == ["(451, b'4.3.0 Try again later')"] * 3
    assert sweep_until_done() == 3
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [(row.status, row.attempts, row.last_error) for row in rows] == [
        (SENT, 3, ""),
        (SENT, 3, ""),
        (SENT, 2, ""),
    ]
    received = smtp.handler.received_ids()
    assert sorted(received.values()) == [1, 1, 1]
    assert sorted(message["Subject"] for message in smtp.handler.received) == [
        "Message 1",
        "Message 2",
        "Message 3",
    ]


def test_each_failure_doubles_the_wait_up_to_an_hour_and_the_eighth_is_the_last(smtp):
    smtp.start(RefuseThenAccept(refusals=100))
    (message,) = send(1)
    waits = [message.next_attempt_at - message.created_at]
    for _ in range(6):
        previous = message.next_attempt_at
        retry_due_messages(now=previous)
        message.refresh_from_db()
        waits.append(message.next_attempt_at - previous)
    assert [round(wait.total_seconds() / 60) for wait in waits] == [1, 2, 4, 8, 16, 32, 60]
    assert (message.status, message.attempts) == (QUEUED, 7)
    retry_due_messages(now=message.next_attempt_at)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (FAILED, 8, None)
    assert smtp.handler.received == []


def test_after_the_last_attempt_the_message_fails_and_an_organiser_can_send_it_again(
    smtp, settings, organiser
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    smtp.start(RefuseThenAccept(refusals=3))
    (message,) = send(1)
    assert sweep_until_done() == 3
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == (FAILED, 3, None)
    assert message.last_error == "(451, b'4.3.0 Try again later')"
    assert smtp.handler.received == []
    # Failed messages are no longer swept.
    assert retry_due_messages(now=timezone.now() + dt.timedelta(days=1)) == 0

    retry_message(message, by=organiser)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (SENT, 4, "")
    assert list(smtp.handler.received_ids().values()) == [1]


def test_a_server_down_then_up_receives_every_message_once(smtp):
    messages = send(3)
    assert [(message.status, message.attempts) for message in messages] == [(QUEUED, 1)] * 3
    assert messages[0].last_error == "[Errno 111] Connection refused"

    # Still down: the sweep stops at the first failure instead of waiting for
    # each message in turn; the others keep their attempts for later.
    assert retry_due_messages(now=messages[2].next_attempt_at) == 1
    assert list(OutboxMessage.objects.order_by("pk").values_list("attempts", flat=True)) == [
        2,
        1,
        1,
    ]

    smtp.start(RefuseThenAccept())
    assert sweep_until_done() == 3
    rows = list(OutboxMessage.objects.order_by("pk"))
    assert [(row.status, row.attempts) for row in rows] == [(SENT, 3), (SENT, 2), (SENT, 2)]
    assert sorted(smtp.handler.received_ids().values()) == [1, 1, 1]


def test_two_workers_sweeping_at_once_deliver_each_message_once(smtp):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("Threads need a database they can share, not in-memory SQLite.")
    messages = send(12)  # The server is down: all twelve wait for a second attempt.
    smtp.start(RefuseThenAccept(delay=0.02))
    later = messages[-1].next_attempt_at
    start = threading.Barrier(2)
    tried = []

    def worker():
        try:
            start.wait()
            tried.append(retry_due_messages(now=later))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(tried) == 12
    assert set(OutboxMessage.objects.values_list("status", "attempts")) == {(SENT, 2)}
    received = smtp.handler.received_ids()
    assert (len(received), set(received.values())) == (12, {1})


def test_a_failed_attempt_enqueues_its_retry_for_when_it_is_due(smtp, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    smtp.start(RefuseThenAccept(refusals=1))
    (message,) = send(1)
    (first,) = default_task_backend.results
    assert (first.task.run_after, first.args) == (None, [message.pk])

    deliver_outbox_message.call(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (QUEUED, 1)
    retry = default_task_backend.results[1]
    assert (retry.task.run_after, retry.args) == (message.next_attempt_at, [message.pk])

    # Run before it is due (an attempt the sweep made already), the task does nothing.
    deliver_outbox_message.call(message.pk)
    message.refresh_from_db()
    assert (message.attempts, smtp.handler.received) == (1, [])


def test_a_task_for_a_message_sent_already_sends_nothing_more(smtp):
    smtp.start(RefuseThenAccept())
    (message,) = send(1)
    deliver_outbox_message.call(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (SENT, 1)
    assert list(smtp.handler.received_ids().values()) == [1]
