"""Shared set-ups for the tests of scheduler runs, drafts and releases."""

import datetime as dt

from cosummit.core.models import Job
from tests.factories import PARIS, RoomFactory, VenueFactory
from tests.programme.factories import DayFactory, SessionFactory


def at(summit, hour: int, minute: int = 0, day: int = 0) -> dt.datetime:
    """An aware datetime on the summit's `day`-th day, in Paris time."""
    date = summit.start_date + dt.timedelta(days=day)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=PARIS)


def schedule_url(summit, tail: str = "", language: str = "en") -> str:
    return f"/{language}/organise/{summit.slug}/programme/{tail}"


def changes_url(summit, tail: str = "", language: str = "en") -> str:
    return f"/{language}/{summit.slug}/programme/changes/{tail}"


def rooms(summit, *capacities, **fields):
    venue = VenueFactory(summit=summit)
    return [
        RoomFactory(venue=venue, capacity=capacity, position=index, **fields)
        for index, capacity in enumerate(capacities)
    ]


def small_programme(summit):
    """One day 09:00–18:00 of 90-minute slots, two rooms, three sessions not placed."""
    day = DayFactory(summit=summit)
    room_a, room_b = rooms(summit, 100, 50)
    sessions = [SessionFactory(summit=summit, duration=60) for _ in range(3)]
    return day, [room_a, room_b], sessions


def done_job(summit, placements: dict, *, by=None, objective=None, working=None) -> Job:
    """A finished scheduler run whose draft places sessions as given: {session: (room, start)}."""
    return Job.objects.create(
        kind="programme.schedule",
        summit_slug=summit.slug,
        state=Job.State.DONE,
        created_by=by,
        arguments={"time_limit": 10, "mode": "scratch", "weights": {}},
        result={
            "mode": "scratch",
            "time_limit": 10,
            "weights": {
                "attendee_conflicts": 10,
                "over_capacity": 1,
                "track_rooms": 20,
                "popular_spread": 1,
                "changes": 100,
            },
            "status": "feasible",
            "objective": objective
            or {
                "attendee_conflicts": 2,
                "over_capacity": 0,
                "track_rooms": 0,
                "popular_spread": 3,
                "changes": 0,
            },
            "total": 23,
            "seconds": 1.5,
            "first_feasible_seconds": 0.1,
            "placements": {
                str(session.pk): {
                    "room": room.pk,
                    "starts_at": starts_at.isoformat(),
                    "ends_at": (starts_at + dt.timedelta(minutes=session.duration)).isoformat(),
                }
                for session, (room, starts_at) in placements.items()
            },
            "working": working,
        },
    )
