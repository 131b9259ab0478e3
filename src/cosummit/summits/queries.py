"""Reads of summits and events, and who may do what in a summit.

Every permission question goes through one of these helpers. A right comes
only from a role in the summit's team; being a superuser gives Django admin
access, not a role.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Block, Event, Page, Role, Room, Summit, TeamMembership, Venue


def roles_of(user, summit: Summit) -> frozenset[str]:
    """The roles `user` holds in `summit`'s team.

    A page asks several permission questions about the same person and summit;
    the answer is kept on the user object, which lives for one request, so that
    they cost one query together.
    """
    if not user.is_authenticated:
        return frozenset()
    if not user.is_active:
        return frozenset()
    known = user.__dict__.setdefault("_summit_roles", {})
    if summit.pk not in known:
        known[summit.pk] = frozenset(
            TeamMembership.objects.filter(summit=summit, user=user).values_list("role", flat=True)
        )
    return known[summit.pk]


def forget_roles(user) -> None:
    """Drop the roles kept on `user`, after they changed during the request."""
    user.__dict__.pop("_summit_roles", None)


def has_role(user, summit: Summit, *roles: str) -> bool:
    return not roles_of(user, summit).isdisjoint(roles)


def can_organise(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.ORGANISER)


def can_moderate(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.ORGANISER, Role.MODERATOR)


def can_review(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.REVIEWER)


def can_check_in(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.ORGANISER, Role.CHECKIN)


def is_blocked(user, summit: Summit) -> bool:
    """Whether the moderators blocked `user` from writing anywhere in `summit`."""
    if not user.is_authenticated:
        return False
    return Block.objects.filter(summit=summit, user=user).exists()


def can_create_summit(user) -> bool:
    """Creating a new summit is for the platform's staff, who then organise it."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return user.is_staff


def summits_organised_by(user) -> QuerySet[Summit]:
    if not user.is_authenticated:
        return Summit.objects.none()
    if not user.is_active:
        return Summit.objects.none()
    return Summit.objects.filter(team__user=user, team__role=Role.ORGANISER).distinct()


def visible_summits(user) -> QuerySet[Summit]:
    """Published summits, plus unpublished ones this user organises."""
    # A subquery rather than `|`: Django cannot OR a distinct queryset with
    # another one, and the join would repeat a summit for each of its roles.
    organised = summits_organised_by(user).values("pk")
    return Summit.objects.filter(is_published=True) | Summit.objects.filter(pk__in=organised)


def get_summit_for_user(user, slug: str) -> Summit:
    """The summit a visitor may see: published, or organised by them."""
    summit = Summit.objects.filter(slug=slug).select_related("venue").first()
    if summit is None:
        raise Http404
    if not summit.is_published and not can_organise(user, summit):
        raise Http404
    return summit


def get_summit_for_organiser(user, slug: str) -> Summit:
    """The summit this user organises; others get 404 so that drafts stay secret."""
    summit = Summit.objects.filter(slug=slug).select_related("venue").first()
    if summit is None:
        raise Http404
    if not can_organise(user, summit):
        raise Http404
    return summit


def events_for_user(user, summit: Summit) -> QuerySet[Event]:
    events = Event.objects.filter(summit=summit).select_related("summit", "venue")
    if can_organise(user, summit):
        return events
    return events.filter(is_published=True)


def upcoming(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.filter(ends_at__gte=timezone.now())


def past(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")


def get_event_for_user(user, summit: Summit, slug: str) -> Event:
    event = events_for_user(user, summit).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def pages_for_user(user, summit: Summit) -> QuerySet[Page]:
    pages = Page.objects.filter(summit=summit).select_related("summit")
    if can_organise(user, summit):
        return pages
    return pages.filter(is_published=True)


def get_page_for_user(user, summit: Summit, slug: str) -> Page:
    page = pages_for_user(user, summit).filter(slug=slug).first()
    if page is None:
        raise Http404
    return page


# The organiser area. Each helper finds the object inside the summit named in
# the address, then checks that the user organises that summit; anyone else
# gets 404, so that the organiser area reveals nothing, not even whether an
# object exists.


def get_event_for_organiser(user, summit_slug: str, event_slug: str) -> Event:
    event = (
        Event.objects.filter(summit__slug=summit_slug, slug=event_slug)
        .select_related("summit", "venue")
        .first()
    )
    if event is None:
        raise Http404
    if not can_organise(user, event.summit):
        raise Http404
    return event


def get_venue_for_organiser(user, summit_slug: str, venue_id: int) -> Venue:
    venue = (
        Venue.objects.filter(summit__slug=summit_slug, pk=venue_id).select_related("summit").first()
    )
    if venue is None:
        raise Http404
    if not can_organise(user, venue.summit):
        raise Http404
    return venue


def get_room_for_organiser(user, summit_slug: str, room_id: int) -> Room:
    room = (
        Room.objects.filter(venue__summit__slug=summit_slug, pk=room_id)
        .select_related("venue__summit")
        .first()
    )
    if room is None:
        raise Http404
    if not can_organise(user, room.venue.summit):
        raise Http404
    return room


def get_page_for_organiser(user, summit_slug: str, page_id: int) -> Page:
    page = (
        Page.objects.filter(summit__slug=summit_slug, pk=page_id).select_related("summit").first()
    )
    if page is None:
        raise Http404
    if not can_organise(user, page.summit):
        raise Http404
    return page


def get_team_role_for_organiser(user, summit_slug: str, membership_id: int) -> TeamMembership:
    membership = (
        TeamMembership.objects.filter(summit__slug=summit_slug, pk=membership_id)
        .select_related("summit", "user")
        .first()
    )
    if membership is None:
        raise Http404
    if not can_organise(user, membership.summit):
        raise Http404
    return membership


# Lists for the organiser area; the summit comes from a helper above.


def organiser_events(summit: Summit) -> QuerySet[Event]:
    """Every event of the summit, published or not, past or upcoming."""
    return Event.objects.filter(summit=summit).select_related("summit", "venue")


def venues_with_rooms(summit: Summit) -> QuerySet[Venue]:
    return Venue.objects.filter(summit=summit).prefetch_related("rooms")


def summit_pages(summit: Summit) -> QuerySet[Page]:
    return Page.objects.filter(summit=summit).select_related("summit")


def team_of(summit: Summit) -> QuerySet[TeamMembership]:
    """The summit's team roles, one person's roles together."""
    return (
        TeamMembership.objects.filter(summit=summit)
        .select_related("user")
        .order_by("user__email", "role")
    )


def blocked_people(summit: Summit) -> QuerySet[Block]:
    """The people blocked in `summit`, latest first, for its moderators."""
    return Block.objects.filter(summit=summit).select_related("user").order_by("-created_at", "-pk")
