"""The public agenda's arrangement of released slots: days, filters, the grid, clashes.

Works on slots already read (with `queries.released_slots`): a release holds a
few hundred sessions, which are filtered, grouped and laid out in Python so
that a page costs the same few queries whatever it shows.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from .models import Session, Slot

# The grid's CSS (static/programme/agenda.css) has classes for these many row
# lines and room columns; a busier day is shown as a list.
MAX_GRID_ROW_LINES = 120
MAX_GRID_ROOMS = 40


def normalise(text: str) -> str:
    """Lower case without accents, for searching “données” with “donnees”."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class AgendaFilters:
    track: str = ""
    format: int | None = None
    language: str = ""
    room: int | None = None
    interpretation: str = ""
    q: str = ""

    @property
    def is_active(self) -> bool:
        return any((self.track, self.format, self.language, self.room, self.interpretation, self.q))


def search_text(session: Session) -> str:
    """What search reads of a session: title, abstract and speakers' names."""
    names = " ".join(speaker.name for speaker in session.speakers.all())
    return normalise(f"{session.title} {session.abstract} {names}")


def matches(slot: Slot, filters: AgendaFilters) -> bool:
    session = slot.session
    if filters.track and (session.track is None or session.track.slug != filters.track):
        return False
    if filters.format is not None and session.format_id != filters.format:
        return False
    if filters.language and session.language != filters.language:
        return False
    if filters.room is not None and slot.room_id != filters.room:
        return False
    if filters.interpretation and filters.interpretation not in (session.interpretation or []):
        return False
    if filters.q:
        text = search_text(session)
        if not all(word in text for word in normalise(filters.q).split()):
            return False
    return True


def filter_slots(slots: list[Slot], filters: AgendaFilters) -> list[Slot]:
    if not filters.is_active:
        return list(slots)
    return [slot for slot in slots if matches(slot, filters)]


def local_date(slot: Slot, tz) -> dt.date:
    return slot.starts_at.astimezone(tz).date()


