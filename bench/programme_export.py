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
import random
import statistics
import time
import uuid

from harness import ROOT, add_database_options, analyze, load_average, measure, open_database, timed

SHARED_DATA = ROOT.parent / "shared" / "data"
BENCH_DATABASE = "cosummit_bench_programme_export"
BRUSSELS_OFFSET = dt.timezone(dt.timedelta(hours=1))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1000, help="Events released (1000).")
    parser.add_argument("--runs", type=int, default=20, help="Runs a measure (20).")
    add_database_options(parser)
    args = parser.parse_args()
    workdir = open_database(args, BENCH_DATABASE)

    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from cosummit.programme import exports, interchange

    summit, release, count, real, imported = build(args.events, random.Random(2025))
    analyze(vacuum=True)
    source = "FOSDEM 2025 + made-up" if real else "made-up only (no ../shared/data)"
    print(f"{connection.vendor}: {count} events released ({source}); import took {imported:.2f} s")
    print(f"{args.runs} runs a measure; load average before: {load_average()}")

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
            walls, _cpus = timed(function, args.runs)
            print(f"{label:44} {statistics.median(walls):10.1f}")

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
        result = measure(client, url, None, args.runs)
        assert result["status"] == 200, (url, result["status"])
        print(
            f"{url:44} {result['median']:10.1f} {result['queries']:8d} {result['size'] / 1000:7.0f}"
        )
    connection.close()
    workdir.cleanup()


if __name__ == "__main__":
    main()
