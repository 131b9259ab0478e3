"""The periodic housekeeping: each step runs, a failing one stops none of the others."""

import datetime as dt
import logging
import os
import subprocess
import sys
import time

import pytest
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cosummit.core import housekeeping
from cosummit.core.housekeeping import run_housekeeping
from cosummit.core.models import OutboxMessage
from cosummit.registration.models import Status
from tests.registration.factories import RegistrationFactory

LOCMEM_MAILERS = {
    "default": {"BACKEND": "cosummit.core.mail.OutboxBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}


def broken_step(*, now):
    raise RuntimeError("The disk is full.")


def queued_message(subject: str, *, due: dt.datetime) -> OutboxMessage:
    """A message whose delivery task was lost: queued, due, with no task to send it."""
    return OutboxMessage.objects.create(
        from_email="noreply@example.org",
        to=["ada@example.org"],
        subject=subject,
        body="Hello.",
        next_attempt_at=due,
    )


@pytest.fixture
def locmem_mailers(settings):
    settings.MAILERS = LOCMEM_MAILERS
    mail.outbox = []


@pytest.mark.django_db
def test_housekeeping_sends_due_mail_and_leaves_mail_not_yet_due(locmem_mailers):
    now = timezone.now()
    due = queued_message("Due", due=now - dt.timedelta(minutes=1))
    later = queued_message("Later", due=now + dt.timedelta(minutes=1))
    results = run_housekeeping(now=now)
    assert results["retried_messages"] == 1
    assert [message.subject for message in mail.outbox] == ["Due"]
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, later.status) == (OutboxMessage.Status.SENT, OutboxMessage.Status.QUEUED)


@pytest.mark.django_db
def test_housekeeping_releases_expired_holds_and_offers_the_seat_to_the_first_waiting(
    locmem_mailers,
):
    now = timezone.now()
    held = RegistrationFactory(status=Status.HELD, hold_expires_at=now - dt.timedelta(minutes=1))
    waiting = RegistrationFactory(event=held.event, status=Status.WAITING, waiting_since=now)
    results = run_housekeeping(now=now)
    assert (results["released_holds"], results["erased_registrations"]) == (1, 0)
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert (held.status, waiting.status) == (Status.EXPIRED, Status.OFFERED)


@pytest.mark.django_db
def test_a_failing_step_is_logged_and_the_next_steps_still_run(locmem_mailers, monkeypatch, caplog):
    queued_message("Due", due=timezone.now())
    monkeypatch.setattr(
        housekeeping,
        "STEPS",
        [
            ("broken", "tests.core.test_housekeeping.broken_step"),
            ("retried_messages", "cosummit.core.mail.retry_due_messages"),
        ],
    )
    with caplog.at_level(logging.ERROR, logger="cosummit.core.housekeeping"):
        results = run_housekeeping()
    assert results == {"broken": None, "retried_messages": 1}
    assert [record.getMessage() for record in caplog.records] == [
        "Housekeeping step broken failed."
    ]
    assert "The disk is full." in caplog.text
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_step_whose_code_is_missing_is_skipped(locmem_mailers, monkeypatch):
    monkeypatch.setattr(
        housekeeping,
        "STEPS",
        [
            ("missing", "cosummit.nowhere.step"),
            ("retried_messages", "cosummit.core.mail.retry_due_messages"),
        ],
    )
    assert run_housekeeping() == {"retried_messages": 0}


@pytest.mark.django_db
def test_the_housekeeping_command_runs_one_pass_and_prints_its_results(locmem_mailers, capsys):
    queued_message("Due", due=timezone.now())
    call_command("housekeeping")
    assert "retried_messages: 1\n" in capsys.readouterr().out
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_housekeeping_command_fails_when_a_step_fails(monkeypatch, capsys):
    monkeypatch.setattr(
        housekeeping, "STEPS", [("broken", "tests.core.test_housekeeping.broken_step")]
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("housekeeping")
    assert exit_info.value.code == 1
    assert capsys.readouterr().out == "broken: failed\n"


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_queued_mail_and_recovers_mail_whose_task_was_lost(settings, tmp_path):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("The worker process needs a database it can share (set DATABASE_URL).")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = LOCMEM_MAILERS
    database = connection.settings_dict
    env = os.environ | {
        "DEBUG": "true",
        "COSUMMIT_VAR_DIR": str(tmp_path),
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
            f"/{database['NAME']}"
        ),
        "TASKS_BACKEND": "database",
        "EMAIL_DELIVERY": "file",
        "HOUSEKEEPING_INTERVAL": "1",
    }
    queued_message("Lost task", due=timezone.now() - dt.timedelta(minutes=5))
    log = tmp_path / "worker.log"
    send_mail("Queued", "Hello.", None, ["ada@example.org"])  # Enqueued for the worker.
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cosummit",
            "worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        deadline = time.monotonic() + 30
        while OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED).exists():
            if worker.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"Mail still queued; the worker said: {log.read_text()}")
            time.sleep(0.2)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    assert sorted(OutboxMessage.objects.values_list("subject", "status", "attempts")) == [
        ("Lost task", "sent", 1),
        ("Queued", "sent", 1),
    ]
    delivered = "".join(path.read_text() for path in (tmp_path / "mail").iterdir())
    assert (delivered.count("Subject: Lost task\n"), delivered.count("Subject: Queued\n")) == (1, 1)
