"""iCalendar (RFC 5545) feed of a summit's events."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.utils import timezone

from .models import Event, Summit


def events_calendar(summit: Summit, events: Iterable[Event], *, base_url: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//cosummit//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", summit.name.localize().text)
    calendar.add("x-wr-timezone", summit.timezone)
    # The UID must not change when the summit is renamed, or calendars that
    # subscribed to the feed would show every event twice.
    host = urlsplit(base_url).hostname or "cosummit"
    stamp = timezone.now()
    first_day = last_day = None
    for event in events:
        starts_at = event.starts_at.astimezone(event.tz)
        ends_at = event.ends_at.astimezone(event.tz)
        first_day = min(first_day or starts_at.date(), starts_at.date())
        last_day = max(last_day or ends_at.date(), ends_at.date())
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", starts_at)
        entry.add("dtend", ends_at)
        entry.add("summary", event.title.localize().text)
        description = (event.summary or event.description).localize().text
        if description:
            entry.add("description", description)
        location = (
            ", ".join(
                filter(
                    None, [event.venue.name.localize().text, event.venue.address, event.venue.city]
                )
            )
            if event.venue
            else event.location or event.online_url
        )
        if location:
            entry.add("location", location)
        entry.add("url", base_url + event.get_absolute_url())
        entry.add("categories", [event.get_kind_display()])
        calendar.add_component(entry)
    if first_day is not None:
        # Without bounds, icalendar describes each time zone from 1970 to 2038
        # only: events after 2038 would get a wrong offset in clients that
        # trust the VTIMEZONE, and the feed would carry decades of rules.
        calendar.add_missing_timezones(
            first_date=first_day - dt.timedelta(days=1), last_date=last_day + dt.timedelta(days=1)
        )
    return calendar.to_ical()
