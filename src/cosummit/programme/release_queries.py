"""Reads of the programme's releases and their changes, for the public and organisers' pages."""

import datetime as dt
from dataclasses import dataclass

from cosummit.core.i18n import TranslatedText
from cosummit.summits.models import Room

from .models import Release

CHANGE_KINDS = ("added", "moved", "removed")


@dataclass
class Place:
    room: object  # the room's name, translated when the room still exists
    starts_at: dt.datetime
    ends_at: dt.datetime | None


@dataclass
class Change:
    session: int
    title: str
    change: str  # "added", "moved" or "removed"
    before: Place | None
    after: Place | None


def summit_room_names(summit) -> dict[int, TranslatedText]:
    return {
        pk: TranslatedText(name or {})
        for pk, name in Room.objects.filter(venue__summit=summit).values_list("pk", "name")
    }


def _place(place: dict | None, room_names: dict) -> Place | None:
    if place is None:
        return None
    return Place(
        room=room_names.get(place.get("room"), place.get("room_name", "")),
        starts_at=dt.datetime.fromisoformat(place["starts_at"]),
        ends_at=dt.datetime.fromisoformat(place["ends_at"]) if place.get("ends_at") else None,
    )


def changes_for_display(changes: list[dict], room_names: dict) -> list[Change]:
    """A release's `changes` JSON as objects a template shows, with today's room names."""
    return [
        Change(
            session=entry["session"],
            title=entry["title"],
            change=entry["change"],
            before=_place(entry.get("before"), room_names),
            after=_place(entry.get("after"), room_names),
        )
        for entry in changes
    ]


def change_counts(changes: list[dict]) -> dict[str, int]:
    counts = dict.fromkeys(CHANGE_KINDS, 0)
    for entry in changes:
        counts[entry["change"]] = counts.get(entry["change"], 0) + 1
    return counts


def summit_releases(summit):
    """The summit's releases, latest first, with who released them."""
    return Release.objects.filter(summit=summit).select_related("released_by").order_by("-version")


def releases_with_changes(summit, releases=None) -> list[dict]:
    """Each release with its changes ready to show, in two queries whatever their number."""
    room_names = summit_room_names(summit)
    return [
        {
            "release": release,
            "changes": changes_for_display(release.changes, room_names),
            "counts": change_counts(release.changes),
        }
        for release in (releases if releases is not None else summit_releases(summit))
    ]
