"""Warnings on an agenda: what organisers should look at, never blocking.

`agenda_warnings(summit)` checks the working agenda; given `slots` as plain
data (placements of a draft, for instance), it checks those instead, with the
summit's sessions, rooms, days and speakers as they are in the database. It
reads in a constant number of queries whatever the agenda's size.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cosummit.accounts.models import User
from cosummit.summits.models import Equipment, Room

from .models import Day, Session, Slot, Unavailability
from .queries import expected_audience, interest_by_session


@dataclass(frozen=True)
class Placement:
    """Where a session is in the agenda checked: a room (or none) and a time."""

    session: int
    room: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None


class Kind:
    SPEAKER_CLASH = "speaker_clash"
    SPEAKER_UNAVAILABLE = "speaker_unavailable"
    ROOM_CLASH = "room_clash"
    ROOM_TOO_SMALL = "room_too_small"
    MISSING_EQUIPMENT = "missing_equipment"
    NO_STEP_FREE_ACCESS = "no_step_free_access"
    NO_BOOTH = "no_booth"
    NOT_A_PROGRAMME_DAY = "not_a_programme_day"
    OUTSIDE_TRACK_DAYS = "outside_track_days"
    DURING_FIXED_ITEM = "during_fixed_item"


@dataclass(frozen=True)
class AgendaWarning:
    kind: str
    session: int
    title: str
    message: str
    starts_at: dt.datetime
    other: int | None = None


@dataclass
class _Placed:
    session: Session
    room: Room | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    speakers: set[int]
    # The pitches of a pitch session, which take its place.
    pitches: list[Session]


def _as_placement(item) -> Placement:
    if isinstance(item, Placement):
        return item
    if isinstance(item, Mapping):
        return Placement(
            session=item["session"],
            room=item.get("room"),
            starts_at=item["starts_at"],
            ends_at=item.get("ends_at"),
        )
    return Placement(
        session=item.session_id, room=item.room_id, starts_at=item.starts_at, ends_at=item.ends_at
    )


def working_placements(summit) -> list[Placement]:
    """The placed slots of the working agenda, as plain data."""
    rows = Slot.objects.filter(
        session__summit=summit, release__isnull=True, starts_at__isnull=False
    ).values_list("session_id", "room_id", "starts_at", "ends_at")
    return [Placement(*row) for row in rows]


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _clashes(items: list[_Placed]) -> Iterator[tuple[_Placed, _Placed]]:
    """Each pair of items that overlap in time, both ways round: (one, other), (other, one).

    Sorts `items` in place by start time, then session.
    """
    items.sort(key=lambda i: (i.starts_at, i.session.pk))
    for index, item in enumerate(items):
        for later in items[index + 1 :]:
            if later.starts_at >= item.ends_at:
                break
            yield item, later
            yield later, item


def agenda_warnings(summit, slots: Iterable | None = None) -> list[AgendaWarning]:
    """Every warning on the agenda, by time then title.

    `slots` are `Placement`s, dicts with the keys session, room, starts_at
    and, optionally, ends_at, or Slot rows; with none given, the working
    agenda's placed slots are checked. A missing end is the start plus the
    session's duration. Pitches in a pitch session are checked at the pitch
    session's place; a place given to such a pitch itself is ignored.
    """
    placements = working_placements(summit) if slots is None else map(_as_placement, slots)
    sessions = {
        session.pk: session
        for session in Session.objects.filter(summit=summit).select_related("track")
    }
    speakers_of: dict[int, set[int]] = defaultdict(set)
    for session_id, user_id in Session.speakers.through.objects.filter(
        session__summit=summit
    ).values_list("session_id", "user_id"):
        speakers_of[session_id].add(user_id)
    pitches_of: dict[int, list[Session]] = defaultdict(list)
    for session in sessions.values():
        if session.pitch_session_id is not None:
            pitches_of[session.pitch_session_id].append(session)
    rooms = {room.pk: room for room in Room.objects.filter(venue__summit=summit)}

    placed: list[_Placed] = []
    for placement in placements:
        session = sessions.get(placement.session)
        if session is None or session.pitch_session_id is not None:
            continue
        ends_at = placement.ends_at or placement.starts_at + dt.timedelta(
            minutes=session.duration or 0
        )
        pitches = pitches_of.get(session.pk, [])
        speakers = set(speakers_of.get(session.pk, ()))
        for pitch in pitches:
            speakers |= speakers_of.get(pitch.pk, set())
        placed.append(
            _Placed(
                session=session,
                room=rooms.get(placement.room),
                starts_at=placement.starts_at,
                ends_at=ends_at,
                speakers=speakers,
                pitches=pitches,
            )
        )

    checker = _Checker(summit, placed)
    checker.check()
    return sorted(checker.found, key=lambda w: (w.starts_at, w.title, w.kind, w.session))


class _Checker:
    def __init__(self, summit, placed: list[_Placed]):
        self.summit = summit
        self.placed = placed
        self.found: list[AgendaWarning] = []
        # Whole-summit reads, not filtered by the people placed: the number of
        # queries stays the same whatever is placed.
        self.names = dict(
            User.objects.filter(sessions__summit=summit).distinct().values_list("pk", "name")
        )
        self.unavailable: dict[int, list[Unavailability]] = defaultdict(list)
        for unavailability in Unavailability.objects.filter(summit=summit):
            self.unavailable[unavailability.user_id].append(unavailability)
        self.days: dict[dt.date, set[int]] = {}
        for day in Day.objects.filter(summit=summit).prefetch_related("tracks"):
            self.days[day.date] = {track.pk for track in day.tracks.all()}
        self.named_tracks = set().union(*self.days.values()) if self.days else set()
        self.interest = interest_by_session(summit)

    def add(self, kind: str, item: _Placed, message: str, other: Session | None = None) -> None:
        self.found.append(
            AgendaWarning(
                kind=kind,
                session=item.session.pk,
                title=item.session.title,
                message=message,
                starts_at=item.starts_at,
                other=other.pk if other else None,
            )
        )

    def check(self) -> None:
        self.check_speakers()
        self.check_room_clashes()
        self.check_fixed_items()
        for item in self.placed:
            self.check_room(item)
            self.check_day(item)

    def name(self, user_id: int) -> str:
        return self.names.get(user_id) or _("A speaker")

    def check_speakers(self) -> None:
        by_speaker: dict[int, list[_Placed]] = defaultdict(list)
        for item in self.placed:
            for user_id in item.speakers:
                by_speaker[user_id].append(item)
        for user_id, items in by_speaker.items():
            # Both sessions get the warning, so that the grid marks each.
            for one, other in _clashes(items):
                self.add(
                    Kind.SPEAKER_CLASH,
                    one,
                    _("%(name)s also speaks at “%(other)s” at the same time.")
                    % {"name": self.name(user_id), "other": other.session.title},
                    other=other.session,
                )
            for item in items:
                for unavailability in self.unavailable.get(user_id, ()):
                    if _overlap(
                        item.starts_at,
                        item.ends_at,
                        unavailability.starts_at,
                        unavailability.ends_at,
                    ):
                        self.add(
                            Kind.SPEAKER_UNAVAILABLE,
                            item,
                            _("%(name)s is not available at this time.")
                            % {"name": self.name(user_id)},
                        )

    def check_room_clashes(self) -> None:
        by_room: dict[int, list[_Placed]] = defaultdict(list)
        for item in self.placed:
            if item.room is not None and not item.session.takes_whole_venue:
                by_room[item.room.pk].append(item)
        for items in by_room.values():
            for one, other in _clashes(items):
                self.add(
                    Kind.ROOM_CLASH,
                    one,
                    _("“%(other)s” is in the same room at the same time.")
                    % {"other": other.session.title},
                    other=other.session,
                )

    def check_fixed_items(self) -> None:
        fixed = [item for item in self.placed if item.session.takes_whole_venue]
        for item in self.placed:
            if item.session.takes_whole_venue:
                continue
            for fixed_item in fixed:
                if _overlap(item.starts_at, item.ends_at, fixed_item.starts_at, fixed_item.ends_at):
                    self.add(
                        Kind.DURING_FIXED_ITEM,
                        item,
                        _("It overlaps “%(other)s”, which holds every room.")
                        % {"other": fixed_item.session.title},
                        other=fixed_item.session,
                    )

    def needs(self, item: _Placed) -> tuple[set[str], bool, set[str]]:
        sessions = [item.session, *item.pitches]
        equipment = {code for session in sessions for code in session.equipment or ()}
        step_free = any(session.needs_step_free_access for session in sessions)
        booths = {code for session in sessions for code in session.interpretation or ()}
        return equipment, step_free, booths

    def check_room(self, item: _Placed) -> None:
        room = item.room
        if room is None:
            return
        audience = max(
            expected_audience(session, self.interest) for session in [item.session, *item.pitches]
        )
        if audience > room.capacity:
            self.add(
                Kind.ROOM_TOO_SMALL,
                item,
                _("About %(audience)d people are expected; the room holds %(capacity)d.")
                % {"audience": audience, "capacity": room.capacity},
            )
        equipment, step_free, booths = self.needs(item)
        labels = dict(Equipment.choices)
        for code in sorted(equipment - set(room.equipment or ())):
            self.add(
                Kind.MISSING_EQUIPMENT,
                item,
                _("The room lacks equipment the session needs: %(equipment)s.")
                % {"equipment": labels.get(code, code)},
            )
        if step_free and not room.is_step_free:
            self.add(
                Kind.NO_STEP_FREE_ACCESS,
                item,
                _("The session needs step-free access, which the room does not have."),
            )
        for code in sorted(booths - set(room.interpretation_booths or ())):
            self.add(
                Kind.NO_BOOTH,
                item,
                _("The room has no interpretation booth into “%(language)s”.") % {"language": code},
            )

    def check_day(self, item: _Placed) -> None:
        local_date = item.starts_at.astimezone(self.summit.tz).date()
        if local_date not in self.days:
            self.add(
                Kind.NOT_A_PROGRAMME_DAY,
                item,
                _("%(date)s is not a day of the programme.") % {"date": local_date.isoformat()},
            )
            return
        track = item.session.track
        if track is None:
            return
        day_tracks = self.days[local_date]
        if day_tracks and track.pk not in day_tracks:
            self.add(
                Kind.OUTSIDE_TRACK_DAYS,
                item,
                _("%(date)s is reserved to other tracks than “%(track)s”.")
                % {"date": local_date.isoformat(), "track": track.name},
            )
        elif not day_tracks and track.pk in self.named_tracks:
            self.add(
                Kind.OUTSIDE_TRACK_DAYS,
                item,
                _("The track “%(track)s” has its own days, and %(date)s is not one of them.")
                % {"date": local_date.isoformat(), "track": track.name},
            )


def warnings_by_session(warnings: Iterable[AgendaWarning]) -> dict[int, list[AgendaWarning]]:
    """The warnings grouped by the session they are about."""
    grouped: dict[int, list[AgendaWarning]] = defaultdict(list)
    for warning in warnings:
        grouped[warning.session].append(warning)
    return grouped


def warning_rows(summit, warnings: Iterable[AgendaWarning], days: Iterable[Day] = ()) -> list[dict]:
    """Rows of the warnings table: each warning with the day among `days` it falls on, or None.

    Days are matched in the summit's time zone; a warning's day links its time to the grid.
    """
    by_date = {day.date: day for day in days}
    return [
        {"warning": warning, "day": by_date.get(warning.starts_at.astimezone(summit.tz).date())}
        for warning in warnings
    ]
