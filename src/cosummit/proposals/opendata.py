"""The public proposals as open data, in CSV and JSON.

Public fields only: what the gallery and the proposal pages show. Never the
speakers' e-mail addresses, the answers to the organisers' questions, drafts
or hidden proposals.
"""

import csv
import io
from collections.abc import Iterable

from django.conf import settings
from django.db.models import QuerySet

from cosummit.core.i18n import TranslatedText

from .models import Proposal

CSV_COLUMNS = (
    "id",
    "title",
    "abstract",
    "language",
    "other_language",
    "other_title",
    "other_abstract",
    "format",
    "track",
    "session_language",
    "organisations",
    "organisation_types",
    "organisation_countries",
    "co_led",
    "supports",
    "comments",
    "submitted_at",
    "url",
)


def for_open_data(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return (
        proposals.select_related("format", "track")
        .prefetch_related("organisations")
        .order_by("pk")
        .only(
            "pk",
            "summit_id",
            "title",
            "abstract",
            "language",
            "other_language",
            "other_title",
            "other_abstract",
            "format__name",
            "track__slug",
            "track__name",
            "session_language",
            "is_co_led",
            "supports_count",
            "comments_count",
            "submitted_at",
        )
    )


def _name(translated, language: str) -> str:
    if not translated:
        return ""
    return TranslatedText(translated).localize(language).text


def record(proposal: Proposal, *, summit_slug: str, language: str, base_url: str) -> dict:
    """One proposal as a JSON object of public fields."""
    url = f"{base_url}/{language}/{summit_slug}/proposals/{proposal.pk}/"
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "abstract": proposal.abstract,
        "language": proposal.language,
        "other_language": proposal.other_language,
        "other_title": proposal.other_title,
        "other_abstract": proposal.other_abstract,
        "format": _name(proposal.format.name, language) if proposal.format else "",
        "track": _name(proposal.track.name, language) if proposal.track else "",
        "track_slug": proposal.track.slug if proposal.track else "",
        "session_language": proposal.session_language,
        "organisations": [
            {
                "name": organisation.name,
                "type": organisation.organisation_type,
                "country": organisation.country.code or "",
            }
            for organisation in proposal.organisations.all()
        ],
        "co_led": proposal.is_co_led,
        "supports": proposal.supports_count,
        "comments": proposal.comments_count,
        "submitted_at": proposal.submitted_at.isoformat() if proposal.submitted_at else None,
        "url": url,
    }


def records(
    proposals: Iterable[Proposal], *, summit_slug: str, language: str, base_url: str = ""
) -> list[dict]:
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    return [
        record(proposal, summit_slug=summit_slug, language=language, base_url=base_url)
        for proposal in proposals
    ]


def to_csv(rows: list[dict]) -> str:
    """The records as CSV; several organisations are joined with " | " in their column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        organisations = row["organisations"]
        flat = {
            **row,
            "organisations": " | ".join(org["name"] for org in organisations),
            "organisation_types": " | ".join(org["type"] for org in organisations),
            "organisation_countries": " | ".join(org["country"] for org in organisations),
            "co_led": "yes" if row["co_led"] else "no",
            "submitted_at": row["submitted_at"] or "",
        }
        writer.writerow([_safe_cell(flat[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _safe_cell(value) -> str:
    """A cell that a spreadsheet will not run as a formula."""
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
