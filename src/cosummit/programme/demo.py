"""The demo summit's programme: rooms' equipment, four days, sessions placed and released.

The sessions are made up, in the spirit of an Open Government Partnership
summit; their speakers are the demo call's proposers.
"""

import datetime as dt

from django.db import transaction

from cosummit.accounts.models import User
from cosummit.proposals.demo import PEOPLE
from cosummit.proposals.models import Track
from cosummit.summits.models import Equipment, Room, Summit

from .models import Day, Session, Slot, Star

# Room (French name) -> (equipment, booths, step-free).
ROOM_FEATURES = {
    "Hémicycle": (
        [Equipment.PROJECTOR, Equipment.MICROPHONES, Equipment.RECORDING, Equipment.STREAMING],
        ["fr", "en", "es"],
        True,
    ),
    "Salle Léon Jouhaux": ([Equipment.PROJECTOR, Equipment.MICROPHONES], ["fr", "en"], True),
    "Salle 229": ([Equipment.ROUND_TABLES, Equipment.WHITEBOARD], [], True),
}

# (day offset from the CSO Day, name, reserved track slugs)
DAYS = [
    (0, {"fr": "Journée de la société civile", "en": "CSO Day"}, ["civic-participation"]),
    (1, {"fr": "Sommet, jour 1", "en": "Summit, day 1"}, []),
    (2, {"fr": "Sommet, jour 2", "en": "Summit, day 2"}, []),
    (3, {"fr": "Sommet, jour 3", "en": "Summit, day 3"}, []),
]

# (day offset, start, minutes, kind, title, room French name or None for the whole venue)
FIXED = [
    (1, (9, 0), 60, Session.Kind.PLENARY, "Opening plenary: a year of open government", None),
    (1, (12, 30), 90, Session.Kind.BREAK, "Lunch", None),
    (2, (12, 30), 90, Session.Kind.BREAK, "Lunch", None),
    (3, (12, 30), 90, Session.Kind.BREAK, "Lunch", None),
    (3, (16, 0), 60, Session.Kind.PLENARY, "Closing plenary: the Paris declaration", None),
]

# (title, abstract, language, interpretation, track slug, equipment, speakers, place)
# where place is (day offset, start, room French name) or None for not placed yet.
SESSIONS = [
    (
        "Citizens write the budget: participatory budgeting at city scale",
        "Five cities compare how residents propose, vote and follow public spending.",
        "fr", ["en"], "civic-participation", [Equipment.MICROPHONES],
        ["nadia", "olivier"], (0, (9, 0), "Hémicycle"),
    ),
    (
        "Building a civil-society coalition for the next action plan",
        "Round table on how organisations co-write commitments with their government.",
        "en", ["fr"], "civic-participation", [], ["grace", "amara"],
        (0, (10, 30), "Salle Léon Jouhaux"),
    ),
    (
        "Open contracting from tender to delivery",
        "How open data on public contracts exposes waste and builds trust.",
        "en", ["fr", "es"], "fiscal-openness", [Equipment.PROJECTOR], ["rafael"],
        (1, (10, 0), "Hémicycle"),
    ),
    (
        "Beneficial ownership registers: lessons from the first years",
        "Who really owns companies? Registers, verification and use by journalists.",
        "en", ["fr"], "anti-corruption", [Equipment.PROJECTOR], ["helen", "thomas"],
        (1, (10, 0), "Salle Léon Jouhaux"),
    ),
    (
        "Freedom of information requests, answered in time",
        "Workshop on tracking requests and publishing answers proactively.",
        "fr", [], "access-to-information", [Equipment.WHITEBOARD], ["sophie"],
        (1, (14, 0), "Salle 229"),
    ),
    (
        "Open data that people use",
        "Publishers and re-users compare what makes a dataset useful.",
        "en", ["fr"], "open-data-digital", [Equipment.PROJECTOR], ["kwame", "maria"],
        (1, (14, 0), "Hémicycle"),
    ),
    (
        "Whistle-blowers' protection in practice",
        "Laws exist; do they protect? Testimonies and proposals.",
        "fr", ["en"], "anti-corruption", [Equipment.MICROPHONES], ["thomas"],
        (2, (9, 0), "Salle Léon Jouhaux"),
    ),
    (
        "Civic tech for local democracy",
        "Tools that towns use to consult residents, and what they learnt.",
        "en", ["fr"], "open-data-digital", [Equipment.PROJECTOR], ["maria"],
        (2, (10, 30), "Hémicycle"),
    ),
    (
        "Open parliaments: votes, amendments and lobbying in the open",
        "Parliaments and monitoring organisations on publishing legislative work.",
        "es", ["fr", "en"], "access-to-information", [Equipment.MICROPHONES],
        ["rafael", "sophie"], (2, (14, 0), "Hémicycle"),
    ),
    (
        "Measuring the commitments' impact",
        "Independent reporting on action plans: methods and findings.",
        "en", [], "fiscal-openness", [Equipment.ROUND_TABLES], ["helen"],
        (3, (9, 0), "Salle 229"),
    ),
    (
        "Co-creating public services with users",
        "Design methods that bring users into how services are built.",
        "fr", ["en"], "civic-participation", [Equipment.WHITEBOARD], ["amara"],
        None,
    ),
]  # fmt: skip

