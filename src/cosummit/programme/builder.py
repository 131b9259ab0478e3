"""Writes of the agenda builder: days, sessions, places, pitch sessions, unavailabilities.

Every function here is called by the builder's pages and by the organiser
API alike. A refused write raises `django.core.exceptions.ValidationError`
with a translated message and changes nothing.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cosummit.core.domain import apply_changes
from cosummit.proposals.models import FormatKind
from cosummit.summits.models import Room

from .models import Day, Session, Slot, Unavailability
from .queries import latest_release

logger = logging.getLogger(__name__)

DAY_FIELDS = ("date", "name", "starts", "ends", "slot_minutes")
SESSION_FIELDS = (
    "kind",
    "title",
    "abstract",
    "language",
    "format",
    "track",
    "duration",
    "interpretation",
    "expected_audience",
    "equipment",
    "needs_step_free_access",
    "takes_whole_venue",
    "is_pinned",
)


def _replace_related(manager, rows) -> bool:
    """Set the many-to-many `manager` to `rows` when they differ; return whether they did.

    Side effect: the relation's links are replaced, only when they differ.
    """
    before = set(manager.values_list("pk", flat=True))
    rows = list(rows)
    if before == {row.pk for row in rows}:
        return False
    manager.set(rows)
    return True


def working_slot(session: Session) -> Slot:
    """The session's slot in the working agenda, made when missing."""
    slot, _created = Slot.objects.get_or_create(session=session, release=None)
    return slot


# Days


def create_day(summit, *, by, tracks=(), **fields) -> Day:
    """Add a programme day.

    Side effects:
    1. the Day row is written;
    2. its reserved tracks are set;
    3. a log entry.
    """
    with transaction.atomic():
        day = Day.objects.create(summit=summit, **fields)
        day.tracks.set(list(tracks))
    logger.info("Summit %s: programme day %s created by user %s.", summit.pk, day.pk, by.pk)
    return day


def update_day(day: Day, *, by, tracks=None, **changes) -> list[str]:
    """Change a programme day; return the changed fields.

    Side effects:
    1. the Day row is saved, changed fields only;
    2. its reserved tracks are replaced when `tracks` is given;
    3. a log entry.
    """
    with transaction.atomic():
        changed = apply_changes(day, changes, DAY_FIELDS)
        if tracks is not None and _replace_related(day.tracks, tracks):
            changed.append("tracks")
    logger.info("Programme day %s: %s changed by user %s.", day.pk, ", ".join(changed), by.pk)
    return changed


def delete_day(day: Day, *, by) -> None:
    """Delete a programme day; the sessions placed on it stay where they are.

    Side effects:
    1. the Day row and its track links are deleted;
    2. a log entry.
    """
    day_id = day.pk
    day.delete()
    logger.info("Programme day %s deleted by user %s.", day_id, by.pk)


def day_of(summit, starts_at: dt.datetime) -> Day | None:
    """The programme day on which `starts_at` falls, in the summit's time zone."""
    local_date = starts_at.astimezone(summit.tz).date()
    return Day.objects.filter(summit=summit, date=local_date).first()


# Sessions


def create_session(summit, *, by, speakers=(), **fields) -> Session:
    """Add a session made by organisers: a session, a plenary, a break or a pitch session.

    Side effects:
    1. the Session row is written;
    2. its speakers are set;
    3. its working slot is written, not placed yet;
    4. a log entry.
    """
    with transaction.atomic():
        session = Session.objects.create(summit=summit, **fields)
        session.speakers.set(list(speakers))
        Slot.objects.create(session=session)
    logger.info("Summit %s: session %s created by user %s.", summit.pk, session.pk, by.pk)
    return session


def update_session(session: Session, *, by, speakers=None, **changes) -> list[str]:
    """Change a session; return the changed fields.

    Side effects:
    1. the Session row is saved, changed fields only;
    2. its speakers are replaced when `speakers` is given and differ;
    3. when its duration changed and it is placed, its working slot's end
       moves with it;
    4. a log entry.
    """
    with transaction.atomic():
        changed = apply_changes(session, changes, SESSION_FIELDS)
        if speakers is not None and _replace_related(session.speakers, speakers):
            changed.append("speakers")
        if "duration" in changed:
            slot = working_slot(session)
            if slot.starts_at is not None:
                slot.ends_at = slot.starts_at + dt.timedelta(minutes=session.duration or 0)
                slot.save(update_fields=["ends_at"])
    logger.info("Session %s: %s changed by user %s.", session.pk, ", ".join(changed), by.pk)
    return changed


