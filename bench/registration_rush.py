"""Registration rush: many people register at once, through the real form of the real app.

The bench starts cosummit as in production (gunicorn, DEBUG off, a fresh
database, mail queued in the outbox for a worker that is not running), opens
registration for one event, then `--clients` concurrent clients register
`--registrations` people in all: each one GETs the register page, reads its
CSRF token and proof-of-work challenge, solves the challenge as a browser
would, and POSTs the form with a unique e-mail address. It prints the
throughput, the latency of the POSTs and the final counts read from the
database.

    .venv/bin/python bench/registration_rush.py --database postgres
    .venv/bin/python bench/registration_rush.py --database sqlite

Only the standard library and the project's own dependencies are used.
"""

import argparse
import html
import json
import os
import re
import resource
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import dedent

import altcha
from harness import POSTGRES_SERVER, ROOT, fresh_postgres

SETUP = dedent(
    """
    import datetime as dt, json
    from django.utils import timezone
    from cosummit.accounts.models import User
    from cosummit.registration import domain, queries
    from cosummit.summits import domain as summits
    from cosummit.summits.models import Event

    organiser = User.objects.create_user(email="bench@example.org", password=None, is_staff=True)
    summit = summits.create_summit(
        by=organiser, name={"en": "Rush summit", "fr": "Sommet de la ruée"}, slug="rush",
        start_date=timezone.localdate() + dt.timedelta(days=30),
        end_date=timezone.localdate() + dt.timedelta(days=32),
        city="Paris", country="FR", languages=["fr", "en"],
    )
    summits.set_summit_published(summit, is_published=True, by=organiser)
    starts = timezone.now() + dt.timedelta(days=30)
    event = summits.create_event(
        summit, by=organiser, kind=Event.Kind.CONFERENCE, title={"en": "Plenary", "fr": "Plénière"},
        slug="plenary", starts_at=starts, ends_at=starts + dt.timedelta(hours=8),
    )
    domain.update_registration_setup(
        queries.get_setup(event), by=organiser, is_enabled=True, capacity=CAPACITY,
        opens_at=timezone.now() - dt.timedelta(hours=1),
    )
    print(json.dumps({"path": f"/en/{summit.slug}/events/{event.slug}/register/"}))
    """
)

COUNTS = dedent(
    """
    import json
    from cosummit.core.models import OutboxMessage
    from cosummit.registration.models import Registration, SEAT_STATUSES, Status
    from cosummit.summits.models import Event

    event = Event.objects.get(slug="plenary")
    capacity = event.registration_setup.capacity
    rows = Registration.objects.filter(event=event)
    seats = rows.filter(status__in=SEAT_STATUSES).count()
    emails = rows.values("email").distinct().count()
    print(json.dumps({
        "held": rows.filter(status=Status.HELD).count(),
        "waiting": rows.filter(status=Status.WAITING).count(),
        "seats taken": seats,
        "overbooked": max(0, seats - capacity),
        "duplicate e-mails": rows.count() - emails,
        "mails queued": OutboxMessage.objects.filter(status=OutboxMessage.Status.QUEUED).count(),
        "mails in outbox": OutboxMessage.objects.count(),
    }))
    """
)

INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
HEADING = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)
OUTCOMES = {
    "Check your e-mail to confirm": "held",
    "You are on the waiting list": "waiting",
    "You are already registered": "already",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args: list[str], env: dict, **options) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "cosummit", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        **options,
    )
    if completed.returncode != 0:
        raise SystemExit(f"cosummit {args[0]} failed:\n{completed.stderr}")
    return completed.stdout


def environment(options, var_dir: Path) -> dict:
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "cosummit.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "COSUMMIT_VAR_DIR": str(var_dir),
        # Mail is queued for a worker that does not run: the bench counts it.
        "TASKS_BACKEND": "database",
        "EMAIL_DELIVERY": "file",
        # Every client comes from 127.0.0.1: the limits must not stop the bench.
        "REGISTRATION_RATE_LIMIT_IP": "100000000/h",
        "REGISTRATION_RATE_LIMIT_EMAIL": "1000/h",
        # The proof of work costs the client, not the server (one hash to check
        # a solution): a small one keeps the bench's clients from taking the
        # CPU the server is measured on.
        "REGISTRATION_CHALLENGE_MAX_NUMBER": str(options.challenge_max_number),
        "LOG_LEVEL": options.log_level,
    }
    env.pop("DATABASE_URL", None)
    if options.database == "postgres":
        env["DATABASE_URL"] = fresh_postgres(options.postgres, options.database_name)
    return env


