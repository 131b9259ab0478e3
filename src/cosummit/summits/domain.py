"""Writes to summits, their events, venues, rooms, pages and teams, and blocks.

Views, the API and commands all call these functions. They trust their
arguments: permissions are checked by the helpers of `queries.py` and input by
the forms of `forms.py` before they are called. `by` is the person acting,
written to the log so that an organiser's change can be traced.
"""

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cosummit.core.domain import apply_changes

from . import queries
from .models import Block, Event, Page, Role, Room, Summit, TeamMembership, Venue

logger = logging.getLogger(__name__)

# The fields organisers may change, in the order their forms show them.
SUMMIT_FIELDS = (
    "name",
    "slug",
    "tagline",
    "description",
    "start_date",
    "end_date",
    "city",
    "country",
    "timezone",
    "venue",
    "languages",
)
EVENT_FIELDS = (
    "kind",
    "title",
    "slug",
    "summary",
    "description",
    "starts_at",
    "ends_at",
    "timezone",
    "venue",
    "location",
    "online_url",
    "is_published",
)
VENUE_FIELDS = ("name", "address", "city", "country", "accessibility")
ROOM_FIELDS = (
    "venue",
    "name",
    "capacity",
    "accessibility",
    "is_step_free",
    "equipment",
    "interpretation_booths",
    "position",
)
PAGE_FIELDS = ("title", "slug", "body", "position", "is_published")


class LastOrganiserError(Exception):
    """Removing this role would leave the summit without any organiser."""


# Summits


def create_summit(
    *,
    by,
    name: dict,
    slug: str,
    start_date: dt.date,
    end_date: dt.date,
    city: str,
    country: str,
    timezone: str = "Europe/Paris",
    tagline: dict | None = None,
    description: dict | None = None,
    languages: list[str] | None = None,
) -> Summit:
    """Create an unpublished summit organised by `by`.

    Side effects, in one transaction:
    1. a summit row is written, not published;
    2. a team row makes `by` its organiser;
    3. a log entry.
    """
    with transaction.atomic():
        summit = Summit.objects.create(
            name=name,
            slug=slug,
            tagline=tagline or {},
            description=description or {},
            start_date=start_date,
            end_date=end_date,
            city=city,
            country=country,
            timezone=timezone,
            languages=languages or [],
            is_published=False,
        )
        TeamMembership.objects.create(summit=summit, user=by, role=Role.ORGANISER)
    logger.info("Summit %s created by user %s.", summit.slug, by.pk)
    return summit


def update_summit(summit: Summit, *, by, **changes) -> list[str]:
    """Change the summit's details (not its publication); return the changed fields.

    Side effects:
    1. the summit row is updated, changed fields only;
    2. a log entry when something changed.
    """
    changed = apply_changes(summit, changes, SUMMIT_FIELDS)
    if changed:
        logger.info("Summit %s: %s changed by user %s.", summit.slug, ", ".join(changed), by.pk)
    return changed


def set_summit_published(summit: Summit, *, is_published: bool, by) -> None:
    """Publish the summit (visitors see it) or take it back to a draft.

    Side effects:
    1. the summit row's `is_published` is updated;
    2. a log entry.
    """
    summit.is_published = is_published
    summit.save(update_fields=["is_published"])
    logger.info("Summit %s published=%s by user %s.", summit.slug, is_published, by.pk)


# Events


def create_event(
    summit: Summit,
    *,
    by,
    kind: str,
    title: dict,
    slug: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    summary: dict | None = None,
    description: dict | None = None,
    timezone: str = "",
    venue: Venue | None = None,
    location: str = "",
    online_url: str = "",
    is_published: bool = True,
) -> Event:
    """Add an event to the summit.

    Side effects:
    1. an event row is written;
    2. a log entry.
    """
    event = Event.objects.create(
        summit=summit,
        kind=kind,
        title=title,
        slug=slug,
        summary=summary or {},
        description=description or {},
        starts_at=starts_at,
        ends_at=ends_at,
        timezone=timezone,
        venue=venue,
        location=location,
        online_url=online_url,
        is_published=is_published,
    )
    logger.info("Summit %s: event %s created by user %s.", summit.slug, event.slug, by.pk)
    return event