def delete_session(session: Session, *, by) -> None:
    """Delete a session; its pitches, for a pitch session, become sessions on their own, unplaced.

    Refuses (ValidationError) a session of the latest release: the public
    would lose it without a release saying so, and its speakers would not be
    told. Unscheduling it and releasing tells them; then it can go.

    Side effects:
    1. the pitches' link to it is cleared;
    2. the Session row, its slots (working and in earlier releases) and stars are deleted;
    3. a log entry.
    """
    session_id = session.pk
    with transaction.atomic():
        latest = latest_release(session.summit)
        if latest is not None and Slot.objects.filter(session=session, release=latest).exists():
            raise ValidationError(
                _(
                    "“%(session)s” is in the published programme (version %(version)s): "
                    "unschedule it and release the next version first, so that the public "
                    "and its speakers are told."
                ),
                params={"session": session.title, "version": latest.version},
                code="released",
            )
        Session.objects.filter(pitch_session=session).update(pitch_session=None)
        session.delete()
    logger.info("Session %s deleted by user %s.", session_id, by.pk)


def set_pinned(session: Session, *, pinned: bool, by) -> None:
    """Pin a session where it is, so that the scheduler leaves it, or unpin it.

    Side effects:
    1. the Session row is saved (is_pinned) when it changed;
    2. a log entry.
    """
    if apply_changes(session, {"is_pinned": pinned}, ("is_pinned",)):
        logger.info("Session %s: pinned=%s by user %s.", session.pk, pinned, by.pk)


# Places


def check_place(session: Session, *, room: Room | None, starts_at: dt.datetime) -> None:
    """Raise ValidationError when the session cannot go into this room at this time."""
    if session.pitch_session_id is not None:
        raise ValidationError(
            _(
                "This pitch is part of the pitch session “%(title)s”: it takes that "
                "session's place. Move the pitch session instead."
            ),
            params={"title": session.pitch_session.title},
            code="in_pitch_session",
        )
    if starts_at is None or starts_at.tzinfo is None:
        raise ValidationError(_("Give a start date and time."), code="no_start")
    if room is None and not session.takes_whole_venue:
        raise ValidationError(_("Choose a room."), code="no_room")
    if room is not None and room.venue.summit_id != session.summit_id:
        raise ValidationError(
            _("This room is not in one of the summit's venues."), code="foreign_room"
        )
    if not session.duration:
        raise ValidationError(
            _("Give the session a duration before placing it."), code="no_duration"
        )
    try:
        local_date = starts_at.astimezone(session.summit.tz).date()
    except OverflowError:
        # A time near year 1 or 9999 that the summit's time zone pushes out of range.
        local_date = None
    if local_date is None or day_of(session.summit, starts_at) is None:
        local_date = local_date or starts_at.date()
        raise ValidationError(
            _("%(date)s is not a day of the programme: add the day first."),
            params={"date": local_date.isoformat()},
            code="not_a_day",
        )


def place_session(session: Session, *, room: Room | None, starts_at: dt.datetime, by) -> Slot:
    """Put a session into a room at a time in the working agenda; return its working slot.

    The room must be in one of the summit's venues (a fixed item holding
    every room may have none), the start must fall on a programme day in the
    summit's time zone, and the session must have a duration: it ends that
    many minutes later. A pitch in a pitch session cannot be placed alone.
    Warnings (clashes, capacity…) never stop a placement. The session is
    read again, locked, so that a pitch grouped meanwhile by another
    organiser is not placed alone.

    Side effects:
    1. the working slot is saved with room, start and end;
    2. a log entry.
    """
    with transaction.atomic():
        # Not joined with its pitch session: on PostgreSQL a row locked after
        # another transaction changed it is read again, but a joined row is
        # not, so the new pitch session would come back empty.
        current = (
            Session.objects.select_for_update(of=("self",))
            .select_related("summit")
            .get(pk=session.pk)
        )
        check_place(current, room=room, starts_at=starts_at)
        slot = working_slot(current)
        slot.room = room
        slot.starts_at = starts_at
        slot.ends_at = starts_at + dt.timedelta(minutes=current.duration)
        slot.save(update_fields=["room", "starts_at", "ends_at"])
    logger.info(
        "Session %s placed in room %s at %s by user %s.",
        session.pk,
        room.pk if room else None,
        starts_at.isoformat(),
        by.pk,
    )
    return slot


