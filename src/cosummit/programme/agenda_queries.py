"""The released programme read as light rows, for the pages that show all of it.

The day view filters and counts every released session, and the printable
programme and the speakers' list show them all: a few hundred sessions with
their speakers. Read as model instances through `queries.released_slots`
(slot, session, room, venue, track, format, speakers) that costs about 2,500
objects and most of a page's time; here each table is read once, as plain
values, and the few rooms, tracks and formats of the summit as models, which
keeps the day view under 50 ms with 300 sessions (bench/programme_pages.py).
"""

import datetime as dt
from dataclasses import dataclass, field

from cosummit.core.i18n import Localized, TranslatedText
from cosummit.proposals.models import SessionFormat, Track
from cosummit.summits.models import Room

from .models import Release, Session, Slot


class SpeakerList(list):
    """Speakers of a session; `.all()` reads like a related manager in templates."""

    def all(self):
        return self


@dataclass(slots=True, eq=False)
class Speaker:
    pk: int
    name: str
    organisation: str


@dataclass(slots=True, eq=False)
class AgendaSession:
    pk: int
    kind: str
    title: str
    abstract: str
    language: str
    interpretation: list
    takes_whole_venue: bool
    track_id: int | None
    format_id: int | None
    track: Track | None = None
    format: SessionFormat | None = None
    speakers: SpeakerList = field(default_factory=SpeakerList)
    # What the cards print, prepared once per session rather than per template lookup.
    track_label: Localized | None = None
    speaker_names: str = ""
    interpretation_label: str = ""


@dataclass(slots=True, eq=False)
class AgendaSlot:
    """A released slot with what the agenda shows; reads like a `Slot` in templates."""

    pk: int
    session_id: int
    room_id: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    session: AgendaSession
    room: Room | None = None
    room_label: Localized | None = None
    # Times in the summit's time zone, written once here: Django's date
    # filters would cost a third of the day view.
    start_iso: str = ""
    end_iso: str = ""
    start_time: str = ""
    end_time: str = ""


def released_entries(summit, release: Release | None) -> list[AgendaSlot]:
    """The placed slots of `release`, by time and room, in six queries.

    The slots with their sessions, the speakers (a pitch session's include
    those of its pitches), and the summit's rooms, tracks and formats, each
    read once whatever the number of sessions.
    """
    if release is None:
        return []
    rows = Slot.objects.filter(release=release, starts_at__isnull=False).values_list(
        "pk",
        "session_id",
        "room_id",
        "starts_at",
        "ends_at",
        "session__kind",
        "session__title",
        "session__abstract",
        "session__language",
        "session__interpretation",
        "session__takes_whole_venue",
        "session__track_id",
        "session__format_id",
    )
    speakers = (
        Session.speakers.through.objects.filter(
            session__slots__release=release, session__slots__starts_at__isnull=False
        )
        .order_by("user__name", "user_id")
        .values_list("session_id", "user_id", "user__name", "user__organisation")
    )
    # Pitches grouped in a released pitch session have no place of their own:
    # their speakers speak in the pitch session.
    pitch_speakers = (
        Session.speakers.through.objects.filter(
            session__pitch_session__slots__release=release,
            session__pitch_session__slots__starts_at__isnull=False,
        )
        .order_by("user__name", "user_id")
        .values_list("session__pitch_session_id", "user_id", "user__name", "user__organisation")
    )
    rooms = {room.pk: room for room in Room.objects.filter(venue__summit=summit)}
    tracks = {track.pk: track for track in Track.objects.filter(summit=summit)}
    formats = {
        session_format.pk: session_format
        # The formats the summit's sessions use, whichever call they came from.
        for session_format in SessionFormat.objects.filter(
            pk__in=Session.objects.filter(summit=summit).values("format_id")
        )
    }
    room_labels = {pk: TranslatedText(room.name).localize() for pk, room in rooms.items()}
    track_labels = {pk: TranslatedText(track.name).localize() for pk, track in tracks.items()}
    tz = summit.tz
    sessions: dict[int, AgendaSession] = {}
    entries = []
    for (
        pk,
        session_id,
        room_id,
        starts_at,
        ends_at,
        kind,
        title,
        abstract,
        language,
        interpretation,
        takes_whole_venue,
        track_id,
        format_id,
    ) in rows:
        session = AgendaSession(
            pk=session_id,
            kind=kind,
            title=title,
            abstract=abstract,
            language=language,
            interpretation=interpretation or [],
            takes_whole_venue=takes_whole_venue,
            track_id=track_id,
            format_id=format_id,
            track=tracks.get(track_id),
            format=formats.get(format_id),
            track_label=track_labels.get(track_id),
            interpretation_label=", ".join(interpretation or []).upper(),
        )
        sessions[session_id] = session
        ends_at = ends_at or starts_at
        local_start, local_end = starts_at.astimezone(tz), ends_at.astimezone(tz)
        entries.append(
            AgendaSlot(
                pk=pk,
                session_id=session_id,
                room_id=room_id,
                starts_at=starts_at,
                ends_at=ends_at,
                session=session,
                room=rooms.get(room_id),
                room_label=room_labels.get(room_id),
                start_iso=local_start.isoformat(),
                end_iso=local_end.isoformat(),
                start_time=local_start.strftime("%H:%M"),
                end_time=local_end.strftime("%H:%M"),
            )
        )
    for session_id, user_id, name, organisation in [*speakers, *pitch_speakers]:
        session = sessions.get(session_id)
        if session is not None and all(speaker.pk != user_id for speaker in session.speakers):
            session.speakers.append(Speaker(pk=user_id, name=name, organisation=organisation))
    for session in sessions.values():
        session.speaker_names = ", ".join(speaker.name for speaker in session.speakers)
    entries.sort(
        key=lambda entry: (
            entry.starts_at,
            entry.room.position if entry.room else 1 << 30,
            entry.room_id or 0,
            entry.pk,
        )
    )
    return entries
