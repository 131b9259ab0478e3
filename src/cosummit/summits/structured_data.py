"""schema.org descriptions of events, for search engines and calendars."""

from django.conf import settings

from .models import Event

ATTENDANCE_MODE = "https://schema.org/{}EventAttendanceMode"


def event_json_ld(event: Event, *, url: str) -> dict:
    """The schema.org Event for `event`, in the active language."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title.localize().text,
        "startDate": event.starts_at.astimezone(event.tz).isoformat(),
        "endDate": event.ends_at.astimezone(event.tz).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
        "inLanguage": [code for code, _name in settings.LANGUAGES],
        "superEvent": {"@type": "Event", "name": event.summit.name.localize().text},
    }
    description = (event.summary or event.description).localize().text
    if description:
        data["description"] = description
    places = []
    if event.venue:
        places.append(
            {
                "@type": "Place",
                "name": event.venue.name.localize().text,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.venue.address,
                    "addressLocality": event.venue.city,
                    "addressCountry": event.venue.country.code,
                },
            }
        )
    elif event.location:
        places.append({"@type": "Place", "name": event.location, "address": event.location})
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    mode = "Mixed" if len(places) > 1 else ("Online" if event.online_url else "Offline")
    data["eventAttendanceMode"] = ATTENDANCE_MODE.format(mode)
    return data
