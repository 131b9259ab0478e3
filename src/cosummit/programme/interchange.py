"""A conference schedule as plain data, and the standard files that carry it.

Two formats are read and written: the frab `schedule.xml` (pentabarf, frab,
pretalx and FOSDEM publish it; conference apps such as Giggity and
EventFahrplan read it) and the c3voc `schedule.json`. Both describe the same
thing: a conference, its days, its rooms and its events with their speakers.

Reading is lenient, because real files do not all follow the schemas: an
event without a usable start or duration is skipped and reported in
`Schedule.problems`; a missing or malformed guid is replaced by a stable one
derived from what the event has. Writing is strict: what `write_frab_xml` and
`write_c3voc_json` produce validates against the c3voc XSD and JSON schema.

No ORM here: `exports.py` and `imports.py` turn these dataclasses into rows
and back, and the scheduler benchmark reads them directly.
"""

import dataclasses
import datetime as dt
import json
import re
import uuid
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext
from lxml import etree

#: Namespace of the guids this module derives, so that the same file read
#: twice gives the same guids.
GUID_NAMESPACE = uuid.UUID("6f0a4f4e-64b4-4f8f-9d55-0c7a0b1a3c21")

GENERATOR_NAME = "cosummit"


def _(message: str) -> str:
    # The scheduler benchmark reads files without configuring Django; messages
    # are then left in English rather than failing.
    return gettext(message) if settings.configured else message


class ScheduleFormatError(ValueError):
    """The data is not a schedule this module can read at all."""


@dataclasses.dataclass
class Person:
    name: str
    id: int | None = None
    guid: str = ""
    code: str = ""


@dataclasses.dataclass
class Link:
    url: str
    title: str = ""


@dataclasses.dataclass
class Event:
    guid: str
    title: str
    start: dt.datetime
    duration: int  # minutes
    room: str
    id: int | None = None
    code: str = ""
    slug: str = ""
    subtitle: str = ""
    abstract: str = ""
    description: str = ""
    track: str = ""
    type: str = ""
    language: str = ""
    url: str = ""
    persons: list[Person] = dataclasses.field(default_factory=list)
    links: list[Link] = dataclasses.field(default_factory=list)

    @property
    def end(self) -> dt.datetime:
        return self.start + dt.timedelta(minutes=self.duration)


@dataclasses.dataclass
class Room:
    name: str
    guid: str = ""


@dataclasses.dataclass
class Track:
    name: str
    slug: str = ""
    color: str = ""


@dataclasses.dataclass
class Day:
    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime


@dataclasses.dataclass
class Conference:
    acronym: str
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    time_zone_name: str = ""
    timeslot_duration: int = 5  # minutes
    base_url: str = ""
    url: str = ""

    @property
    def tz(self) -> dt.tzinfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone_name) if self.time_zone_name else dt.UTC
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return dt.UTC


@dataclasses.dataclass
class Schedule:
    conference: Conference
    version: str = ""
    days: list[Day] = dataclasses.field(default_factory=list)
    rooms: list[Room] = dataclasses.field(default_factory=list)
    tracks: list[Track] = dataclasses.field(default_factory=list)
    events: list[Event] = dataclasses.field(default_factory=list)
    # What the reader skipped or repaired, one sentence each.
    problems: list[str] = dataclasses.field(default_factory=list)


# Parsing helpers shared by both readers -----------------------------------

_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")


#: The longest duration read, in minutes (the most a session holds): a
#: longer one is no usable duration, and would overflow the event's end.
MAX_DURATION = 32767


def _is_number(text: str) -> bool:
    """Whether `text` is ASCII digits: `str.isdigit` also accepts "²", which int() refuses."""
    return text.isascii() and text.isdigit()


