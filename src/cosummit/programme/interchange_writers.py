"""Writing a `Schedule` as frab `schedule.xml` and c3voc `schedule.json`.

The output is strict: it validates against the c3voc XSD and JSON schema
whatever the schedule holds. Values those schemas would refuse are repaired
here rather than trusted: acronyms and slugs are rebuilt from their
patterns, ids and guids made unique, URLs that are not http(s) dropped from
the XML, characters XML cannot carry removed, and every event is put in a
day that covers it.
"""

import dataclasses
import datetime as dt
import json
import re
import uuid

from django.utils.text import slugify
from lxml import etree

from .interchange import GENERATOR_NAME, GUID_NAMESPACE, Event, Schedule

_EVENT_SLUG = re.compile(r"^[a-z0-9_]{4,}-[a-z0-9\-_]{3,}[a-z0-9]$")
_TRACK_SLUG = re.compile(r"^[a-z][a-z0-9-]*[a-z0-9]$")
_CODE = re.compile(r"^[0-9A-Z]{6}$")
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_GUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_HTTP_URL = re.compile(r"^https?://\S+$")
# The JSON schema accepts "Area/City" names and "UTC" only.
_JSON_TIME_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
# Characters XML 1.0 cannot carry at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclasses.dataclass
class _PreparedEvent:
    event: Event
    id: int
    slug: str
    code: str
    guid: str
    local_start: dt.datetime


@dataclasses.dataclass
class _PreparedDay:
    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    # Room name → its events in order of start.
    rooms: dict[str, list[_PreparedEvent]]


def _acronym(schedule: Schedule) -> str:
    acronym = re.sub(r"[^a-z0-9_]+", "_", schedule.conference.acronym.lower()).strip("_")
    if not acronym:
        acronym = re.sub(r"[^a-z0-9_]+", "_", slugify(schedule.conference.title)).strip("_")
    acronym = acronym or "conference"
    if len(acronym) < 4:
        acronym = f"{acronym}_conf"
    return acronym


def _guid(value: str, *, fallback: str) -> str:
    if value and _GUID.match(value):
        return value.lower()
    return str(uuid.uuid5(GUID_NAMESPACE, fallback))


def _clock(value: dt.datetime) -> str:
    return value.strftime("%H:%M")


def _hours_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _iso(value: dt.datetime) -> str:
    return value.replace(microsecond=0).isoformat()


def _prepare(schedule: Schedule) -> tuple[str, list[_PreparedDay]]:
    """Events with unique ids, guids and slugs, grouped into days and rooms."""
    tz = schedule.conference.tz
    acronym = _acronym(schedule)
    used_ids = {event.id for event in schedule.events if event.id and event.id > 0}
    next_id = max(used_ids, default=0) + 1
    seen_ids: set[int] = set()
    seen_slugs: set[str] = set()
    seen_codes: set[str] = set()
    seen_guids: set[str] = set()
    prepared: list[_PreparedEvent] = []
    for event in sorted(schedule.events, key=lambda event: (event.start, event.room)):
        event_id = event.id if event.id and event.id > 0 and event.id not in seen_ids else None
        if event_id is None:
            event_id = next_id
            next_id += 1
        seen_ids.add(event_id)
        slug = event.slug.lower()
        if not _EVENT_SLUG.match(slug) or slug in seen_slugs:
            title_slug = slugify(event.title)[:60].strip("-_") or "event"
            slug = f"{acronym}-{event_id}-{title_slug}"
        while slug in seen_slugs:
            slug = f"{slug}-{event_id}"
        seen_slugs.add(slug)
        code = event.code if _CODE.match(event.code) and event.code not in seen_codes else ""
        seen_codes.add(code)
        guid = _guid(event.guid, fallback=f"{acronym}/{event_id}")
        if guid in seen_guids:
            guid = str(uuid.uuid5(GUID_NAMESPACE, f"{acronym}/{event_id}/{guid}"))
        seen_guids.add(guid)
        prepared.append(
            _PreparedEvent(
                event=event,
                id=event_id,
                slug=slug,
                code=code,
                guid=guid,
                local_start=event.start.astimezone(tz),
            )
        )

    days = [
        _PreparedDay(
            index=0,
            date=day.date,
            start=day.start.astimezone(tz),
            end=day.end.astimezone(tz),
            rooms={},
        )
        for day in sorted(schedule.days, key=lambda day: day.start)
    ]
    for item in prepared:
        day = _day_for(days, item.local_start)
        if day is None:
            date = item.local_start.date()
            day = _PreparedDay(
                index=0,
                date=date,
                start=dt.datetime.combine(date, dt.time(0, 0), tzinfo=tz),
                end=dt.datetime.combine(date, dt.time(23, 59), tzinfo=tz),
                rooms={},
            )
            days.append(day)
            days.sort(key=lambda day: day.start)
        # A day must cover its events, or clients put them on the wrong day.
        day.start = min(day.start, item.local_start)
        day.end = max(day.end, item.event.end.astimezone(tz))
        day.rooms.setdefault(item.event.room, []).append(item)
    if not days:
        # The XSD wants at least one day, even for a schedule with no events.
        date = schedule.conference.start or dt.date(1970, 1, 1)
        days.append(
            _PreparedDay(
                index=0,
                date=date,
                start=dt.datetime.combine(date, dt.time(0, 0), tzinfo=tz),
                end=dt.datetime.combine(date, dt.time(23, 59), tzinfo=tz),
                rooms={},
            )
        )
    room_order = {room.name: position for position, room in enumerate(schedule.rooms)}
    for index, day in enumerate(days, start=1):
        day.index = index
        day.rooms = dict(
            sorted(day.rooms.items(), key=lambda item: (room_order.get(item[0], 10**6), item[0]))
        )
    return acronym, days


