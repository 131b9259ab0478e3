"""schema.org descriptions of events, for search engines and calendars."""

from .models import Event

ATTENDANCE_MODE = "https://schema.org/{}EventAttendanceMode"


def event_json_ld(event: Event, *, url: str) -> dict:
    """The schema.org Event for `event`, in the active language."""
    summit = event.summit
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title.localize().text,
        "startDate": event.starts_at.astimezone(event.tz).isoformat(),
        "endDate": event.ends_at.astimezone(event.tz).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
        "superEvent": {
            "@type": "Event",
            "name": summit.name.localize().text,
            "startDate": summit.start_date.isoformat(),
            "endDate": summit.end_date.isoformat(),
        },
    }
    # inLanguage is the language the event is held in, not the site's languages.
    if summit.languages:
        data["inLanguage"] = summit.languages
    description = (event.summary or event.description).localize().text
    if description:
        data["description"] = description
    places = []
    if event.venue:
        address = {
            "streetAddress": event.venue.address,
            "addressLocality": event.venue.city,
            "addressCountry": event.venue.country.code,
        }
        places.append(
            {
                "@type": "Place",
                "name": event.venue.name.localize().text,
                "address": {"@type": "PostalAddress"}
                | {key: value for key, value in address.items() if value},
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
