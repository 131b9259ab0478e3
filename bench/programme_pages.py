"""Benchmark the public agenda's pages at the size of the reference case.

Builds, with bulk_create, a summit with 300 sessions in 25 rooms over 3 days
(four rounds a day between a coffee break, lunch and another coffee break that
hold the whole venue), 450 speakers, 8 tracks, 4 formats, and a participant
who starred 20 sessions, all released as v1 in a fresh database; then
measures the server time of the day view (grid, list, filtered, searched,
signed in), a session page, the speakers, the venue screen, the printable
programme, "my agenda" and the API through Django's test client (median and
best of N runs, and the median CPU time of the process), and the number of
queries of each.

    DEBUG=true .venv/bin/python bench/programme_pages.py                 # SQLite, a new file
    DEBUG=true .venv/bin/python bench/programme_pages.py --postgres      # PostgreSQL

--postgres drops and creates the database `cosummit_bench_programme` on
postgres://postgres@127.0.0.1:5432 (or the server named by --postgres-url).
"""

import argparse
import datetime as dt
import random
import time

from harness import add_database_options, analyze, measure, open_database, paris_summit

SESSIONS, ROOMS, DAYS, SPEAKERS, STARRED = 300, 25, 3, 450, 20
BENCH_DATABASE = "cosummit_bench_programme"
# Four rounds of 90 minutes a day, around three fixed items holding the whole venue.
ROUNDS = [(9, 0), (11, 0), (14, 0), (16, 0)]
FIXED = [("Coffee break", (10, 30), 30), ("Lunch", (12, 30), 90), ("Coffee break", (15, 30), 30)]
WORDS = [
    "open",
    "budget",
    "data",
    "contracting",
    "parliament",
    "transparency",
    "participation",
    "lobbying",
    "beneficial",
    "ownership",
    "procurement",
    "city",
    "citizen",
    "assembly",
    "feedback",
    "service",
    "justice",
    "climate",
    "extractives",
    "health",
    "education",
    "accountability",
    "civic",
    "technology",
]