def update_event(event: Event, *, by, **changes) -> list[str]:
    """Change an event; return the changed fields.

    Side effects:
    1. the event row is updated, changed fields only;
    2. a log entry when something changed.
    """
    changed = apply_changes(event, changes, EVENT_FIELDS)
    if changed:
        logger.info("Event %s: %s changed by user %s.", event.pk, ", ".join(changed), by.pk)
    return changed


def set_event_published(event: Event, *, is_published: bool, by) -> None:
    """Show the event to visitors, or hide it.

    Side effects:
    1. the event row's `is_published` is updated;
    2. a log entry.
    """
    event.is_published = is_published
    event.save(update_fields=["is_published"])
    logger.info("Event %s published=%s by user %s.", event.pk, is_published, by.pk)


def delete_event(event: Event, *, by) -> None:
    """Delete an event.

    Side effects:
    1. the event row is deleted, with the rows that belong to it;
    2. a log entry.
    """
    event_id = event.pk
    with transaction.atomic():
        event.delete()
    logger.info("Event %s deleted by user %s.", event_id, by.pk)


# Venues and rooms


def create_venue(
    summit: Summit,
    *,
    by,
    name: dict,
    city: str,
    country: str,
    address: str = "",
    accessibility: dict | None = None,
) -> Venue:
    """Add a venue to the summit.

    Side effects:
    1. a venue row is written;
    2. a log entry.
    """
    venue = Venue.objects.create(
        summit=summit,
        name=name,
        address=address,
        city=city,
        country=country,
        accessibility=accessibility or {},
    )
    logger.info("Summit %s: venue %s created by user %s.", summit.slug, venue.pk, by.pk)
    return venue


def update_venue(venue: Venue, *, by, **changes) -> list[str]:
    """Change a venue; return the changed fields.

    Side effects:
    1. the venue row is updated, changed fields only;
    2. a log entry when something changed.
    """
    changed = apply_changes(venue, changes, VENUE_FIELDS)
    if changed:
        logger.info("Venue %s: %s changed by user %s.", venue.pk, ", ".join(changed), by.pk)
    return changed


def delete_venue(venue: Venue, *, by) -> None:
    """Delete a venue and its rooms.

    Side effects, in one transaction:
    1. the venue's rooms are deleted;
    2. events held there, and the summit if it was its main venue, lose their venue;
    3. the venue row is deleted;
    4. a log entry.
    """
    venue_id = venue.pk
    with transaction.atomic():
        venue.delete()
    logger.info("Venue %s deleted by user %s.", venue_id, by.pk)


def create_room(
    venue: Venue,
    *,
    by,
    name: dict,
    capacity: int,
    accessibility: dict | None = None,
    is_step_free: bool = True,
    equipment: list[str] | None = None,
    interpretation_booths: list[str] | None = None,
    position: int = 0,
) -> Room:
    """Add a room to a venue.

    Side effects:
    1. a room row is written;
    2. a log entry.
    """
    room = Room.objects.create(
        venue=venue,
        name=name,
        capacity=capacity,
        accessibility=accessibility or {},
        is_step_free=is_step_free,
        equipment=list(equipment or []),
        interpretation_booths=list(interpretation_booths or []),
        position=position,
    )
    logger.info("Venue %s: room %s created by user %s.", venue.pk, room.pk, by.pk)
    return room


def update_room(room: Room, *, by, **changes) -> list[str]:
    """Change a room, possibly moving it to another venue; return the changed fields.

    Side effects:
    1. the room row is updated, changed fields only;
    2. a log entry when something changed.
    """
    changed = apply_changes(room, changes, ROOM_FIELDS)
    if changed:
        logger.info("Room %s: %s changed by user %s.", room.pk, ", ".join(changed), by.pk)
    return changed


def delete_room(room: Room, *, by) -> None:
    """Delete a room.

    Side effects:
    1. the room row is deleted;
    2. a log entry.
    """
    room_id = room.pk
    with transaction.atomic():
        room.delete()
    logger.info("Room %s deleted by user %s.", room_id, by.pk)


# Pages


def create_page(
    summit: Summit,
    *,
    by,
    title: dict,
    slug: str,
    body: dict,
    position: int = 0,
    is_published: bool = True,
) -> Page:
    """Add a page of organiser content to the summit.

    Side effects:
    1. a page row is written;
    2. a log entry.
    """
    page = Page.objects.create(
        summit=summit,
        title=title,
        slug=slug,
        body=body,
        position=position,
        is_published=is_published,
    )
    logger.info("Summit %s: page %s created by user %s.", summit.slug, page.slug, by.pk)
    return page


