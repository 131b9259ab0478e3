"""The registrations of an event as CSV, for the organisers' page and the API.

One row per registration, every field, then one column per question with the
answer as a reader sees it. Spreadsheet programs run a cell that starts with
=, +, - or @ as a formula, so such cells are written with a leading quote.
"""

import csv
import io

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cosummit.core.questions import display_answer

from .models import Registration

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return f"'{text}"
    return text


def _when(value, zone) -> str:
    return value.astimezone(zone).isoformat(timespec="seconds") if value else ""


def header(questions, language: str) -> list[str]:
    with translation.override(language):
        return [
            _("Registration code"),
            pgettext("registration", "Status"),
            _("Category"),
            _("Name"),
            _("E-mail address"),
            _("Organisation"),
            _("Organisation type"),
            _("Country"),
            _("Language"),
            _("Registered at"),
            _("On the waiting list since"),
            _("Confirm before"),
            _("Confirmed at"),
            _("Cancelled at"),
            _("Checked in at"),
            _("Checked in by"),
            _("Consent version"),
            _("Consented at"),
            *[question.label.localize(language).text for question in questions],
        ]


def row(registration: Registration, questions, language: str) -> list[str]:
    zone = registration.event.tz
    answers = registration.answers or {}
    checked_in_by = registration.checked_in_by
    with translation.override(language):
        return [
            registration.code,
            registration.get_status_display(),
            registration.get_category_display(),
            registration.name,
            registration.email,
            registration.organisation,
            registration.get_organisation_type_display(),
            registration.country.name if registration.country else "",
            registration.language,
            _when(registration.created_at, zone),
            _when(registration.waiting_since, zone),
            _when(registration.hold_expires_at, zone),
            _when(registration.confirmed_at, zone),
            _when(registration.cancelled_at, zone),
            _when(registration.checked_in_at, zone),
            (checked_in_by.name or checked_in_by.email) if checked_in_by else "",
            registration.consent_version or "",
            _when(registration.consented_at, zone),
            *[
                display_answer(question, answers.get(str(question.pk)), language)
                for question in questions
            ],
        ]


def registrations_csv(registrations, questions, *, language: str) -> str:
    """The CSV text; `registrations` should select `event__summit` and `checked_in_by`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header(questions, language)])
    for registration in registrations:
        writer.writerow([safe_cell(cell) for cell in row(registration, questions, language)])
    return buffer.getvalue()


def csv_filename(event) -> str:
    return f"registrations-{event.summit.slug}-{event.slug}.csv"