def start_server(options, env: dict, var_dir: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    log = (var_dir / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cosummit.wsgi",
            "--workers",
            str(options.workers),
            "--threads",
            str(options.threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{(var_dir / 'gunicorn.log').read_text()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return server, port
        time.sleep(0.2)
    raise SystemExit("gunicorn is not listening after 60 s.")


@dataclass
class Client:
    """Just enough of a browser: cookies, and the headers a TLS proxy adds."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str]:
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
            "Accept-Language": "en",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                name, value = header.split(";", 1)[0].split("=", 1)
                self.cookies[name.strip()] = value
            return response.status, response.read().decode()
        finally:
            connection.close()


def form_data(page: str, email: str, number: int) -> dict:
    """The register form filled in as a person would, the challenge solved."""
    data = {}
    challenge = None
    for tag in INPUT.findall(page):
        attributes = {key: html.unescape(value) for key, value in ATTRIBUTE.findall(tag)}
        if attributes.get("type") == "hidden" and "name" in attributes:
            data[attributes["name"]] = attributes.get("value", "")
        if "data-challenge" in attributes:
            challenge = json.loads(attributes["data-challenge"])
    if challenge is None or "csrfmiddlewaretoken" not in data:
        raise ValueError("The register page has no form.")
    solution = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = solution.number
    data.update(
        {
            "name": f"Participant {number}",
            "email": email,
            "organisation": "Open Data Collective",
            "organisation_type": "",
            "country": "FR",
            "website": "",
            "altcha": altcha.PayloadV1.from_dict(payload).to_base64(),
            "question_answer": "",
        }
    )
    return data


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_number: int = 0
    post_latencies: list[float] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def take(self, total: int) -> int | None:
        with self.lock:
            if self.next_number >= total:
                return None
            self.next_number += 1
            return self.next_number


def register_people(port: int, path: str, results: Results, total: int, run_id: str) -> None:
    while (number := results.take(total)) is not None:
        client = Client(port)
        try:
            status, page = client.request("GET", path)
            if status != 200:
                raise ValueError(f"GET answered {status}")
            data = form_data(page, f"person{number}-{run_id}@example.org", number)
            started = time.perf_counter()
            status, page = client.request("POST", path, data)
            latency = time.perf_counter() - started
            heading = HEADING.search(page)
            outcome = OUTCOMES.get(heading.group(1).strip() if heading else "", f"HTTP {status}")
            with results.lock:
                results.post_latencies.append(latency)
                results.outcomes[outcome] += 1
        except Exception as error:  # A failed registration is counted, not fatal.
            with results.lock:
                results.errors.append(f"{number}: {error}")
                results.outcomes["client error"] += 1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def cpu_seconds(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--registrations", type=int, default=4000)
    parser.add_argument("--capacity", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument(
        "--postgres",
        default=POSTGRES_SERVER,
        help="PostgreSQL server URL, without database; the bench creates --database-name there",
    )
    parser.add_argument("--database-name", default="cosummit_bench")
    parser.add_argument("--challenge-max-number", type=int, default=1000)
    parser.add_argument("--log-level", default="WARNING", help="the app's LOG_LEVEL")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    options = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="cosummit-rush-"))
    server = None
    try:
        env = environment(options, var_dir)
        run(["migrate", "--no-input", "-v0"], env)
        run(["collectstatic", "--no-input", "-v0"], env)
        setup = SETUP.replace("CAPACITY", str(options.capacity))
        path = json.loads(run(["shell", "-c", setup], env).strip().splitlines()[-1])["path"]
        children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        server, port = start_server(options, env, var_dir)
        # Each worker answers once before the clock starts (imports, connections).
        for _ in range(options.workers * options.threads * 2):
            Client(port).request("GET", path)

        results = Results()
        run_id = secrets.token_hex(3)
        threads = [
            threading.Thread(
                target=register_people,
                args=(port, path, results, options.registrations, run_id),
            )
            for _ in range(options.clients)
        ]
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        server.terminate()
        server.wait(timeout=30)
        server = None
        children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        counts = json.loads(run(["shell", "-c", COUNTS], env).strip().splitlines()[-1])
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if options.keep:
            print(f"Temporary directory kept: {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)

    registered = results.outcomes["held"] + results.outcomes["waiting"]
    latencies_ms = [latency * 1000 for latency in results.post_latencies]
    print(
        f"database={options.database} clients={options.clients} "
        f"registrations={options.registrations} capacity={options.capacity} "
        f"workers={options.workers} threads={options.threads} cpus={os.cpu_count()}"
    )
    print(f"elapsed: {elapsed:.1f} s")
    print(f"throughput: {registered / elapsed:.1f} registrations/s (GET form + POST form each)")
    if latencies_ms:
        print(
            "POST latency: "
            f"p50 {percentile(latencies_ms, 0.50):.0f} ms, "
            f"p95 {percentile(latencies_ms, 0.95):.0f} ms, "
            f"p99 {percentile(latencies_ms, 0.99):.0f} ms, "
            f"max {max(latencies_ms):.0f} ms, mean {statistics.fmean(latencies_ms):.0f} ms"
        )
    client_cpu = cpu_seconds(own_after) - cpu_seconds(own_before)
    server_cpu = cpu_seconds(children_after) - cpu_seconds(children_before)
    print(
        f"CPU: app server (gunicorn) {server_cpu:.0f} s, "
        f"{1000 * server_cpu / max(registered, 1):.1f} ms per registration; "
        f"bench clients {client_cpu:.0f} s; the database server is not counted"
    )
    print("answers: " + ", ".join(f"{key} {value}" for key, value in results.outcomes.items()))
    for error in results.errors[:5]:
        print(f"  error {error}")
    print("database: " + ", ".join(f"{key} {value}" for key, value in counts.items()))


if __name__ == "__main__":
    main()
