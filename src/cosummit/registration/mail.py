"""The e-mails a registrant receives, each in their own language.

Every message is rendered from three templates under `registration/mail/`
(`<name>_subject.txt`, `<name>.txt`, `<name>.html`) with the registrant's
language active and the event's time zone current, so that dates read as they
will on the day. Messages go to the default mailer, the outbox: sent inside the
transaction that changed the registration, they are stored with it or not at
all.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Registration
from .tickets import event_location, language_of, private_url, qr_png, ticket_ics

SUMMIT_HEADER = "X-Cosummit-Summit"


def _context(registration: Registration, language: str, extra: dict) -> dict:
    event = registration.event
    summit = event.summit
    with translation.override(language):
        register_path = reverse(
            "registration:register", kwargs={"summit": summit.slug, "event": event.slug}
        )
    return {
        "registration": registration,
        "event": event,
        "event_title": event.title.localize(language).text,
        "summit_name": summit.name.localize(language).text,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "same_day": event.starts_at.astimezone(event.tz).date()
        == event.ends_at.astimezone(event.tz).date(),
        "time_zone": event.tz.key,
        "location": event_location(event, language),
        "status": registration.get_status_display(),
        "detail_url": private_url(registration, "detail"),
        "confirm_url": private_url(registration, "confirm"),
        "cancel_url": private_url(registration, "cancel"),
        "register_url": settings.SITE_URL + register_path,
        "site_url": settings.SITE_URL,
        "language": language,
        **extra,
    }


def render(registration: Registration, name: str, **extra) -> tuple[str, str, str]:
    """The subject, plain text and HTML of one message to `registration`."""
    language = language_of(registration.language)
    with translation.override(language), timezone.override(registration.event.tz):
        context = _context(registration, language, extra)
        subject = render_to_string(f"registration/mail/{name}_subject.txt", context)
        text = render_to_string(f"registration/mail/{name}.txt", context)
        html = render_to_string(f"registration/mail/{name}.html", context)
    # A subject is one line, whatever the template's line breaks.
    return " ".join(subject.split()), text, html


def _message(registration: Registration, name: str, **extra) -> EmailMultiAlternatives:
    subject, text, html = render(registration, name, **extra)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[registration.email],
        headers={SUMMIT_HEADER: registration.event.summit.slug},
    )
    message.attach_alternative(html, "text/html")
    return message


def send(registration: Registration, name: str, **extra) -> None:
    """Queue the message `name` to the registrant."""
    _message(registration, name, **extra).send()


def send_ticket(registration: Registration) -> None:
    """Queue the ticket: the code, the QR code as a PNG and the event as an .ics file."""
    message = _message(registration, "ticket")
    code = registration.code
    message.attach(f"ticket-{code}.png", qr_png(registration), "image/png")
    message.attach(f"{code}.ics", ticket_ics(registration), "text/calendar")
    message.send()


def send_to_registrants(registrations, *, subject: str, body: str) -> int:
    """Queue one plain-text message from the organisers to each registration."""
    messages = []
    for registration in registrations:
        language = language_of(registration.language)
        event = registration.event
        with translation.override(language), timezone.override(event.tz):
            context = _context(registration, language, {"body": body})
            text = render_to_string("registration/mail/message.txt", context)
        messages.append(
            EmailMultiAlternatives(
                subject=" ".join(subject.split()),
                body=text,
                to=[registration.email],
                headers={SUMMIT_HEADER: event.summit.slug},
            )
        )
    if messages:
        mailers.default.send_messages(messages)
    return len(messages)
