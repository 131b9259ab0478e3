"""Import a schedule file (frab XML, c3voc JSON) into a summit's working agenda.

Each event becomes a session placed in the working agenda, never in a
release: organisers review the result in the agenda builder and release it
themselves. Events are matched by guid, so that importing the same file
again updates the sessions instead of adding them twice.

Schedule files name speakers but give no e-mail address. A speaker is
matched to the session's current speakers by name; anyone else becomes an
account that cannot log in (no usable password) with an address under the
reserved `.invalid` domain (RFC 2606), which no mail can reach. The
address is derived from the summit and the speaker's identifier in the
file, so that importing again finds the same account.
"""

import dataclasses
import datetime as dt
import hashlib
import html
import logging
import re
import uuid
from collections import Counter, defaultdict

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from cosummit.accounts.models import User
from cosummit.proposals.models import SessionFormat, Track
from cosummit.summits.models import Room, Summit, Venue

from .interchange import GUID_NAMESPACE, Event, Person, Schedule
from .models import Day, Session, Slot

logger = logging.getLogger(__name__)

#: Domain of the addresses given to speakers imported without one.
IMPORTED_EMAIL_DOMAIN = "imported.invalid"
#: Capacity of a room the file names but the summit does not have yet; the
#: formats carry no capacity, so organisers set the real one afterwards.
IMPORTED_ROOM_CAPACITY = 100
ABSTRACT_LENGTH = 1500
# bulk_update builds one CASE per field and batch: small batches keep it linear.
UPDATE_BATCH = 100
SESSION_FIELDS = ("title", "abstract", "language", "duration", "track", "format")


def is_imported_address(email: str) -> bool:
    """Whether an address was made up for an imported speaker (and reaches nobody)."""
    return email.lower().endswith(".invalid")


@dataclasses.dataclass
class ImportResult:
    sessions_created: int = 0
    sessions_updated: int = 0
    rooms_created: int = 0
    days_created: int = 0
    tracks_created: int = 0
    speakers_created: int = 0
    problems: list[str] = dataclasses.field(default_factory=list)


def _names(value) -> set[str]:
    """Every translation of a translated name, compared without case."""
    return {text.casefold() for text in value.values() if text}


def plain_text(text: str) -> str:
    """Abstracts in schedule files are often HTML; sessions hold plain text."""
    without_tags = strip_tags(re.sub(r"</p>\s*<p>|<br\s*/?>", "\n\n", text or ""))
    return html.unescape(without_tags).strip()


def imported_address(summit: Summit, person: Person) -> str:
    """The made-up address of an imported speaker, the same at every import."""
    if person.guid:
        key = f"guid:{person.guid.lower()}"
    elif person.id is not None:
        key = f"id:{person.id}"
    else:
        key = f"name:{person.name.casefold()}"
    digest = hashlib.sha256(f"{summit.pk}\n{key}".encode()).hexdigest()[:20]
    return f"{summit.slug}-{digest}@{IMPORTED_EMAIL_DOMAIN}"


def import_schedule(summit: Summit, schedule: Schedule, *, by=None) -> ImportResult:
    """Put the schedule's events into the summit's working agenda.

    Side effects, in order, in one transaction:
    1. a Venue row when the summit has none, Room rows for rooms it lacks;
    2. Day rows for dates it lacks, and days widened to hold their events;
    3. Track rows for tracks it lacks;
    4. User rows, with no usable password, for speakers not found;
    5. Session rows written or updated (matched by guid), their speakers set;
    6. their working Slot rows written or moved to the event's room and time;
    7. a log entry.
    The schedule's reading problems are passed on in the result.
    """
    result = ImportResult(problems=list(schedule.problems))
    events = schedule.events
    with transaction.atomic():
        rooms = _rooms(summit, schedule, result)
        _days(summit, events, result)
        tracks = _tracks(summit, schedule, result)
        formats = _formats(summit)
        sessions = _sessions(summit, events, tracks, formats, result)
        _speakers(summit, events, sessions, result)
        _slots(events, sessions, rooms)
    logger.info(
        "Summit %s: schedule imported by %s, %s sessions created, %s updated.",
        summit.pk,
        f"user {by.pk}" if by is not None else "the command line",
        result.sessions_created,
        result.sessions_updated,
    )
    return result