def update_page(page: Page, *, by, **changes) -> list[str]:
    """Change a page; return the changed fields.

    Side effects:
    1. the page row is updated, changed fields only;
    2. a log entry when something changed.
    """
    changed = apply_changes(page, changes, PAGE_FIELDS)
    if changed:
        logger.info("Page %s: %s changed by user %s.", page.pk, ", ".join(changed), by.pk)
    return changed


def delete_page(page: Page, *, by) -> None:
    """Delete a page.

    Side effects:
    1. the page row is deleted;
    2. a log entry.
    """
    page_id = page.pk
    with transaction.atomic():
        page.delete()
    logger.info("Page %s deleted by user %s.", page_id, by.pk)


# The team


def add_team_role(summit: Summit, *, user, role: str, by) -> tuple[TeamMembership, bool]:
    """Give `user` a role in the summit's team; return the row and whether it is new.

    Giving a role the person already holds changes nothing.

    Side effects:
    1. a team row is written, unless the person already holds the role;
    2. the roles kept for this request on `user` and `by` are forgotten;
    3. a log entry when it is written.
    """
    membership, created = TeamMembership.objects.get_or_create(summit=summit, user=user, role=role)
    queries.forget_roles(user)
    queries.forget_roles(by)
    if created:
        logger.info("Summit %s: user %s made %s by user %s.", summit.slug, user.pk, role, by.pk)
    return membership, created


def remove_team_role(membership: TeamMembership, *, by) -> None:
    """Take a role away from a team member, unless they are the last organiser.

    The summit's organiser rows are locked while they are counted, so that two
    organisers removing each other at once cannot leave the summit without one.

    Raises `LastOrganiserError`, changing nothing, when `membership` is the
    summit's only organiser role.

    Side effects:
    1. the team row is deleted, in a transaction;
    2. the roles kept for this request on the member and on `by` are forgotten;
    3. a log entry.
    """
    with transaction.atomic():
        if membership.role == Role.ORGANISER:
            organiser_ids = list(
                TeamMembership.objects.select_for_update()
                .filter(summit_id=membership.summit_id, role=Role.ORGANISER)
                .values_list("pk", flat=True)
            )
            if set(organiser_ids) <= {membership.pk}:
                raise LastOrganiserError
        membership.delete()
    queries.forget_roles(membership.user)
    queries.forget_roles(by)
    logger.info(
        "Summit %s: role %s of user %s removed by user %s.",
        membership.summit_id,
        membership.role,
        membership.user_id,
        by.pk,
    )


# Blocked people


def block_person(summit: Summit, *, user, by, reason: str = "") -> tuple[Block, bool]:
    """Block `user` from writing anywhere in `summit`; return the row and whether it is new.

    One list serves the whole summit: the call for proposals, its discussion
    and the toolbox all ask `queries.is_blocked`. Nobody blocks themselves and
    the summit's team cannot be blocked: `ValidationError`, changing nothing.
    Blocking a person already blocked keeps the existing row and its reason.
    Each app writes its own moderation log entry around this call.

    Side effects:
    1. a Block row is written, unless the person is already blocked;
    2. a log entry when it is written.
    """
    if user.pk == by.pk:
        raise ValidationError(_("You cannot block yourself."))
    if TeamMembership.objects.filter(summit=summit, user=user).exists():
        raise ValidationError(_("Members of the summit's team cannot be blocked."))
    block, created = Block.objects.get_or_create(
        summit=summit, user=user, defaults={"reason": reason[:500], "blocked_by": by}
    )
    if created:
        logger.info("Summit %s: user %s blocked by user %s.", summit.slug, user.pk, by.pk)
    return block, created


def unblock_person(summit: Summit, *, user, by) -> bool:
    """Let `user` write in `summit` again; return whether they were blocked.

    Side effects:
    1. the Block row is deleted, if there is one;
    2. a log entry when it is deleted.
    """
    deleted, _rows = Block.objects.filter(summit=summit, user=user).delete()
    if deleted:
        logger.info("Summit %s: user %s unblocked by user %s.", summit.slug, user.pk, by.pk)
    return bool(deleted)