def _day_for(days: list[_PreparedDay], start: dt.datetime) -> _PreparedDay | None:
    for day in days:
        if day.start <= start <= day.end:
            return day
    for day in days:
        if day.date == start.date():
            return day
    return None


def _conference_dates(schedule: Schedule, days: list[_PreparedDay]) -> tuple[dt.date, dt.date]:
    start = schedule.conference.start or days[0].date
    end = schedule.conference.end or days[-1].date
    return min(start, days[0].date), max(end, days[-1].date)


def _track_slug(track) -> str:
    slug = (track.slug or slugify(track.name)).lower().strip("-_")
    return slug if _TRACK_SLUG.match(slug) else ""


def _track_fields(track) -> dict[str, str]:
    """A track's name, with its slug and colour when they are valid, as both formats write them."""
    fields = {"name": track.name}
    if slug := _track_slug(track):
        fields["slug"] = slug
    if _HEX_COLOR.match(track.color):
        fields["color"] = track.color
    return fields


def _room_guid(schedule: Schedule, acronym: str, name: str) -> str:
    guids = {room.name: room.guid for room in schedule.rooms}
    return _guid(guids.get(name, ""), fallback=f"{acronym}/room/{name}")


# frab XML -------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text or "")


def _sub(parent, tag: str, text: str = "", **attributes) -> etree._Element:
    if attributes:
        element = etree.SubElement(
            parent, tag, {key: _clean(value) for key, value in attributes.items()}
        )
    else:
        element = etree.SubElement(parent, tag)
    if text:
        element.text = _clean(text)
    return element


def write_frab_xml(schedule: Schedule) -> bytes:
    """The schedule as a frab `schedule.xml` that validates against the c3voc XSD."""
    acronym, days = _prepare(schedule)
    conference = schedule.conference
    first, last = _conference_dates(schedule, days)

    root = etree.Element("schedule")
    _sub(root, "generator", name=GENERATOR_NAME)
    _sub(root, "version", schedule.version or "1")
    conference_element = _sub(root, "conference")
    _sub(conference_element, "acronym", acronym)
    _sub(conference_element, "title", conference.title or acronym)
    _sub(conference_element, "start", first.isoformat())
    _sub(conference_element, "end", last.isoformat())
    _sub(conference_element, "days", str(len(days)))
    _sub(conference_element, "timeslot_duration", _hours_minutes(conference.timeslot_duration))
    if _HTTP_URL.match(conference.base_url):
        _sub(conference_element, "base_url", conference.base_url)
    if _HTTP_URL.match(conference.url):
        _sub(conference_element, "url", conference.url)
    if conference.time_zone_name:
        _sub(conference_element, "time_zone_name", conference.time_zone_name)
    for track in schedule.tracks:
        _sub(conference_element, "track", track.name, **_track_fields(track))

    for day in days:
        day_element = _sub(
            root,
            "day",
            index=str(day.index),
            date=day.date.isoformat(),
            start=_iso(day.start),
            end=_iso(day.end),
        )
        for room_name, items in day.rooms.items():
            room_element = _sub(
                day_element,
                "room",
                name=room_name,
                guid=_room_guid(schedule, acronym, room_name),
            )
            for item in items:
                _frab_event(room_element, item)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _frab_event(parent, item: _PreparedEvent) -> None:
    event = item.event
    attributes = {"id": str(item.id), "guid": item.guid}
    if item.code:
        attributes["code"] = item.code
    element = _sub(parent, "event", **attributes)
    _sub(element, "date", _iso(item.local_start))
    _sub(element, "start", _clock(item.local_start))
    _sub(element, "duration", _hours_minutes(event.duration))
    _sub(element, "room", event.room)
    _sub(element, "slug", item.slug)
    if _HTTP_URL.match(event.url):
        _sub(element, "url", event.url)
    _sub(element, "title", event.title)
    _sub(element, "subtitle", event.subtitle)
    _sub(element, "track", event.track)
    _sub(element, "type", event.type)
    if event.language:
        _sub(element, "language", event.language)
    _sub(element, "abstract", event.abstract)
    _sub(element, "description", event.description)
    persons = _sub(element, "persons")
    for person in event.persons:
        attributes = {}
        if person.id is not None:
            attributes["id"] = str(person.id)
        if _GUID.match(person.guid):
            attributes["guid"] = person.guid.lower()
        _sub(persons, "person", person.name, **attributes)
    links = _sub(element, "links")
    for link in event.links:
        _sub(links, "link", link.title or link.url, href=link.url)