def _rooms(summit: Summit, schedule: Schedule, result: ImportResult) -> dict[str, Room]:
    existing = list(Room.objects.filter(venue__summit=summit).order_by("position", "pk"))
    by_name = {name: room for room in existing for name in _names(room.name)}
    wanted = [room.name for room in schedule.rooms]
    wanted += [event.room for event in schedule.events if event.room not in wanted]
    missing = [name for name in dict.fromkeys(wanted) if name.casefold() not in by_name]
    if missing:
        venue = summit.venue or Venue.objects.filter(summit=summit).order_by("pk").first()
        if venue is None:
            venue = Venue.objects.create(
                summit=summit,
                name=schedule.conference.title or str(summit.name),
                city=summit.city,
                country=summit.country,
            )
        position = max((room.position for room in existing), default=0)
        created = Room.objects.bulk_create(
            Room(
                venue=venue,
                name=name[:200],
                capacity=IMPORTED_ROOM_CAPACITY,
                position=position + offset,
            )
            for offset, name in enumerate(missing, start=1)
        )
        result.rooms_created = len(created)
        by_name.update({name.casefold(): room for name, room in zip(missing, created, strict=True)})
    return {name: by_name[name.casefold()] for name in wanted}


def _days(summit: Summit, events: list[Event], result: ImportResult) -> None:
    tz = summit.tz
    by_date: dict = defaultdict(list)
    for event in events:
        by_date[event.start.astimezone(tz).date()].append(event)
    existing = {day.date: day for day in Day.objects.filter(summit=summit, date__in=by_date)}
    outside = sorted(date for date in by_date if not summit.start_date <= date <= summit.end_date)
    if outside:
        result.problems.append(
            _("Some sessions fall outside the summit's dates, on %(dates)s.")
            % {"dates": ", ".join(date.isoformat() for date in outside)}
        )
    new_days = []
    for date, day_events in sorted(by_date.items()):
        starts = min(event.start.astimezone(tz) for event in day_events).time()
        last_end = max(event.end.astimezone(tz) for event in day_events)
        # A day's times are times of that date: a session running past
        # midnight stretches its day to the last minute.
        last_minute = dt.time(23, 59)
        ends = last_end.time().replace(second=0, microsecond=0)
        if last_end.date() != date or ends <= starts:
            ends = last_minute
        if starts >= last_minute:
            starts = dt.time(23, 58)
        day = existing.get(date)
        if day is None:
            # The grid uses the day's most common session length, so that
            # most sessions fill one or more whole slots.
            durations = Counter(event.duration for event in day_events if event.duration >= 5)
            common = durations.most_common(1)[0][0] if durations else 60
            new_days.append(
                Day(
                    summit=summit,
                    date=date,
                    starts=starts,
                    ends=ends,
                    slot_minutes=min(common, 24 * 60),
                )
            )
            continue
        changed = []
        if starts < day.starts:
            day.starts = starts
            changed.append("starts")
        if ends > day.ends:
            day.ends = ends
            changed.append("ends")
        if changed:
            day.save(update_fields=changed)
    Day.objects.bulk_create(new_days)
    result.days_created = len(new_days)


def _tracks(summit: Summit, schedule: Schedule, result: ImportResult) -> dict[str, Track]:
    existing = list(Track.objects.filter(summit=summit))
    by_name = {name: track for track in existing for name in _names(track.name)}
    by_name.update({track.slug: track for track in existing})
    slugs = {track.slug for track in existing}
    used = {event.track for event in schedule.events if event.track}
    wanted = [track.name for track in schedule.tracks if track.name in used]
    wanted += sorted(used - set(wanted))
    position = max((track.position for track in existing), default=0)
    new_tracks = []
    for name in wanted:
        if name.casefold() in by_name or slugify(name) in by_name:
            continue
        base = slugify(name)[:50].strip("-") or "track"
        slug, number = base, 1
        while slug in slugs:
            number += 1
            slug = f"{base}-{number}"
        slugs.add(slug)
        position += 1
        track = Track(summit=summit, slug=slug, name=name[:150], position=position)
        new_tracks.append(track)
        by_name[name.casefold()] = track
    Track.objects.bulk_create(new_tracks)
    result.tracks_created = len(new_tracks)
    return {name: by_name.get(name.casefold()) or by_name[slugify(name)] for name in wanted}


def _formats(summit: Summit) -> dict[str, SessionFormat]:
    formats = SessionFormat.objects.filter(call__summit=summit)
    return {name: item for item in formats for name in _names(item.name)}


def _session_guid(summit: Summit, event: Event, taken_elsewhere: set[str]) -> str:
    """The event's guid, or one derived from it when another summit's session holds it."""
    if event.guid in taken_elsewhere:
        return str(uuid.uuid5(GUID_NAMESPACE, f"summit/{summit.pk}/{event.guid}"))
    return event.guid


