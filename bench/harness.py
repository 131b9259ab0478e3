"""What the benchmarks of bench/ share: a fresh database, Django set up as in
production, and the timing of requests.

Each script is run as a file (`python bench/<name>.py`), so bench/ is the first
entry of its sys.path and `from harness import ...` finds this module, which
puts the project's src/ on sys.path in turn.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"


def configure(database_url: str) -> None:
    """Set Django up on `database_url`, served as in production: DEBUG off (no
    query log, no debug pages), the test client's host allowed.

    The test environment is not set up: it would make every template render
    copy its context for the client, a cost that only tests pay.
    """
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cosummit.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def fresh_postgres(server_url: str, name: str) -> str:
    """Drop (closing its connections) and create the database `name` on the
    PostgreSQL server `server_url`; return the database's URL."""
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"


def drop_postgres(server_url: str, name: str) -> None:
    """Drop the database `name` on the PostgreSQL server `server_url`."""
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def paris_summit(**changes):
    """The reference summit, Paris, 7–9 December 2016, published; `changes` override fields."""
    import datetime as dt

    from cosummit.summits.models import Summit

    fields = {
        "name": {"fr": "Sommet de Paris", "en": "Paris Summit"},
        "slug": "bench-summit",
        "start_date": dt.date(2016, 12, 7),
        "end_date": dt.date(2016, 12, 9),
        "city": "Paris",
        "country": "FR",
        "languages": ["fr", "en"],
        "is_published": True,
    }
    return Summit.objects.create(**{**fields, **changes})


def add_database_options(parser: argparse.ArgumentParser) -> None:
    """Add --postgres and --postgres-url, which `open_database` reads."""
    parser.add_argument("--postgres", action="store_true", help="Use PostgreSQL, not SQLite.")
    parser.add_argument("--postgres-url", default=POSTGRES_SERVER)


def open_database(
    args: argparse.Namespace | None = None, name: str = ""
) -> tempfile.TemporaryDirectory:
    """Configure Django on a fresh, migrated database: with args.postgres, the
    database `name` created anew on args.postgres_url; otherwise (or without
    args) a SQLite file in a new temporary directory.

    Return that directory: keep it until the end (it is removed when it is
    collected), then call its cleanup().
    """
    workdir = tempfile.TemporaryDirectory(prefix="cosummit-bench-")
    if args is not None and args.postgres:
        database_url = fresh_postgres(args.postgres_url, name)
    else:
        database_url = f"sqlite:///{workdir.name}/bench.sqlite3"
    configure(database_url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return workdir


def timed(function: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Call `function` once to warm up, then `runs` times; return the wall-clock
    and the CPU milliseconds of this process of each of those runs."""
    function()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return walls, cpus


def _p95(sorted_values: list[float]) -> float:
    return sorted_values[round(0.95 * (len(sorted_values) - 1))]


def measure(client, url: str, params: dict | None, runs: int) -> dict:
    """Time `runs` GET requests of `url` with `params` through the test `client`,
    after one to warm up (templates, translations, connection, session).

    Return the "median", 95th percentile ("p95") and "best" wall-clock
    milliseconds, the median ("cpu") and 95th percentile ("cpu_p95") CPU
    milliseconds of this process (the web server's work, and SQLite's; not
    PostgreSQL's, which runs in its own process), and the "queries", "status"
    and "size" in bytes of one more request. A wall-clock time well above the
    CPU time is time spent waiting for the processor or the database.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    walls, cpus = timed(lambda: client.get(url, params), runs)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    walls.sort()
    cpus.sort()
    return {
        "median": statistics.median(walls),
        "p95": _p95(walls),
        "best": walls[0],
        "cpu": statistics.median(cpus),
        "cpu_p95": _p95(cpus),
        "queries": len(queries),
        "status": response.status_code,
        "size": len(response.content),
    }


def analyze(*, vacuum: bool = False) -> None:
    """Gather the query planner's statistics, as autovacuum (or SQLite's ANALYZE)
    keeps them; with `vacuum`, on PostgreSQL, also leave no dead rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if vacuum and connection.vendor == "postgresql" else "ANALYZE"
        )


def load_average() -> str:
    """The load averages of the machine over 1, 5 and 15 minutes, as printed."""
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())
