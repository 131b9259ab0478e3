"""Benchmark the organisers' agenda builder on a day of 300 sessions.

Builds, with bulk_create, in a fresh SQLite file: a summit with one day from
08:00 to 21:00 in slots of 60 minutes, 25 rooms, 300 sessions placed on that
day (12 rounds of 25 around lunch) with two speakers each among 450, 40 sessions not
placed yet, a lunch holding every room, and 2,000 stars; then measures, with
Django's test client and DEBUG off, the server time of the day's grid, the
sessions list, the warnings page and the unscheduled list (median and best of
N runs, and the median CPU time of the process, web server and SQLite
together, which a busy machine disturbs less) and the number of queries of
each.

    DEBUG=true .venv/bin/python bench/programme_builder.py [--runs 10]
"""

import argparse
import datetime as dt
import random

from harness import measure, open_database, paris_summit

ROOMS, PLACED, UNPLACED, SPEAKERS, STARS = 25, 300, 40, 450, 2000
# Twelve rounds of an hour, around lunch at noon.
HOURS = [8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20]


def build(rng: random.Random):
    from django.db import transaction

    from cosummit.accounts.models import User
    from cosummit.programme.models import Day, Session, Slot, Star
    from cosummit.summits.models import Role, Room, TeamMembership, Venue

    with transaction.atomic():
        summit = paris_summit(slug="bench", is_published=False)
        organiser = User.objects.create_user("organiser@example.org", name="Organiser")
        TeamMembership.objects.create(summit=summit, user=organiser, role=Role.ORGANISER)
        day = Day.objects.create(
            summit=summit, date=summit.start_date, starts="08:00", ends="21:00", slot_minutes=60
        )
        venue = Venue.objects.create(
            summit=summit, name={"en": "Venue"}, city="Paris", country="FR"
        )
        rooms = Room.objects.bulk_create(
            Room(
                venue=venue,
                name={"en": f"Room {n}", "fr": f"Salle {n}"},
                capacity=rng.choice([30, 60, 120, 400]),
                equipment=rng.sample(["projector", "microphones", "streaming"], 2),
                interpretation_booths=["fr", "en"] if n % 5 == 0 else [],
                position=n,
            )
            for n in range(ROOMS)
        )
        people = User.objects.bulk_create(
            User(email=f"speaker{n}@example.org", name=f"Speaker {n}") for n in range(SPEAKERS)
        )
        sessions = Session.objects.bulk_create(
            Session(
                summit=summit,
                title=f"Session {n}",
                duration=60,
                language="en",
                expected_audience=rng.randint(10, 200),
                equipment=["projector"],
                interpretation=["fr"] if n % 7 == 0 else [],
            )
            for n in range(PLACED + UNPLACED)
        )
        lunch = Session.objects.create(
            summit=summit, title="Lunch", kind="break", duration=60, takes_whole_venue=True
        )
        through = Session.speakers.through
        through.objects.bulk_create(
            through(session_id=session.pk, user_id=user.pk)
            for session in sessions
            for user in rng.sample(people, 2)
        )
        tz = summit.tz
        slots = []
        for index, session in enumerate(sessions):
            if index < PLACED:
                hour = HOURS[index // ROOMS]
                starts = dt.datetime.combine(day.date, dt.time(hour), tzinfo=tz)
                slots.append(
                    Slot(
                        session=session,
                        room=rooms[index % ROOMS],
                        starts_at=starts,
                        ends_at=starts + dt.timedelta(hours=1),
                    )
                )
            else:
                slots.append(Slot(session=session))
        lunch_start = dt.datetime.combine(day.date, dt.time(12), tzinfo=tz)
        slots.append(
            Slot(session=lunch, starts_at=lunch_start, ends_at=lunch_start + dt.timedelta(hours=1))
        )
        Slot.objects.bulk_create(slots)
        pairs = {(rng.choice(sessions).pk, rng.choice(people).pk) for _ in range(STARS)}
        Star.objects.bulk_create(Star(session_id=s, user_id=u) for s, u in pairs)
    return summit, day, organiser


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="Requests per measure (10).")
    args = parser.parse_args()
    workdir = open_database()

    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    summit, day, organiser = build(random.Random(2016))
    client = Client(headers={"accept-language": "en"})
    client.force_login(organiser)
    with translation.override("en"):
        pages = {
            "grid of the day": reverse(
                "programme_organise:grid", args=[summit.slug, day.date.isoformat()]
            ),
            "sessions list (page of 100)": reverse(
                "programme_organise:sessions", args=[summit.slug]
            ),
            "warnings": reverse("programme_organise:warnings", args=[summit.slug]),
            "not placed yet": reverse("programme_organise:unscheduled", args=[summit.slug]),
        }
    print(
        f"{PLACED} sessions placed on one day in {ROOMS} rooms, {UNPLACED} not placed, "
        f"{args.runs} runs each"
    )
    for name, url in pages.items():
        figures = measure(client, url, None, args.runs)
        print(
            f"{name:28} median {figures['median']:4.0f} ms  best {figures['best']:4.0f} ms  "
            f"CPU {figures['cpu']:4.0f} ms  "
            f"{figures['queries']:3} queries  {figures['size'] // 1024:5} KiB  "
            f"HTTP {figures['status']}"
        )
    workdir.cleanup()


if __name__ == "__main__":
    main()