# c3voc JSON -------------------------------------------------------------------------


def write_c3voc_json(schedule: Schedule) -> bytes:
    """The schedule as a c3voc `schedule.json` that validates against its JSON schema."""
    acronym, days = _prepare(schedule)
    conference = schedule.conference
    first, last = _conference_dates(schedule, days)
    room_names = [room.name for room in schedule.rooms]
    for day in days:
        room_names.extend(name for name in day.rooms if name not in room_names)

    conference_data: dict = {
        "acronym": acronym,
        "title": conference.title or acronym,
        "start": first.isoformat(),
        "end": last.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": _hours_minutes(conference.timeslot_duration),
    }
    if _JSON_TIME_ZONE.search(conference.time_zone_name):
        conference_data["time_zone_name"] = conference.time_zone_name
    if conference.url:
        conference_data["url"] = conference.url
    conference_data["tracks"] = [_track_fields(track) for track in schedule.tracks]
    conference_data["rooms"] = [
        {"name": name, "guid": _room_guid(schedule, acronym, name)} for name in room_names
    ]
    conference_data["days"] = [
        {
            "index": day.index,
            "date": day.date.isoformat(),
            "day_start": _iso(day.start),
            "day_end": _iso(day.end),
            "rooms": {
                name: [_c3voc_event(item) for item in items] for name, items in day.rooms.items()
            },
        }
        for day in days
    ]
    schedule_data: dict = {"version": schedule.version or "1"}
    if conference.base_url:
        schedule_data["base_url"] = conference.base_url
    schedule_data["conference"] = conference_data
    document = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR_NAME},
        "schedule": schedule_data,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _c3voc_event(item: _PreparedEvent) -> dict:
    event = item.event
    guid = item.guid
    data: dict = {
        "guid": guid,
        "id": item.id,
        "date": _iso(item.local_start),
        "start": _clock(item.local_start),
        "end": _iso(event.end.astimezone(item.local_start.tzinfo)),
        "duration": _hours_minutes(event.duration),
        "room": event.room,
        "slug": item.slug,
        # The schema wants a URI for every event; a URN names it when it has
        # no page of its own.
        "url": event.url or f"urn:uuid:{guid}",
        "title": event.title,
        "subtitle": event.subtitle,
        "track": event.track or None,
        "type": event.type,
        "language": event.language or None,
        "abstract": event.abstract,
        "description": event.description,
        "persons": [_c3voc_person(person) for person in event.persons],
        "links": [
            {"url": link.url, "title": link.title or link.url} for link in event.links if link.url
        ],
    }
    if item.code:
        data["code"] = item.code
    return data


def _c3voc_person(person) -> dict:
    # The schema accepts a person either frab's way (id and public_name) or
    # pretalx's way (name), but not both at once.
    data: dict
    if person.id is not None:
        data = {"id": person.id, "public_name": person.name}
    else:
        data = {"name": person.name}
        if re.match(r"^[A-Z0-9]+$", person.code):
            data["code"] = person.code
    if _GUID.match(person.guid):
        data["guid"] = person.guid.lower()
    return data
