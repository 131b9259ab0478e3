"""A released programme for the public agenda's tests."""

import datetime as dt
import zoneinfo

from cosummit.programme.models import Slot
from tests.factories import RoomFactory, VenueFactory
from tests.programme.factories import ReleaseFactory, SessionFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(summit, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A time in Paris on the summit's `day`-th day (0 for the first)."""
    date = summit.start_date + dt.timedelta(days=day)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=PARIS)


def rooms(summit, *names: str):
    venue = VenueFactory(summit=summit)
    return [
        RoomFactory(venue=venue, name={"en": name, "fr": f"Salle {name}"}, position=index)
        for index, name in enumerate(names)
    ]


def released_session(release, *, room, starts_at, duration=60, **fields):
    """A session placed in `release` (and in the working agenda at the same place)."""
    session = SessionFactory(
        summit=release.summit, room=room, starts_at=starts_at, duration=duration, **fields
    )
    Slot.objects.create(
        session=session,
        release=release,
        room=room,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=duration),
    )
    return session


def release(summit, version: int = 1):
    return ReleaseFactory(summit=summit, version=version)


def agenda_url(summit, lang: str = "en") -> str:
    return f"/{lang}/{summit.slug}/programme/"
