"""The e-mails of the hackathon, each in its recipient's language.

A message is rendered from two templates under `hackathon/mail/`
(`<name>_subject.txt` and `<name>.txt`) with the recipient's preferred
language active. Messages go to the default mailer, the outbox: sent inside
the transaction that made the change, they are stored with it or not at all.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cosummit.summits.models import Event

SUMMIT_HEADER = "X-Cosummit-Summit"


def language_of(user) -> str:
    """The person's preferred language when the site speaks it, else the site's language."""
    known = {code for code, _name in settings.LANGUAGES}
    preferred = getattr(user, "preferred_language", "")
    return preferred if preferred in known else settings.LANGUAGE_CODE


def absolute_url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


def send(user, event: Event, name: str, **context) -> None:
    """Queue the message `name` to `user`, about `event`, in the person's language."""
    language = language_of(user)
    with translation.override(language):
        context = {
            "person": user,
            "event_title": event.title.localize(language).text,
            "summit_name": event.summit.name.localize(language).text,
            "language": language,
            **{
                key: value(language) if callable(value) else value for key, value in context.items()
            },
        }
        subject = render_to_string(f"hackathon/mail/{name}_subject.txt", context)
        body = render_to_string(f"hackathon/mail/{name}.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[user.email],
        headers={SUMMIT_HEADER: event.summit.slug},
    ).send()
