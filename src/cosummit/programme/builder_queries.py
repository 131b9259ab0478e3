"""Reads of the agenda builder: the day grid, the sessions list, the unscheduled list.

Every read runs a constant number of queries whatever the number of sessions.
Callers have checked that the user organises the summit
(`summits.queries.get_summit_for_organiser`).
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cosummit.accounts.models import User
from cosummit.summits.models import Room

from .grid import day_slots
from .models import Day, Session, Slot, Unavailability
from .queries import with_session_details
from .warnings import AgendaWarning


def days_of(summit) -> list[Day]:
    return list(Day.objects.filter(summit=summit).prefetch_related("tracks"))


def rooms_of(summit) -> list[Room]:
    return list(
        Room.objects.filter(venue__summit=summit)
        .select_related("venue")
        .order_by("venue_id", "position", "pk")
    )


def get_day_or_404(summit, key: str) -> Day:
    """A day of the summit by its id or its date (YYYY-MM-DD)."""
    day = None
    if key.isdigit():
        day = Day.objects.filter(summit=summit, pk=int(key)).first()
    else:
        try:
            date = dt.date.fromisoformat(key)
        except ValueError:
            raise Http404 from None
        day = Day.objects.filter(summit=summit, date=date).first()
    if day is None:
        raise Http404
    return day


def get_day_for_summit(summit, day_id: int) -> Day:
    day = Day.objects.filter(summit=summit, pk=day_id).first()
    if day is None:
        raise Http404
    return day


def get_unavailability_or_404(summit, unavailability_id: int) -> Unavailability:
    found = Unavailability.objects.filter(summit=summit, pk=unavailability_id).first()
    if found is None:
        raise Http404
    return found


def get_session_for_builder(summit, session_id: int) -> Session:
    session = (
        Session.objects.filter(summit=summit, pk=session_id)
        .select_related("summit", "pitch_session", "format", "track")
        .first()
    )
    if session is None:
        raise Http404
    return session


def sessions_for_list(summit, *, q="", kind="", track=None, state="") -> QuerySet[Session]:
    """The summit's sessions with their working slot, speakers and pitch session."""
    sessions = (
        Session.objects.filter(summit=summit)
        .select_related("track", "format", "pitch_session")
        .prefetch_related(
            Prefetch("speakers", queryset=User.objects.order_by("name", "pk")),
            Prefetch(
                "slots",
                queryset=Slot.objects.filter(release__isnull=True).select_related("room"),
                to_attr="working_slots",
            ),
        )
        .order_by("title", "pk")
    )
    if q:
        sessions = sessions.filter(title__icontains=q)
    if kind:
        sessions = sessions.filter(kind=kind)
    if track is not None:
        sessions = sessions.filter(track=track)
    if state == "placed":
        sessions = sessions.filter(Q(slots__release__isnull=True, slots__starts_at__isnull=False))
    elif state == "unscheduled":
        sessions = sessions.filter(
            slots__release__isnull=True, slots__starts_at__isnull=True, pitch_session__isnull=True
        )
    return sessions


def unscheduled_slots(summit) -> QuerySet[Slot]:
    """Working slots not placed yet, leaving out pitches that take a pitch session's place."""
    return with_session_details(
        Slot.objects.filter(
            session__summit=summit,
            release__isnull=True,
            starts_at__isnull=True,
            session__pitch_session__isnull=True,
        ).order_by("session__title", "pk")
    )


def local_minutes(moment: dt.datetime, zone) -> int:
    local = moment.astimezone(zone)
    return local.hour * 60 + local.minute