def by_day(slots: list[Slot], tz) -> dict[dt.date, list[Slot]]:
    """The slots of each day, in the summit's time zone, days in order."""
    days: dict[dt.date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(local_date(slot, tz), []).append(slot)
    return dict(sorted(days.items()))


def by_start(slots: list[Slot]) -> list[tuple[dt.datetime, list[Slot]]]:
    """The slots grouped by the time they start, for the list view."""
    groups: dict[dt.datetime, list[Slot]] = {}
    for slot in slots:
        groups.setdefault(slot.starts_at, []).append(slot)
    return sorted(groups.items(), key=lambda group: group[0])


def is_whole_venue(slot: Slot) -> bool:
    return slot.session.takes_whole_venue


# The grid


@dataclass
class GridItem:
    """A session's box in the grid: CSS grid lines (1-based) of its rows and room column."""

    slot: Slot
    row_start: int
    row_end: int
    column: int | None  # None: the whole venue, every room's column

    @property
    def css(self) -> str:
        classes = [f"gr-s{self.row_start}", f"gr-e{self.row_end}"]
        if self.column is None:
            classes.append("agenda-grid__item--whole")
        else:
            classes.append(f"gc-{self.column}")
        return " ".join(classes)


@dataclass
class GridTime:
    """A time label in the grid's first column."""

    starts_at: dt.datetime
    row_start: int
    items: list[GridItem] = field(default_factory=list)

    @property
    def css(self) -> str:
        return f"gr-s{self.row_start} gr-e{self.row_start + 1}"


@dataclass
class Grid:
    rooms: list  # the rooms, in column order from column line 2
    times: list[GridTime]  # each start time with the boxes that start then, in page order
    column_count_class: str

    @property
    def room_heads(self) -> list[tuple[object, str]]:
        """Each room (None: no room yet) with the CSS classes of its heading cell."""
        return [(room, f"gr-s1 gr-e2 gc-{index + 2}") for index, room in enumerate(self.rooms)]


def day_grid(slots: list[Slot]) -> Grid | None:
    """The grid of one day's slots: rooms across, time down; None when too big for it.

    Row lines are the day's distinct start and end times, so that a session
    spans from the line of its start to the line of its end, and sessions
    starting together share a row. Fixed items holding the whole venue span
    every room. Slots with no room get a column of their own, last.
    """
    rooms = []
    seen = set()
    has_roomless = False
    for slot in sorted(
        slots, key=lambda s: (s.room.position, s.room_id) if s.room_id else (1 << 30, 0)
    ):
        if is_whole_venue(slot):
            continue
        if slot.room_id is None:
            has_roomless = True
        elif slot.room_id not in seen:
            seen.add(slot.room_id)
            rooms.append(slot.room)
    if has_roomless:
        rooms.append(None)
    boundaries = sorted({slot.starts_at for slot in slots} | {slot.ends_at for slot in slots})
    # Line 1 is the rooms' heading row; the first time starts at line 2.
    line_of = {moment: index + 2 for index, moment in enumerate(boundaries)}
    if len(boundaries) + 2 > MAX_GRID_ROW_LINES or len(rooms) > MAX_GRID_ROOMS:
        return None
    column_of = {room.pk if room else None: index + 2 for index, room in enumerate(rooms)}
    times: dict[dt.datetime, GridTime] = {}
    for slot in slots:
        start = line_of[slot.starts_at]
        # A session of no length still gets a row to show in.
        end = max(line_of[slot.ends_at], start + 1)
        column = None if is_whole_venue(slot) else column_of[slot.room_id]
        time = times.setdefault(slot.starts_at, GridTime(starts_at=slot.starts_at, row_start=start))
        time.items.append(GridItem(slot=slot, row_start=start, row_end=end, column=column))
    ordered = sorted(times.values(), key=lambda time: time.starts_at)
    for time in ordered:
        time.items.sort(key=lambda item: (item.column is not None, item.column or 0))
    return Grid(
        rooms=rooms,
        times=ordered,
        column_count_class=f"agenda-grid--rooms-{len(rooms)}",
    )


# A participant's own agenda


def overlaps(first: Slot, second: Slot) -> bool:
    return first.starts_at < second.ends_at and second.starts_at < first.ends_at


def clashes(slots: list[Slot]) -> dict[int, list[Slot]]:
    """For each slot's session, the other slots among `slots` that overlap it in time."""
    ordered = sorted(slots, key=lambda slot: (slot.starts_at, slot.ends_at))
    found: dict[int, list[Slot]] = {}
    for index, slot in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.starts_at >= slot.ends_at:
                break
            if overlaps(slot, other):
                found.setdefault(slot.session_id, []).append(other)
                found.setdefault(other.session_id, []).append(slot)
    return found


# The venue screens


@dataclass
class RoomNow:
    room: object
    now: Slot | None
    next: Slot | None


def now_and_next(slots: list[Slot], moment: dt.datetime, tz) -> tuple[list[Slot], list[RoomNow]]:
    """What runs at `moment` and what starts next the same day, room by room.

    Returns the whole-venue items running now, then one entry per room that
    has something running or still to come that day (rooms in their order).
    """
    today = moment.astimezone(tz).date()
    whole_venue_now = [
        slot for slot in slots if is_whole_venue(slot) and slot.starts_at <= moment < slot.ends_at
    ]
    rooms: dict[int, RoomNow] = {}
    for slot in sorted(slots, key=lambda s: s.starts_at):
        if is_whole_venue(slot) or slot.room_id is None:
            continue
        if slot.starts_at <= moment < slot.ends_at:
            entry = rooms.setdefault(slot.room_id, RoomNow(room=slot.room, now=None, next=None))
            entry.now = slot
        elif slot.starts_at > moment and local_date(slot, tz) == today:
            entry = rooms.setdefault(slot.room_id, RoomNow(room=slot.room, now=None, next=None))
            if entry.next is None:
                entry.next = slot
    ordered = sorted(rooms.values(), key=lambda entry: (entry.room.position, entry.room.pk))
    return whole_venue_now, ordered


def next_whole_venue(slots: list[Slot], moment: dt.datetime, tz) -> Slot | None:
    """The next break, meal or plenary later the same day."""
    today = moment.astimezone(tz).date()
    later = [
        slot
        for slot in slots
        if is_whole_venue(slot) and slot.starts_at > moment and local_date(slot, tz) == today
    ]
    return min(later, key=lambda slot: slot.starts_at) if later else None
