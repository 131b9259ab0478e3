"""iCalendar (RFC 5545) files of programme slots.

The whole programme, a track, a session, or the sessions a participant starred.
"""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.utils import timezone

from cosummit.summits.models import Summit

from .exports import all_speakers_of, pitches_text, session_url_maker, slot_room_name, speaker_name
from .models import Slot


def calendar_for_slots(summit: Summit, slots: Iterable[Slot], *, base_url: str, name: str) -> bytes:
    """A calendar named `name` with one event per placed slot.

    `slots` need their session, room, track and speakers loaded
    (`queries.with_session_details`); unplaced slots are left out. `base_url`
    is the site's address without a trailing slash.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//cosummit//programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", summit.timezone)
    # The UID comes from the session's guid, which never changes: a calendar
    # that subscribed to the feed updates a session that moved instead of
    # showing it twice.
    host = urlsplit(base_url).hostname or "cosummit"
    stamp = timezone.now()
    tz = summit.tz
    url_for = session_url_maker(summit, base_url=base_url)
    first_day = last_day = None
    for slot in slots:
        if slot.starts_at is None:
            continue
        session = slot.session
        starts_at = slot.starts_at.astimezone(tz)
        ends_at = (slot.ends_at or slot.starts_at).astimezone(tz)
        first_day = min(first_day or starts_at.date(), starts_at.date())
        last_day = max(last_day or ends_at.date(), ends_at.date())
        entry = icalendar.Event()
        entry.add("uid", f"{session.guid}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", starts_at)
        entry.add("dtend", ends_at)
        entry.add("summary", session.title)
        speakers = ", ".join(speaker_name(user) for user in all_speakers_of(session))
        description = "\n\n".join(filter(None, [speakers, session.abstract, pitches_text(session)]))
        if description:
            entry.add("description", description)
        room = slot_room_name(slot)
        venue = slot.room.venue if slot.room is not None else None
        entry.add("location", f"{room}, {venue.name}" if venue is not None else room)
        url = url_for(session.pk)
        if url:
            entry.add("url", url)
        if session.track is not None:
            entry.add("categories", [str(session.track.name)])
        calendar.add_component(entry)
    if first_day is not None:
        # Without bounds, icalendar describes each time zone from 1970 to 2038
        # only; with them, the file carries the rules of the summit's days.
        calendar.add_missing_timezones(
            first_date=first_day - dt.timedelta(days=1), last_date=last_day + dt.timedelta(days=1)
        )
    return calendar.to_ical()
