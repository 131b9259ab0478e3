"""The released programme as an interchange `Schedule`, and as CSV.

Only a release is exported, never the working agenda: what other programs
read must be what the public agenda shows. Names that are translated (the
summit, rooms, tracks, formats) are given in the active language.
"""

import csv
import datetime as dt
import io
import uuid
from collections.abc import Callable, Iterable

from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cosummit.accounts.models import User
from cosummit.proposals.models import Track as TrackModel
from cosummit.registration.exports import safe_cell
from cosummit.summits.models import Room as RoomModel
from cosummit.summits.models import Summit

from . import interchange
from .models import Day as DayModel
from .models import Release, Session, Slot

#: Namespace of the person guids of an export: a speaker's guid is derived
#: from the site and their id, never from their e-mail address.
PERSON_NAMESPACE = uuid.UUID("0d5b1f7e-2f7a-4b8e-8f3c-6a1e9d2c4b70")


# Reversing once per file and filling in each session's id is much cheaper
# than reversing once per session.
_SESSION_PLACEHOLDER = 987654321


def session_url_maker(summit: Summit, *, base_url: str) -> Callable[[int], str]:
    """A function giving the address of a session's public page, or "" without such pages."""
    try:
        path = reverse(
            "programme:session", kwargs={"summit": summit.slug, "session": _SESSION_PLACEHOLDER}
        )
    except NoReverseMatch:
        return lambda session_id: ""
    # The id comes last in the path; the summit's short name may hold the same digits.
    before, _placeholder, after = (base_url + path).rpartition(str(_SESSION_PLACEHOLDER))
    return lambda session_id: f"{before}{session_id}{after}"


def _speakers() -> QuerySet[User]:
    return User.objects.order_by("name", "pk").only("name")


def export_slots(release: Release | None, *, with_places: bool = True) -> QuerySet[Slot]:
    """The placed slots of a release with only what the export files show, by time and room.

    Without `with_places`, rooms, venues and tracks are not joined: the
    schedule files look them up once per summit instead of once per slot.
    """
    if release is None:
        return Slot.objects.none()
    places = ("room", "room__venue", "session__track") if with_places else ()
    place_fields = (
        ("room__name", "room__venue__name", "session__track__name", "session__track__slug")
        if with_places
        else ()
    )
    return (
        Slot.objects.filter(release=release, starts_at__isnull=False)
        .select_related("session", "session__format", *places)
        .only(
            "starts_at",
            "ends_at",
            "room",
            "session",
            "session__guid",
            "session__title",
            "session__abstract",
            "session__language",
            "session__kind",
            "session__duration",
            "session__track",
            "session__format",
            "session__format__name",
            *places,
            *place_fields,
        )
        .prefetch_related(
            # A list in an attribute: a manager per session would cost a
            # queryset clone each, a third of the export's time.
            Prefetch("session__speakers", queryset=_speakers(), to_attr="export_speakers"),
            Prefetch(
                "session__pitches",
                queryset=Session.objects.order_by("title", "pk")
                .only("title", "pitch_session")
                .prefetch_related(
                    Prefetch("speakers", queryset=_speakers(), to_attr="export_speakers")
                ),
                to_attr="export_pitches",
            ),
        )
        .order_by("starts_at", "room__position", "room_id", "pk")
    )


def _programme_url(summit: Summit, *, base_url: str) -> str:
    try:
        return base_url + reverse("programme:agenda", kwargs={"summit": summit.slug})
    except NoReverseMatch:
        return base_url + summit.get_absolute_url()


def slot_room_name(slot: Slot) -> str:
    """The room of a slot; a fixed item placed without a room is at the venue."""
    if slot.room is not None:
        return str(slot.room.name)
    return _("Whole venue")


