"""iCalendar (RFC 5545) feed of a summit's events."""

from collections.abc import Iterable

import icalendar
from django.utils import timezone

from .models import Event, Summit


def events_calendar(summit: Summit, events: Iterable[Event], *, base_url: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//cosummit//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", summit.name.localize().text)
    calendar.add("x-wr-timezone", summit.timezone)
    stamp = timezone.now()
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{summit.slug}.cosummit")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.starts_at.astimezone(event.tz))
        entry.add("dtend", event.ends_at.astimezone(event.tz))
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
    calendar.add_missing_timezones()
    return calendar.to_ical()