def _sessions(summit, events, tracks, formats, result: ImportResult) -> dict[str, Session]:
    """The session of each event, by event guid, written or updated."""
    derived = {
        event.guid: str(uuid.uuid5(GUID_NAMESPACE, f"summit/{summit.pk}/{event.guid}"))
        for event in events
    }
    candidates = Session.objects.filter(guid__in=[*derived.keys(), *derived.values()])
    mine = {str(session.guid): session for session in candidates if session.summit_id == summit.pk}
    elsewhere = {str(session.guid) for session in candidates if session.summit_id != summit.pk}
    sessions: dict[str, Session] = {}
    new_sessions, changed_sessions = [], []
    now = timezone.now()
    for event in events:
        fields = {
            "title": Truncator(event.title or _("Untitled session")).chars(200),
            "abstract": Truncator(plain_text(event.abstract)).chars(ABSTRACT_LENGTH),
            "language": event.language[:10],
            "duration": min(event.duration, 32767),
            "track_id": tracks[event.track].pk if event.track else None,
            "format_id": formats[event.type.casefold()].pk
            if event.type.casefold() in formats
            else None,
        }
        session = mine.get(event.guid) or mine.get(derived[event.guid])
        if session is None:
            session = Session(summit=summit, guid=_session_guid(summit, event, elsewhere), **fields)
            new_sessions.append(session)
        else:
            result.sessions_updated += 1
            if any(getattr(session, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(session, name, value)
                session.updated_at = now
                changed_sessions.append(session)
        sessions[event.guid] = session
    Session.objects.bulk_create(new_sessions)
    Session.objects.bulk_update(
        changed_sessions, [*SESSION_FIELDS, "updated_at"], batch_size=UPDATE_BATCH
    )
    result.sessions_created = len(new_sessions)
    return sessions


def _speakers(summit, events, sessions: dict[str, Session], result: ImportResult) -> None:
    """Each session's speakers: its current ones by name, else imported accounts."""
    through = Session.speakers.through
    session_ids = [session.pk for session in sessions.values()]
    current: dict[int, dict[str, int]] = defaultdict(dict)
    for session_id, user_id, name in through.objects.filter(session_id__in=session_ids).values_list(
        "session_id", "user_id", "user__name"
    ):
        current[session_id][name.casefold()] = user_id

    addresses = {
        imported_address(summit, person): person for event in events for person in event.persons
    }
    accounts = {user.email: user for user in User.objects.filter(email__in=list(addresses))}
    missing = [
        User(email=email, name=person.name[:200], password=make_password(None))
        for email, person in addresses.items()
        if email not in accounts
    ]
    User.objects.bulk_create(missing)
    result.speakers_created = len(missing)
    accounts.update({user.email: user for user in missing})
    renamed = []
    for email, person in addresses.items():
        user = accounts[email]
        if user.name != person.name[:200]:
            user.name = person.name[:200]
            renamed.append(user)
    User.objects.bulk_update(renamed, ["name"], batch_size=UPDATE_BATCH)

    links = []
    for event in events:
        session = sessions[event.guid]
        known = current.get(session.pk, {})
        user_ids = []
        for person in event.persons:
            user_id = known.get(person.name.casefold())
            if user_id is None:
                user_id = accounts[imported_address(summit, person)].pk
            if user_id not in user_ids:
                user_ids.append(user_id)
        links += [through(session_id=session.pk, user_id=user_id) for user_id in user_ids]
    through.objects.filter(session_id__in=session_ids).delete()
    through.objects.bulk_create(links)


def _slots(events, sessions: dict[str, Session], rooms: dict[str, Room]) -> None:
    slots = {
        slot.session_id: slot
        for slot in Slot.objects.filter(
            session__in=[session.pk for session in sessions.values()], release=None
        )
    }
    new_slots, moved = [], []
    for event in events:
        session = sessions[event.guid]
        place = {"room_id": rooms[event.room].pk, "starts_at": event.start, "ends_at": event.end}
        slot = slots.get(session.pk)
        if slot is None:
            new_slots.append(Slot(session=session, **place))
            continue
        if any(getattr(slot, name) != value for name, value in place.items()):
            for name, value in place.items():
                setattr(slot, name, value)
            moved.append(slot)
    Slot.objects.bulk_create(new_slots)
    Slot.objects.bulk_update(moved, ["room", "starts_at", "ends_at"], batch_size=UPDATE_BATCH)