STARS = {
    "nadia": ["Open contracting from tender to delivery", "Open data that people use"],
    "kwame": [
        "Open contracting from tender to delivery",
        "Beneficial ownership registers: lessons from the first years",
    ],
}


def _at(summit: Summit, day: dt.date, start: tuple[int, int]) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(*start), tzinfo=summit.tz)


@transaction.atomic
def build_demo_programme(summit: Summit) -> None:
    """Create the demo programme of `summit` once, and release it as v1.

    Side effects, in order: the rooms' equipment, booths and access; four
    programme days, the first reserved to civil participation; the fixed
    items (plenaries, lunches), pinned; the sessions with their speakers and
    working slots, all placed but one; two participants' stars; release v1
    (`releases.release_programme`, which queues the speakers' e-mails).
    Nothing is done when the summit has programme days already.
    """
    from .releases import release_programme

    if summit.programme_days.exists():
        return
    by_email = {
        user.email: user
        for user in User.objects.filter(email__in=[p.email for p in PEOPLE.values()])
    }
    people = {
        key: by_email[person.email] for key, person in PEOPLE.items() if person.email in by_email
    }
    rooms = {}
    for room in Room.objects.filter(venue__summit=summit):
        equipment, booths, step_free = ROOM_FEATURES.get(room.name.get("fr", ""), ([], [], True))
        room.equipment = [str(code) for code in equipment]
        room.interpretation_booths = booths
        room.is_step_free = step_free
        room.save(update_fields=["equipment", "interpretation_booths", "is_step_free"])
        rooms[room.name.get("fr", "")] = room
    cso_day = summit.start_date - dt.timedelta(days=1)
    tracks = {track.slug: track for track in Track.objects.filter(summit=summit)}
    for offset, name, track_slugs in DAYS:
        day = Day.objects.create(
            summit=summit,
            date=cso_day + dt.timedelta(days=offset),
            name=name,
            starts=dt.time(9, 0),
            ends=dt.time(18, 0) if offset < 3 else dt.time(17, 0),
            slot_minutes=90,
        )
        day.tracks.set([tracks[slug] for slug in track_slugs if slug in tracks])
    for offset, start, minutes, kind, title, room_name in FIXED:
        session = Session.objects.create(
            summit=summit,
            kind=kind,
            title=title,
            duration=minutes,
            takes_whole_venue=room_name is None,
            is_pinned=True,
            language="en" if kind == Session.Kind.PLENARY else "",
            interpretation=["fr", "es"] if kind == Session.Kind.PLENARY else [],
        )
        starts_at = _at(summit, cso_day + dt.timedelta(days=offset), start)
        Slot.objects.create(
            session=session,
            room=rooms.get("Hémicycle") if kind == Session.Kind.PLENARY else None,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=minutes),
        )
    titles = {}
    for title, abstract, language, interpretation, track, equipment, speakers, place in SESSIONS:
        small_room = place is not None and place[2] == "Salle 229"
        session = Session.objects.create(
            summit=summit,
            title=title,
            abstract=abstract,
            language=language,
            interpretation=interpretation,
            track=tracks.get(track),
            duration=75,
            equipment=[str(code) for code in equipment],
            expected_audience=30 if small_room else 60,
        )
        session.speakers.set([people[key] for key in speakers if key in people])
        starts_at = room = None
        if place is not None:
            offset, start, room_name = place
            starts_at = _at(summit, cso_day + dt.timedelta(days=offset), start)
            room = rooms.get(room_name)
        Slot.objects.create(
            session=session,
            room=room,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=75) if starts_at else None,
        )
        titles[title] = session
    for key, starred in STARS.items():
        if key in people:
            Star.objects.bulk_create(Star(session=titles[t], user=people[key]) for t in starred)
    release_programme(summit, by=None, comment="First programme.")