def text(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def build(rng: random.Random):
    """Write the summit, its rooms and its released programme; return what the cases need."""
    import zoneinfo

    from allauth.account.models import EmailAddress
    from django.db import transaction

    from cosummit.accounts.models import User
    from cosummit.programme.models import Day, Release, Session, Slot, Star
    from cosummit.proposals.models import Call, FormatKind, SessionFormat, Track
    from cosummit.summits.models import Room, Venue

    paris = zoneinfo.ZoneInfo("Europe/Paris")
    first_day = dt.date(2016, 12, 7)
    with transaction.atomic():
        summit = paris_summit(
            start_date=first_day, end_date=first_day + dt.timedelta(days=DAYS - 1)
        )
        venue = Venue.objects.create(
            summit=summit,
            name={"fr": "Palais d'Iéna", "en": "Palais d'Iéna"},
            city="Paris",
            country="FR",
        )
        rooms = Room.objects.bulk_create(
            Room(
                venue=venue,
                name={"fr": f"Salle {n}", "en": f"Room {n}"},
                capacity=rng.choice([40, 80, 150, 400]),
                position=n,
                interpretation_booths=["fr", "en"] if n < 5 else [],
            )
            for n in range(ROOMS)
        )
        people = User.objects.bulk_create(
            (
                User(
                    email=f"speaker{n}@bench.example.org",
                    name=f"{text(rng, 1).title()} {n}",
                    organisation=f"Organisation {n % 90}" if n % 3 else "",
                )
                for n in range(SPEAKERS + 1)
            ),
            batch_size=1000,
        )
        participant = people.pop()
        EmailAddress.objects.create(
            user=participant, email=participant.email, verified=True, primary=True
        )
        call = Call.objects.create(summit=summit)
        formats = SessionFormat.objects.bulk_create(
            SessionFormat(call=call, kind=kind, name={"fr": label, "en": label}, position=n)
            for n, (kind, label) in enumerate(FormatKind.choices[:4])
        )
        tracks = Track.objects.bulk_create(
            Track(
                summit=summit,
                slug=f"track-{n}",
                name={"fr": f"Thème {WORDS[n]}", "en": f"Track {WORDS[n]}"},
                position=n,
            )
            for n in range(8)
        )
        Day.objects.bulk_create(
            Day(
                summit=summit,
                date=first_day + dt.timedelta(days=n),
                name={"fr": "Journée OSC", "en": "CSO Day"} if n == 0 else {},
            )
            for n in range(DAYS)
        )
        sessions, places = [], []
        for n in range(SESSIONS):
            day, rest = divmod(n, SESSIONS // DAYS)
            round_index, room_index = divmod(rest, ROOMS)
            hour, minute = ROUNDS[round_index]
            starts_at = dt.datetime.combine(
                first_day + dt.timedelta(days=day), dt.time(hour, minute), tzinfo=paris
            )
            language = rng.choice(["fr", "en", "en", "es"])
            sessions.append(
                Session(
                    summit=summit,
                    title=f"{text(rng, 5).capitalize()} {n}",
                    abstract=text(rng, 60),
                    language=language,
                    format=rng.choice(formats),
                    track=rng.choice(tracks),
                    duration=90,
                    interpretation=[code for code in ("fr", "en") if code != language]
                    if room_index < 5
                    else [],
                )
            )
            places.append((rooms[room_index], starts_at, 90))
        for day in range(DAYS):
            for title, (hour, minute), duration in FIXED:
                starts_at = dt.datetime.combine(
                    first_day + dt.timedelta(days=day), dt.time(hour, minute), tzinfo=paris
                )
                sessions.append(
                    Session(
                        summit=summit,
                        title=title,
                        kind=Session.Kind.BREAK,
                        takes_whole_venue=True,
                        is_pinned=True,
                        duration=duration,
                    )
                )
                places.append((None, starts_at, duration))
        sessions = Session.objects.bulk_create(sessions, batch_size=500)
        Through = Session.speakers.through
        Through.objects.bulk_create(
            (
                Through(session_id=session.pk, user_id=speaker.pk)
                for session in sessions
                if session.kind == Session.Kind.SESSION
                for speaker in rng.sample(people, rng.randint(1, 3))
            ),
            batch_size=1000,
        )
        release = Release.objects.create(summit=summit, version=1)
        Slot.objects.bulk_create(
            (
                Slot(
                    session=session,
                    release=version,
                    room=room,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(minutes=duration),
                )
                for session, (room, starts_at, duration) in zip(sessions, places, strict=True)
                for version in (None, release)
            ),
            batch_size=1000,
        )
        Star.objects.bulk_create(
            Star(session=session, user=participant)
            for session in rng.sample(sessions[:SESSIONS], STARRED)
        )
    speaker = Through.objects.filter(session=sessions[0]).first().user
    return summit, sessions[0], speaker, tracks[2], participant


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_database_options(parser)
    parser.add_argument("--runs", type=int, default=30, help="Requests per measure (30).")
    args = parser.parse_args()
    workdir = open_database(args, BENCH_DATABASE)

    from django.db import connection
    from django.test import Client

    import cosummit.programme.views as programme_views

    started = time.perf_counter()
    summit, session, speaker, track, participant = build(random.Random(2016))
    built = time.perf_counter() - started
    analyze()
    print(
        f"{connection.vendor}: built {SESSIONS} sessions in {ROOMS} rooms over {DAYS} days, "
        f"{SPEAKERS} speakers, released, in {built:.1f} s"
    )
    # The venue screen during the first day's second round.
    programme_views.now = lambda: dt.datetime(2016, 12, 7, 10, 45, tzinfo=dt.UTC)

    visitor = Client(headers={"accept-language": "en"})
    member = Client(headers={"accept-language": "en"})
    member.force_login(participant)
    base = f"/en/{summit.slug}/programme/"
    api = f"/api/v1/summits/{summit.slug}/programme/"
    cases = [
        ("day view, grid (100 sessions + 3 fixed items)", visitor, base, {}),
        ("day view, grid, day 2", visitor, base, {"day": "2016-12-08"}),
        ("day view, list", visitor, base, {"view": "list"}),
        ("day view, grid, signed in (star buttons)", member, base, {}),
        ("day view, track filter", visitor, base, {"track": track.slug}),
        ("day view, search “budget data”", visitor, base, {"q": "budget data"}),
        ("day view, language + interpretation", visitor, base,
         {"language": "fr", "interpretation": "en"}),
        ("session page", visitor, f"{base}sessions/{session.pk}/", {}),
        ("session page, signed in", member, f"{base}sessions/{session.pk}/", {}),
        ("speakers list (450)", visitor, f"{base}speakers/", {}),
        ("speaker page", visitor, f"{base}speakers/{speaker.pk}/", {}),
        ("now and next (venue screen)", visitor, f"{base}now/", {}),
        ("printable programme (309 items)", visitor, f"{base}print/", {}),
        (f"my agenda ({STARRED} stars)", member, f"{base}mine/", {}),
        ("API sessions, limit 100", visitor, f"{api}sessions", {"limit": 100}),
        ("API sessions, day + search", visitor, f"{api}sessions",
         {"day": "2016-12-08", "q": "budget"}),
        ("API speakers, limit 100", visitor, f"{api}speakers", {"limit": 100}),
    ]  # fmt: skip
    print(f"{'measure':50} {'median ms':>9} {'best ms':>8} {'CPU ms':>7} {'queries':>8} {'KiB':>6}")
    for label, client, url, params in cases:
        result = measure(client, url, params, args.runs)
        assert result["status"] == 200, (label, result["status"])
        print(
            f"{label:50} {result['median']:9.1f} {result['best']:8.1f} {result['cpu']:7.1f} "
            f"{result['queries']:8d} {result['size'] / 1024:6.0f}"
        )
    connection.close()
    workdir.cleanup()


if __name__ == "__main__":
    main()