def parse_duration(text: str | None) -> int | None:
    """Minutes in "HH:MM", "HH:MM:SS", "D:HH:MM:SS" or a plain number of minutes.

    Seconds are dropped: no conference schedules to the second. None when
    the text is none of these, or longer than `MAX_DURATION`.
    """
    parts = (text or "").strip().split(":")
    if not all(_is_number(part) for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if len(numbers) == 1:
        minutes = numbers[0]
        return minutes if minutes <= MAX_DURATION else None
    if len(numbers) == 2:
        hours, minutes = numbers
    elif len(numbers) == 3:
        hours, minutes, _seconds = numbers
    elif len(numbers) == 4:
        days, hours, minutes, _seconds = numbers
        hours += days * 24
    else:
        return None
    total = hours * 60 + minutes
    return total if total <= MAX_DURATION else None


def _parse_datetime(text: str | None, tz: dt.tzinfo) -> dt.datetime | None:
    if not text:
        return None
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def _parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def _parse_int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _is_number(value.strip()):
        return int(value.strip())
    return None


def _guid(value, *, fallback: str) -> str:
    """A canonical UUID string: the given one when valid, else derived from `fallback`."""
    if isinstance(value, str) and _GUID.match(value.strip()):
        return str(uuid.UUID(value.strip()))
    return str(uuid.uuid5(GUID_NAMESPACE, fallback))


def _event_start(
    *, date_text: str | None, start_text: str | None, day_date: dt.date | None, tz: dt.tzinfo
) -> dt.datetime | None:
    """The event's start: the full `date` when it has a time, else the day's date and `start`."""
    start = _parse_datetime(date_text, tz) if date_text and "T" in date_text else None
    if start is not None:
        return start
    clock = _CLOCK.match(start_text or "")
    on = _parse_date(date_text) or day_date
    if clock is None or on is None:
        return None
    hours, minutes = int(clock.group(1)), int(clock.group(2))
    if minutes > 59:
        return None
    if hours > 23:
        # Some files write 25:30 for half past one after midnight.
        on += dt.timedelta(days=hours // 24)
        hours %= 24
    return dt.datetime.combine(on, dt.time(hours, minutes), tzinfo=tz)


def _finish(schedule: Schedule) -> Schedule:
    """Rooms, tracks and days the file did not list but its events use."""
    known_rooms = {room.name for room in schedule.rooms}
    for event in schedule.events:
        if event.room not in known_rooms:
            schedule.rooms.append(Room(name=event.room))
            known_rooms.add(event.room)
    for room in schedule.rooms:
        room.guid = _guid(room.guid, fallback=f"{schedule.conference.acronym}/room/{room.name}")
    known_tracks = {track.name for track in schedule.tracks}
    for event in schedule.events:
        if event.track and event.track not in known_tracks:
            schedule.tracks.append(Track(name=event.track))
            known_tracks.add(event.track)
    if not schedule.days:
        schedule.days = days_for_events(schedule.events, schedule.conference.tz)
    schedule.events.sort(key=lambda event: (event.start, event.room, event.title))
    return schedule


def days_for_events(events: Iterable[Event], tz: dt.tzinfo) -> list[Day]:
    """One day per local date that has events, from midnight to midnight."""
    dates = sorted({event.start.astimezone(tz).date() for event in events})
    return [_day(index, date, tz) for index, date in enumerate(dates, start=1)]


def _day(index: int, date: dt.date, tz: dt.tzinfo, *, start=None, end=None) -> Day:
    """A programme day; without `start` or `end`, from midnight to 23:59."""
    return Day(
        index=index,
        date=date,
        start=start or dt.datetime.combine(date, dt.time(0, 0), tzinfo=tz),
        end=end or dt.datetime.combine(date, dt.time(23, 59), tzinfo=tz),
    )


def _read_day(
    schedule: Schedule,
    *,
    index,
    position: int,
    date_text: str | None,
    start_text: str | None,
    end_text: str | None,
    tz: dt.tzinfo,
) -> dt.date | None:
    """Add a day read from a file to `schedule.days`; return its date, None when it has none.

    A day without a date takes its start's; one without either is not added.
    """
    date = _parse_date(date_text)
    start = _parse_datetime(start_text, tz)
    end = _parse_datetime(end_text, tz)
    if date is None and start is not None:
        date = start.date()
    if date is not None:
        schedule.days.append(_day(_parse_int(index) or position, date, tz, start=start, end=end))
    return date


def _add_event(schedule: Schedule, event: Event | None, seen_guids: set[str]) -> None:
    """Add a read event to `schedule.events`, unless it was skipped or repeats a guid."""
    if event is None:
        return
    if event.guid in seen_guids:
        schedule.problems.append(
            _("Event “%(title)s” repeats the guid %(guid)s; it was skipped.")
            % {"title": event.title, "guid": event.guid}
        )
        return
    seen_guids.add(event.guid)
    schedule.events.append(event)


#: Event fields that both formats carry as plain text under the same name.
_EVENT_TEXTS = (
    "slug",
    "subtitle",
    "abstract",
    "description",
    "track",
    "type",
    "language",
    "url",
)


def _overflows(start: dt.datetime, duration: int) -> bool:
    """Whether the event would end after the last day a datetime holds."""
    try:
        start + dt.timedelta(minutes=duration)
    except OverflowError:
        return True
    return False


def _skipped(*, start, duration, room, label: str, problems: list[str]) -> bool:
    """Whether an event read from a file lacks a start, a duration or a room.

    Side effect: when it does, a sentence in `problems` says it was skipped.
    """
    if start is None or duration is None or not room or _overflows(start, duration):
        problems.append(
            _("Event “%(title)s” has no readable start, duration or room; it was skipped.")
            % {"title": label}
        )
        return True
    return False


def _new_event(
    text,
    *,
    guid,
    event_id: int | None,
    code: str,
    title: str,
    start: dt.datetime,
    duration: int,
    room: str,
    persons: list[Person],
    links: list[Link],
    acronym: str,
) -> Event:
    """An event read from a file; `text(name)` reads each of `_EVENT_TEXTS`."""
    return Event(
        guid=_guid(
            guid,
            fallback=f"{acronym}/event/{event_id or ''}/{title}/{start.isoformat()}",
        ),
        id=event_id,
        code=code,
        title=title,
        start=start,
        duration=duration,
        room=room,
        **{name: text(name) for name in _EVENT_TEXTS},
        persons=persons,
        links=links,
    )


# frab XML --------------------------------------------------------------------


def _xml_parser() -> etree.XMLParser:
    # No entity expansion (billion laughs, external entities), no network,
    # no DTD, and lxml's limits on depth and text size left on.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _text(element, path: str) -> str:
    found = element.find(path)
    if found is None:
        return ""
    return "".join(found.itertext()).strip()


def read_frab_xml(data: bytes) -> Schedule:
    """A schedule from a frab/pentabarf `schedule.xml`.

    Raises ScheduleFormatError when the data is not XML or not a schedule.
    """
    try:
        root = etree.fromstring(data, parser=_xml_parser())
    except etree.XMLSyntaxError as error:
        raise ScheduleFormatError(
            _("The file is not valid XML: %(error)s") % {"error": error}
        ) from error
    if not isinstance(root.tag, str) or etree.QName(root).localname != "schedule":
        raise ScheduleFormatError(_("The XML file is not a schedule: its root is not <schedule>."))
    conference_element = root.find("conference")
    if conference_element is None:
        raise ScheduleFormatError(_("The schedule has no <conference> element."))
    conference = Conference(
        acronym=_text(conference_element, "acronym"),
        title=_text(conference_element, "title"),
        start=_parse_date(_text(conference_element, "start")),
        end=_parse_date(_text(conference_element, "end")),
        time_zone_name=_text(conference_element, "time_zone_name"),
        timeslot_duration=parse_duration(_text(conference_element, "timeslot_duration")) or 5,
        base_url=_text(conference_element, "base_url"),
        url=_text(conference_element, "url"),
    )
    tz = conference.tz
    schedule = Schedule(conference=conference, version=_text(root, "version"))
    # Tracks are listed in <conference><track name=…> (c3voc) or in a
    # top-level <tracks><track>name</track> (FOSDEM, pentabarf).
    for track_element in [*conference_element.iter("track"), *root.findall("tracks/track")]:
        name = (track_element.get("name") or "".join(track_element.itertext())).strip()
        if name and name not in {track.name for track in schedule.tracks}:
            schedule.tracks.append(
                Track(
                    name=name,
                    slug=track_element.get("slug", ""),
                    color=track_element.get("color", ""),
                )
            )
    seen_guids: set[str] = set()
    for position, day_element in enumerate(root.findall("day"), start=1):
        day_date = _read_day(
            schedule,
            index=day_element.get("index"),
            position=position,
            date_text=day_element.get("date"),
            start_text=day_element.get("start"),
            end_text=day_element.get("end"),
            tz=tz,
        )
        for room_element in day_element.findall("room"):
            room_name = (room_element.get("name") or "").strip()
            if room_name and room_name not in {room.name for room in schedule.rooms}:
                schedule.rooms.append(Room(name=room_name, guid=room_element.get("guid", "")))
            for event_element in room_element.findall("event"):
                event = _frab_event(
                    event_element,
                    room_name=room_name,
                    day_date=day_date,
                    tz=tz,
                    acronym=conference.acronym,
                    problems=schedule.problems,
                )
                _add_event(schedule, event, seen_guids)
    return _finish(schedule)


def _frab_event(element, *, room_name, day_date, tz, acronym, problems) -> Event | None:
    title = _text(element, "title")
    label = title or element.get("guid") or element.get("id") or "?"
    start = _event_start(
        date_text=_text(element, "date"),
        start_text=_text(element, "start"),
        day_date=day_date,
        tz=tz,
    )
    duration = parse_duration(_text(element, "duration"))
    room = _text(element, "room") or room_name
    if _skipped(start=start, duration=duration, room=room, label=label, problems=problems):
        return None
    persons = []
    for person_element in element.findall("persons/person"):
        name = "".join(person_element.itertext()).strip()
        if name:
            persons.append(
                Person(
                    name=name,
                    id=_parse_int(person_element.get("id")),
                    guid=person_element.get("guid", ""),
                )
            )
    links = [
        Link(url=link.get("href", "").strip(), title="".join(link.itertext()).strip())
        for link in element.findall("links/link")
        if link.get("href", "").strip()
    ]
    return _new_event(
        lambda name: _text(element, name),
        guid=element.get("guid"),
        event_id=_parse_int(element.get("id")),
        code=element.get("code", ""),
        title=title,
        start=start,
        duration=duration,
        room=room,
        persons=persons,
        links=links,
        acronym=acronym,
    )


# c3voc JSON -------------------------------------------------------------------


def _string(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def read_c3voc_json(data: bytes) -> Schedule:
    """A schedule from a c3voc `schedule.json` (as frab and pretalx export it).

    Raises ScheduleFormatError when the data is not JSON or not a schedule.
    """
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise ScheduleFormatError(
            _("The file is not valid JSON: %(error)s") % {"error": error}
        ) from error
    schedule_data = document.get("schedule") if isinstance(document, dict) else None
    conference_data = schedule_data.get("conference") if isinstance(schedule_data, dict) else None
    if not isinstance(conference_data, dict):
        raise ScheduleFormatError(
            _("The JSON file is not a schedule: it has no “schedule” with a “conference”.")
        )
    conference = Conference(
        acronym=_string(conference_data.get("acronym")),
        title=_string(conference_data.get("title")),
        start=_parse_date(_string(conference_data.get("start"))),
        end=_parse_date(_string(conference_data.get("end"))),
        time_zone_name=_string(conference_data.get("time_zone_name")),
        timeslot_duration=parse_duration(_string(conference_data.get("timeslot_duration"))) or 5,
        base_url=_string(schedule_data.get("base_url")),
        url=_string(conference_data.get("url")),
    )
    tz = conference.tz
    schedule = Schedule(conference=conference, version=_string(schedule_data.get("version")))
    for room_data in conference_data.get("rooms") or []:
        if isinstance(room_data, dict) and _string(room_data.get("name")):
            schedule.rooms.append(
                Room(name=_string(room_data.get("name")), guid=_string(room_data.get("guid")))
            )
    for track_data in conference_data.get("tracks") or []:
        if isinstance(track_data, dict) and _string(track_data.get("name")):
            schedule.tracks.append(
                Track(
                    name=_string(track_data.get("name")),
                    slug=_string(track_data.get("slug")),
                    color=_string(track_data.get("color")),
                )
            )
    seen_guids: set[str] = set()
    days = conference_data.get("days")
    for position, day_data in enumerate(days if isinstance(days, list) else [], start=1):
        if not isinstance(day_data, dict):
            continue
        day_date = _read_day(
            schedule,
            index=day_data.get("index"),
            position=position,
            date_text=_string(day_data.get("date")),
            start_text=_string(day_data.get("day_start")),
            end_text=_string(day_data.get("day_end")),
            tz=tz,
        )
        rooms = day_data.get("rooms")
        for room_name, events in (rooms if isinstance(rooms, dict) else {}).items():
            for event_data in events if isinstance(events, list) else []:
                if not isinstance(event_data, dict):
                    continue
                event = _c3voc_event(
                    event_data,
                    room_name=room_name.strip(),
                    day_date=day_date,
                    tz=tz,
                    acronym=conference.acronym,
                    problems=schedule.problems,
                )
                _add_event(schedule, event, seen_guids)
    return _finish(schedule)


def _c3voc_event(data: dict, *, room_name, day_date, tz, acronym, problems) -> Event | None:
    title = _string(data.get("title"))
    label = title or _string(data.get("guid")) or _string(data.get("id")) or "?"
    start = _event_start(
        date_text=_string(data.get("date")),
        start_text=_string(data.get("start")),
        day_date=day_date,
        tz=tz,
    )
    duration = parse_duration(_string(data.get("duration")))
    if duration is None and start is not None:
        end = _parse_datetime(_string(data.get("end")), tz)
        if end is not None and end >= start:
            duration = int((end - start).total_seconds() // 60)
    room = _string(data.get("room")) or room_name
    if _skipped(start=start, duration=duration, room=room, label=label, problems=problems):
        return None
    persons = []
    for person_data in data.get("persons") or []:
        if not isinstance(person_data, dict):
            continue
        name = _string(person_data.get("name")) or _string(person_data.get("public_name"))
        if name:
            persons.append(
                Person(
                    name=name,
                    id=_parse_int(person_data.get("id")),
                    guid=_string(person_data.get("guid")),
                    code=_string(person_data.get("code")),
                )
            )
    links = [
        Link(url=_string(link.get("url")), title=_string(link.get("title")))
        for link in data.get("links") or []
        if isinstance(link, dict) and _string(link.get("url"))
    ]
    return _new_event(
        lambda name: _string(data.get(name)),
        guid=data.get("guid"),
        event_id=_parse_int(data.get("id")),
        code=_string(data.get("code")),
        title=title,
        start=start,
        duration=duration,
        room=room,
        persons=persons,
        links=links,
        acronym=acronym,
    )


def read_schedule(data: bytes, *, format: str | None = None) -> Schedule:
    """Read frab XML or c3voc JSON; without `format`, guess from the first character."""
    if format is None:
        format = "c3voc" if data.lstrip()[:1] in (b"{", b"[") else "frab"
    if format == "frab":
        return read_frab_xml(data)
    if format == "c3voc":
        return read_c3voc_json(data)
    raise ScheduleFormatError(_("Unknown schedule format: %(format)s.") % {"format": format})


# Writing ------------------------------------------------------------------------
# Writers live in interchange_writers.py to keep each module short; they are
# re-exported here so that callers need one import.

from .interchange_writers import write_c3voc_json, write_frab_xml  # noqa: E402

__all__ = [
    "Conference",
    "Day",
    "Event",
    "Link",
    "Person",
    "Room",
    "Schedule",
    "ScheduleFormatError",
    "Track",
    "read_c3voc_json",
    "read_frab_xml",
    "read_schedule",
    "write_c3voc_json",
    "write_frab_xml",
]