def unschedule_session(session: Session, *, by) -> Slot:
    """Take a session out of the working agenda: it goes back to the unscheduled list.

    Side effects:
    1. the working slot is saved with no room, start or end;
    2. a log entry.
    """
    slot = working_slot(session)
    slot.room = None
    slot.starts_at = None
    slot.ends_at = None
    slot.save(update_fields=["room", "starts_at", "ends_at"])
    logger.info("Session %s unscheduled by user %s.", session.pk, by.pk)
    return slot


# Pitch sessions


def group_pitches(pitch_session: Session, *, pitches, by) -> int:
    """Put pitch-format sessions into a pitch session; return how many joined it.

    Every session given must be of the same summit, of a pitch format, and
    not a pitch session, a plenary or a break itself. A pitch takes its pitch
    session's place, so its own place is cleared.

    Side effects:
    1. each pitch's Session row is saved (pitch_session);
    2. each pitch's working slot is cleared (no room, start or end);
    3. a log entry.
    """
    if pitch_session.kind != Session.Kind.PITCHES:
        raise ValidationError(_("Pitches can only join a pitch session."), code="not_pitches")
    pitches = list(pitches)
    for pitch in pitches:
        if pitch.summit_id != pitch_session.summit_id:
            raise ValidationError(_("This session is not in the summit."), code="foreign")
        is_pitch_format = pitch.format_id is not None and pitch.format.kind == FormatKind.PITCH
        if pitch.kind != Session.Kind.SESSION or not is_pitch_format:
            raise ValidationError(
                _("“%(title)s” is not a pitch: only sessions of a pitch format can be grouped."),
                params={"title": pitch.title},
                code="not_a_pitch",
            )
    with transaction.atomic():
        ids = [pitch.pk for pitch in pitches]
        # Locked so that a placement of one of them at the same time waits,
        # then sees it grouped (see `place_session`).
        list(Session.objects.select_for_update().filter(pk__in=ids).values_list("pk"))
        Session.objects.filter(pk__in=ids).update(pitch_session=pitch_session)
        Slot.objects.filter(session__in=ids, release__isnull=True).update(
            room=None, starts_at=None, ends_at=None
        )
    logger.info(
        "Pitch session %s: %d pitches grouped by user %s.", pitch_session.pk, len(ids), by.pk
    )
    return len(ids)


def ungroup_pitch(pitch: Session, *, by) -> None:
    """Take a pitch out of its pitch session; it is then unscheduled, on its own.

    Side effects:
    1. the pitch's Session row is saved (pitch_session cleared);
    2. a log entry.
    """
    if apply_changes(pitch, {"pitch_session": None}, ("pitch_session",)):
        logger.info("Pitch %s taken out of its pitch session by user %s.", pitch.pk, by.pk)


# Speakers' unavailabilities


def add_unavailability(
    summit, *, user, starts_at: dt.datetime, ends_at: dt.datetime, note: str = "", by
) -> Unavailability:
    """Record a time when a speaker cannot speak.

    Side effects:
    1. the Unavailability row is written;
    2. a log entry.
    """
    if ends_at <= starts_at:
        raise ValidationError(_("The end must come after the start."), code="ends_before_it_starts")
    unavailability = Unavailability.objects.create(
        summit=summit, user=user, starts_at=starts_at, ends_at=ends_at, note=note
    )
    logger.info(
        "Summit %s: unavailability %s of user %s added by user %s.",
        summit.pk,
        unavailability.pk,
        user.pk,
        by.pk,
    )
    return unavailability


def delete_unavailability(unavailability: Unavailability, *, by) -> None:
    """Forget a speaker's unavailability.

    Side effects:
    1. the Unavailability row is deleted;
    2. a log entry.
    """
    unavailability_id = unavailability.pk
    unavailability.delete()
    logger.info("Unavailability %s deleted by user %s.", unavailability_id, by.pk)