def day_bounds(date: dt.date, zone) -> tuple[dt.datetime, dt.datetime]:
    """From midnight to midnight of `date` in `zone`."""
    start = dt.datetime.combine(date, dt.time(0), tzinfo=zone)
    end = dt.datetime.combine(date + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    return start, end


class SessionUrls:
    """The builder's addresses of any session, reversed once for a whole page.

    A grid of 300 sessions would otherwise reverse four addresses per card.
    """

    NAMES = ("session_edit", "session_place", "session_unschedule")
    PLACEHOLDER = 2_147_483_647

    def __init__(self, summit):
        self.patterns = {
            name: reverse(
                f"programme_organise:{name}",
                kwargs={"summit": summit.slug, "session": self.PLACEHOLDER},
            ).split(str(self.PLACEHOLDER))
            for name in self.NAMES
        }

    def of(self, session_id: int) -> dict[str, str]:
        return {
            name: f"{before}{session_id}{after}" for name, (before, after) in self.patterns.items()
        }


@dataclass
class GridItem:
    slot: Slot
    warnings: list[AgendaWarning]
    pitches: list[Session]
    room_options: str = ""
    urls: dict[str, str] = field(default_factory=dict)
    # The card's markup, set by `builder_cards.CardRenderer` for the page.
    html: str = ""


@dataclass
class GridCell:
    room: Room
    starts_at: dt.datetime
    items: list[GridItem] = field(default_factory=list)


@dataclass
class GridRow:
    starts_at: dt.datetime
    ends_at: dt.datetime
    fixed: list[GridItem] = field(default_factory=list)
    cells: list[GridCell] = field(default_factory=list)

    @property
    def is_fixed(self) -> bool:
        return bool(self.fixed)


@dataclass
class DayGrid:
    day: Day
    rooms: list[Room]
    rows: list[GridRow]
    # Placed on this day but not in a cell: at a time off the grid, or without a room.
    elsewhere: list[GridItem]

    def items(self):
        """Every card in the grid's cells and fixed rows."""
        for row in self.rows:
            yield from row.fixed
            for cell in row.cells:
                yield from cell.items


def room_option_variants(rooms: list[Room]) -> dict[int | None, SafeString]:
    """The <option>s of the rooms select, once per selected room, rendered once for the grid."""
    plain = [
        format_html('<option value="{}">{}</option>', room.pk, str(room.name)) for room in rooms
    ]
    selected = [
        format_html('<option value="{}" selected>{}</option>', room.pk, str(room.name))
        for room in rooms
    ]
    variants = {None: SafeString("".join(plain))}
    for index, room in enumerate(rooms):
        variants[room.pk] = SafeString(
            "".join([*plain[:index], selected[index], *plain[index + 1 :]])
        )
    return variants


def day_grid(summit, day: Day, warnings: dict[int, list[AgendaWarning]]) -> DayGrid:
    """The day's rooms × time grid of the working agenda, fixed items holding every room as rows."""
    zone = summit.tz
    rooms = rooms_of(summit)
    start, end = day_bounds(day.date, zone)
    slots = list(
        with_session_details(
            Slot.objects.filter(
                session__summit=summit,
                release__isnull=True,
                starts_at__gte=start,
                starts_at__lt=end,
            ).order_by("starts_at", "room__position", "room_id", "pk")
        )
    )
    pitches: dict[int, list[Session]] = {}
    for pitch in Session.objects.filter(
        pitch_session__summit=summit,
        pitch_session__slots__release__isnull=True,
        pitch_session__slots__starts_at__gte=start,
        pitch_session__slots__starts_at__lt=end,
    ).order_by("title", "pk"):
        pitches.setdefault(pitch.pitch_session_id, []).append(pitch)
    options = room_option_variants(rooms)
    urls = SessionUrls(summit)

    def item(slot: Slot) -> GridItem:
        return GridItem(
            slot=slot,
            warnings=warnings.get(slot.session_id, []),
            pitches=pitches.get(slot.session_id, []),
            room_options=options.get(slot.room_id, options[None]),
            urls=urls.of(slot.session_id),
        )

    fixed = [slot for slot in slots if slot.session.takes_whole_venue]
    others = [slot for slot in slots if not slot.session.takes_whole_venue]
    blocked = [
        (local_minutes(slot.starts_at, zone), local_minutes(slot.ends_at, zone)) for slot in fixed
    ]

    def at(minutes: int) -> dt.datetime:
        return dt.datetime.combine(day.date, dt.time(0), tzinfo=zone) + dt.timedelta(
            minutes=minutes
        )

    rows = []
    for slot_start, slot_end in day_slots(
        day.starts.hour * 60 + day.starts.minute,
        day.ends.hour * 60 + day.ends.minute,
        day.slot_minutes,
        blocked,
    ):
        row = GridRow(starts_at=at(slot_start), ends_at=at(slot_end))
        row.cells = [GridCell(room=room, starts_at=row.starts_at) for room in rooms]
        rows.append(row)
    for slot in fixed:
        rows.append(GridRow(starts_at=slot.starts_at, ends_at=slot.ends_at, fixed=[item(slot)]))
    rows.sort(key=lambda row: (row.starts_at, row.is_fixed))

    column = {room.pk: index for index, room in enumerate(rooms)}
    elsewhere = []
    for slot in others:
        row = next(
            (
                row
                for row in rows
                if not row.is_fixed and row.starts_at <= slot.starts_at < row.ends_at
            ),
            None,
        )
        if row is None or slot.room_id not in column:
            elsewhere.append(item(slot))
        else:
            row.cells[column[slot.room_id]].items.append(item(slot))
    return DayGrid(day=day, rooms=rooms, rows=rows, elsewhere=elsewhere)


def local_input(moment: dt.datetime | None, zone) -> str:
    """A datetime as the value of a datetime-local input, in `zone`."""
    if moment is None:
        return ""
    return moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def unscheduled_items(summit, rooms: list[Room]) -> list[GridItem]:
    """The sessions not placed yet, as the grid shows them, with the pitches of pitch sessions."""
    slots = list(unscheduled_slots(summit))
    pitches: dict[int, list[Session]] = {}
    for pitch in Session.objects.filter(
        pitch_session__summit=summit,
        pitch_session__slots__release__isnull=True,
        pitch_session__slots__starts_at__isnull=True,
    ).order_by("title", "pk"):
        pitches.setdefault(pitch.pitch_session_id, []).append(pitch)
    options = room_option_variants(rooms)[None]
    urls = SessionUrls(summit)
    return [
        GridItem(
            slot=slot,
            warnings=[],
            pitches=pitches.get(slot.session_id, []),
            room_options=options,
            urls=urls.of(slot.session_id),
        )
        for slot in slots
    ]
