import datetime as dt
import io
import zoneinfo

import icalendar
import pytest
import segno
from PIL import Image

from cosummit.registration.tickets import qr_png, qr_svg, ticket_ics
from tests.factories import EventFactory, VenueFactory
from tests.registration.factories import RegistrationFactory, RegistrationSetupFactory

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def registration(db):
    event = EventFactory(
        title={"fr": "Atelier transparence", "en": "Transparency workshop"},
        starts_at=dt.datetime(2030, 12, 7, 9, 0, tzinfo=PARIS),
        ends_at=dt.datetime(2030, 12, 7, 12, 30, tzinfo=PARIS),
    )
    event.venue = VenueFactory(summit=event.summit)
    event.save()
    RegistrationSetupFactory(event=event)
    return RegistrationFactory(event=event, language="en")


def modules_of(png: bytes, *, scale: int = 8, border: int = 4) -> list[list[bool]]:
    """Read the dark modules back from the PNG, one sample in the middle of each."""
    image = Image.open(io.BytesIO(png)).convert("L")
    size = image.width // scale - 2 * border
    return [
        [
            image.getpixel(((border + x) * scale + scale // 2, (border + y) * scale + scale // 2))
            < 128
            for x in range(size)
        ]
        for y in range(size)
    ]


def test_the_qr_png_is_a_full_qr_code_of_the_registration_code(registration):
    png = qr_png(registration)

    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width == image.height
    expected = segno.make_qr(registration.code, error="m")
    assert expected.is_micro is False
    assert modules_of(png) == [[bool(bit) for bit in row] for row in expected.matrix]


def test_the_qr_png_does_not_hold_the_private_token(registration):
    by_token = segno.make_qr(registration.token, error="m")

    assert modules_of(qr_png(registration)) != [[bool(b) for b in row] for row in by_token.matrix]


def test_the_qr_svg_can_be_placed_in_a_page_under_the_content_security_policy(registration):
    svg = qr_svg(registration)

    assert svg.startswith("<svg")
    assert 'class="qr-code"' in svg
    assert "viewBox=" in svg
    assert f"<title>QR code of registration {registration.code}</title>" in svg
    assert "style=" not in svg
    assert "<script" not in svg


def test_the_calendar_file_describes_the_event_in_its_time_zone(registration):
    calendar = icalendar.Calendar.from_ical(ticket_ics(registration))

    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Transparency workshop"
    assert entry.decoded("dtstart") == dt.datetime(2030, 12, 7, 9, 0, tzinfo=PARIS)
    assert entry["dtstart"].params["TZID"] == "Europe/Paris"
    assert entry.decoded("dtend") == dt.datetime(2030, 12, 7, 12, 30, tzinfo=PARIS)
    assert str(entry["uid"]) == f"registration-{registration.pk}@127.0.0.1"
    link = f"http://127.0.0.1:8000/en/registrations/{registration.token}/"
    assert str(entry["description"]) == (
        f"Registration code: {registration.code}\nYour registration: {link}"
    )
    assert str(entry["url"]) == link
    assert str(entry["location"]) == "Palais d'Iéna, 9 place d'Iéna, Paris"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_the_calendar_file_is_in_the_registrant_language(registration):
    registration.language = "fr"

    (entry,) = icalendar.Calendar.from_ical(ticket_ics(registration)).walk("VEVENT")

    assert str(entry["summary"]) == "Atelier transparence"
    assert f"/fr/registrations/{registration.token}/" in str(entry["description"])


def test_an_online_event_gives_its_link_as_location(db):
    event = EventFactory(online_url="https://meet.example.org/ogp")
    registration = RegistrationFactory(event=event)

    (entry,) = icalendar.Calendar.from_ical(ticket_ics(registration)).walk("VEVENT")

    assert str(entry["location"]) == "https://meet.example.org/ogp"
