"""Benchmark the programme exports: frab XML of 1,000 events and the other formats.

Imports the FOSDEM 2025 programme from ../shared/data (943 events, 29 rooms,
about 1,000 speakers) into a summit of a fresh database, adds made-up
events up to --events, releases the working agenda as v1, then measures:
the export functions alone (release → schedule → XML), and each export
address through Django's test client (whole middleware stack), median of N
runs, with the queries of one request. Without ../shared/data, every event
is made up.

    DEBUG=true .venv/bin/python bench/programme_export.py               # SQLite, a new file
    DEBUG=true .venv/bin/python bench/programme_export.py --postgres    # PostgreSQL

--postgres drops and creates the database `cosummit_bench_programme_export`
on postgres://postgres@127.0.0.1:5432 (or the server named by --postgres-url).
Target: the frab export of 1,000 events under 500 ms.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SHARED_DATA = ROOT.parent / "shared" / "data"
BENCH_DATABASE = "cosummit_bench_programme_export"
BRUSSELS_OFFSET = dt.timezone(dt.timedelta(hours=1))


def configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cosummit.settings")
    import django

    django.setup()
    from django.conf import settings

    # Served as in production: no query log, no debug pages.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def fresh_postgres(server_url: str) -> str:
    import psycopg

    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return f"{server_url}/{BENCH_DATABASE}"


def made_up_events(count: int, rng: random.Random, *, first_id: int):
    """Events in rooms of their own on FOSDEM's two days, 30 or 50 minutes, 1–2 speakers."""
    from cosummit.programme.interchange import Event, Person

    events = []
    per_room = 16
    for number in range(count):
        room, position = divmod(number, per_room)
        day, position = divmod(position, per_room // 2)
        start = dt.datetime(2025, 2, 1 + day, 9, 0, tzinfo=BRUSSELS_OFFSET) + dt.timedelta(
            hours=position
        )
        events.append(
            Event(
                guid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                id=first_id + number,
                title=f"Made-up session {number}",
                start=start,
                duration=rng.choice([30, 50]),
                room=f"Bench room {room + 1}",
                track="Made-up track",
                type="talk",
                language="en",
                abstract="A session made up for the benchmark. " * 8,
                persons=[
                    Person(name=f"Made-up speaker {rng.randrange(400)}", id=900_000 + n)
                    for n in range(rng.choice([1, 2]))
                ],
            )
        )
    return events


def build(events: int, rng: random.Random):
    """The summit with the FOSDEM programme (when present) and made-up events, released."""
    from cosummit.programme.imports import import_schedule
    from cosummit.programme.interchange import Conference, Schedule, read_frab_xml
    from cosummit.programme.models import Release, Slot
    from cosummit.summits.models import Summit

    summit = Summit.objects.create(
        name={"en": "FOSDEM 2025", "fr": "FOSDEM 2025"},
        slug="fosdem-2025",
        start_date=dt.date(2025, 2, 1),
        end_date=dt.date(2025, 2, 2),
        city="Brussels",
        country="BE",
        timezone="Europe/Brussels",
        is_published=True,
    )
    fosdem = SHARED_DATA / "fosdem-2025-schedule.xml"
    if fosdem.exists():
        schedule = read_frab_xml(fosdem.read_bytes())
    else:
        schedule = Schedule(conference=Conference(acronym="bench", title="Bench"))
    kept = schedule.events[:events]
    schedule.events = kept + made_up_events(
        events - len(kept), rng, first_id=max((event.id or 0 for event in kept), default=0) + 1
    )
    started = time.perf_counter()
    import_schedule(summit, schedule)
    imported = time.perf_counter() - started
    release = Release.objects.create(summit=summit, version=1)
    Slot.objects.bulk_create(
        Slot(
            session_id=slot.session_id,
            release=release,
            room_id=slot.room_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
        )
        for slot in Slot.objects.filter(session__summit=summit, release=None)
    )
    return summit, release, len(schedule.events), fosdem.exists(), imported


def median_ms(function, runs: int) -> float:
    function()  # warm up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1000, help="Events released (1000).")
    parser.add_argument("--runs", type=int, default=20, help="Runs a measure (20).")
    parser.add_argument("--postgres", action="store_true", help="Use PostgreSQL, not SQLite.")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory(prefix="cosummit-bench-")
    if args.postgres:
        database_url = fresh_postgres(args.postgres_url)
    else:
        database_url = f"sqlite:///{workdir.name}/bench.sqlite3"
    configure(database_url)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from cosummit.programme import exports, interchange

    call_command("migrate", verbosity=0)
    summit, release, count, real, imported = build(args.events, random.Random(2025))
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    source = "FOSDEM 2025 + made-up" if real else "made-up only (no ../shared/data)"
    print(f"{connection.vendor}: {count} events released ({source}); import took {imported:.2f} s")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{args.runs} runs a measure; load average before: {load}")

    with translation.override("en"):
        base_url = "http://testserver"

        def to_schedule():
            return exports.schedule_for_release(
                summit, release, exports.export_slots(release, with_places=False), base_url=base_url
            )

        schedule = to_schedule()
        xml = interchange.write_frab_xml(schedule)
        functions = [
            ("release → schedule (queries + objects)", to_schedule),
            ("schedule → frab XML", lambda: interchange.write_frab_xml(schedule)),
            ("schedule → c3voc JSON", lambda: interchange.write_c3voc_json(schedule)),
            ("release → frab XML, together", lambda: interchange.write_frab_xml(to_schedule())),
        ]
        print(f"{'function':44} {'median ms':>10}")
        for label, function in functions:
            print(f"{label:44} {median_ms(function, args.runs):10.1f}")

    xsd = SHARED_DATA / "c3voc-schedule.xsd"
    if xsd.exists():
        from lxml import etree

        schema = etree.XMLSchema(etree.parse(str(xsd)))
        valid = schema.validate(etree.fromstring(xml))
        print(f"frab XML: {len(xml) / 1e6:.1f} MB, valid against the c3voc XSD: {valid}")

    client = Client()
    base = f"/en/{summit.slug}/programme/export/"
    print(f"{'address (test client)':44} {'median ms':>10} {'queries':>8} {'KB':>7}")
    for name in ("schedule.xml", "schedule.json", "programme.ics", "programme.csv"):
        url = base + name
        median = median_ms(lambda url=url: client.get(url), args.runs)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content) / 1000
        print(f"{url:44} {median:10.1f} {len(captured):8d} {size:7.0f}")
    connection.close()
    workdir.cleanup()


if __name__ == "__main__":
    main()