def slot_minutes(slot: Slot) -> int:
    if slot.ends_at is not None and slot.starts_at is not None:
        return int((slot.ends_at - slot.starts_at).total_seconds() // 60)
    return slot.session.duration or 0


def session_type(slot: Slot, kinds: dict[str, str]) -> str:
    """The session's format, or its kind; `kinds` from `kind_names()`."""
    session = slot.session
    if session.format is not None:
        return str(session.format.name)
    return kinds.get(session.kind, session.kind)


def kind_names() -> dict[str, str]:
    return {kind.value: str(kind.label) for kind in Session.Kind}


def speakers_of(session: Session) -> list:
    """The session's speakers by name, from `export_slots` or from any prefetch of them."""
    speakers = getattr(session, "export_speakers", None)
    return speakers if speakers is not None else list(session.speakers.all())


def pitches_of(session: Session) -> list[Session]:
    """The pitches of a pitch session, when `export_slots` loaded them; none otherwise."""
    return getattr(session, "export_pitches", None) or []


def all_speakers_of(session: Session) -> list:
    """The session's speakers, then those of its pitches, each once."""
    people = {user.pk: user for user in speakers_of(session)}
    for pitch in pitches_of(session):
        people.update({user.pk: user for user in speakers_of(pitch) if user.pk not in people})
    return list(people.values())


def pitches_text(session: Session) -> str:
    """The pitches of a pitch session, one a line with their speakers, for descriptions."""
    pitches = pitches_of(session)
    if not pitches:
        return ""
    lines = [_("Pitches in this session:")]
    for pitch in pitches:
        names = ", ".join(speaker_name(user) for user in speakers_of(pitch))
        lines.append(
            _("– %(title)s (%(speakers)s)") % {"title": pitch.title, "speakers": names}
            if names
            else _("– %(title)s") % {"title": pitch.title}
        )
    return "\n".join(lines)


def speaker_name(user) -> str:
    """A speaker's public name; their e-mail address is never shown instead."""
    return user.name or _("Speaker %(number)d") % {"number": user.pk}


def person_for(user, *, base_url: str) -> interchange.Person:
    return interchange.Person(
        name=speaker_name(user),
        id=user.pk,
        guid=str(uuid.uuid5(PERSON_NAMESPACE, f"{base_url}/users/{user.pk}")),
    )


def schedule_for_release(
    summit: Summit, release: Release, slots: Iterable[Slot], *, base_url: str
) -> interchange.Schedule:
    """The release as a schedule: its days, the summit's rooms and tracks, every placed slot.

    `slots` are the release's placed slots (`export_slots(release,
    with_places=False)`); `base_url` is the site's address without a
    trailing slash, for the links to session pages. A pitch session lists
    its pitches in its description and their speakers among its own.
    """
    tz = summit.tz
    schedule = interchange.Schedule(
        conference=interchange.Conference(
            acronym=summit.slug,
            title=str(summit.name),
            start=summit.start_date,
            end=summit.end_date,
            time_zone_name=summit.timezone,
            timeslot_duration=5,
            base_url=_programme_url(summit, base_url=base_url),
            url=base_url + summit.get_absolute_url(),
        ),
        version=f"v{release.version}",
    )
    schedule.days = [
        interchange.Day(
            index=index,
            date=day.date,
            start=dt.datetime.combine(day.date, day.starts, tzinfo=tz),
            end=dt.datetime.combine(day.date, day.ends, tzinfo=tz),
        )
        for index, day in enumerate(DayModel.objects.filter(summit=summit), start=1)
    ]
    room_names = {
        room.pk: str(room.name)
        for room in RoomModel.objects.filter(venue__summit=summit)
        .order_by("position", "venue_id", "pk")
        .only("name")
    }
    schedule.rooms = [interchange.Room(name=name) for name in room_names.values()]
    tracks = list(TrackModel.objects.filter(summit=summit).only("name", "slug"))
    track_names = {track.pk: str(track.name) for track in tracks}
    schedule.tracks = [
        interchange.Track(name=track_names[track.pk], slug=track.slug) for track in tracks
    ]
    url_for = session_url_maker(summit, base_url=base_url)
    kinds = kind_names()
    for slot in slots:
        session = slot.session
        schedule.events.append(
            interchange.Event(
                guid=str(session.guid),
                id=session.pk,
                title=session.title,
                start=slot.starts_at,
                duration=slot_minutes(slot),
                room=room_names.get(slot.room_id) or slot_room_name(slot),
                abstract=session.abstract,
                description=pitches_text(session),
                track=track_names.get(session.track_id, ""),
                type=session_type(slot, kinds),
                language=session.language,
                url=url_for(session.pk),
                persons=[person_for(user, base_url=base_url) for user in all_speakers_of(session)],
            )
        )
    known_rooms = {room.name for room in schedule.rooms}
    for event in schedule.events:
        if event.room not in known_rooms:
            schedule.rooms.append(interchange.Room(name=event.room))
            known_rooms.add(event.room)
    return schedule


def programme_csv(summit: Summit, slots: Iterable[Slot], *, base_url: str) -> str:
    """One row per released session, times in the summit's time zone.

    Spreadsheet programs run a cell that starts with =, +, - or @ as a
    formula, so such cells are written with a leading quote.
    """
    tz = summit.tz
    url_for = session_url_maker(summit, base_url=base_url)
    kinds = kind_names()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Date"),
            pgettext("time", "Start"),
            pgettext("time", "End"),
            _("Room"),
            _("Title"),
            _("Track"),
            pgettext("session", "Format"),
            _("Language"),
            _("Speakers"),
            _("Abstract"),
            _("Address"),
            _("Identifier"),
        ]
    )
    for slot in slots:
        session = slot.session
        starts_at = slot.starts_at.astimezone(tz)
        ends_at = (slot.ends_at or slot.starts_at).astimezone(tz)
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    starts_at.date().isoformat(),
                    starts_at.strftime("%H:%M"),
                    ends_at.strftime("%H:%M"),
                    slot_room_name(slot),
                    session.title,
                    str(session.track.name) if session.track is not None else "",
                    session_type(slot, kinds),
                    session.language,
                    ", ".join(speaker_name(user) for user in all_speakers_of(session)),
                    session.abstract,
                    url_for(session.pk),
                    str(session.guid),
                )
            ]
        )
    return buffer.getvalue()
