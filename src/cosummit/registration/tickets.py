"""The ticket of a confirmed registration: its QR code and its calendar entry.

The QR code holds the registration code only, the same eight characters that
are printed under it, so that a check-in volunteer can scan it or type it.
"""

import datetime as dt
import io
from urllib.parse import urlsplit

import icalendar
import segno
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Registration


def _qr(registration: Registration) -> segno.QRCode:
    # A full QR code, never a Micro QR code: phone cameras and the browser's
    # barcode detector read only the former.
    return segno.make_qr(registration.code, error="m")


def qr_png(registration: Registration, *, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    _qr(registration).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(registration: Registration, *, scale: int = 6) -> str:
    """The QR code as an inline SVG element for pages; it scales with its container."""
    title = _("QR code of registration %(code)s") % {"code": registration.code}
    return _qr(registration).svg_inline(
        scale=scale, border=4, title=title, svgclass="qr-code", lineclass=None, omitsize=True
    )


def language_of(language: str) -> str:
    """`language` when the site speaks it, else the site's language."""
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def private_url(registration: Registration, name: str = "detail") -> str:
    """An absolute link to one of the registrant's private pages, in their language."""
    from django.urls import reverse

    with translation.override(language_of(registration.language)):
        path = reverse(f"registration:{name}", kwargs={"token": registration.token})
    return settings.SITE_URL + path


def ticket_ics(registration: Registration) -> bytes:
    """An iCalendar file with the event, the registration code in its description."""
    event = registration.event
    language = language_of(registration.language)
    with translation.override(language):
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//cosummit//registration//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "PUBLISH")
        starts_at = event.starts_at.astimezone(event.tz)
        ends_at = event.ends_at.astimezone(event.tz)
        entry = icalendar.Event()
        host = urlsplit(settings.SITE_URL).hostname or "cosummit"
        entry.add("uid", f"registration-{registration.pk}@{host}")
        entry.add("dtstamp", timezone.now())
        entry.add("dtstart", starts_at)
        entry.add("dtend", ends_at)
        entry.add("summary", event.title.localize(language).text)
        link = private_url(registration)
        description = _("Registration code: %(code)s\nYour registration: %(link)s") % {
            "code": registration.code,
            "link": link,
        }
        entry.add("description", description)
        location = event_location(event, language)
        if location:
            entry.add("location", location)
        entry.add("url", link)
        calendar.add_component(entry)
        calendar.add_missing_timezones(
            first_date=starts_at.date() - dt.timedelta(days=1),
            last_date=ends_at.date() + dt.timedelta(days=1),
        )
    return calendar.to_ical()


def event_location(event, language: str) -> str:
    if event.venue_id:
        venue = event.venue
        parts = [venue.name.localize(language).text, venue.address, venue.city]
        return ", ".join(part for part in parts if part)
    return event.location or event.online_url
