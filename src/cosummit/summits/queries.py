"""Reads of summits and events, and who may do what in a summit.

Every permission question goes through one of these helpers. A right comes
only from a role in the summit's team; being a superuser gives Django admin
access, not a role.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Event, Page, Role, Summit, TeamMembership


def roles_of(user, summit: Summit) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        TeamMembership.objects.filter(summit=summit, user=user).values_list("role", flat=True)
    )


def has_role(user, summit: Summit, *roles: str) -> bool:
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return TeamMembership.objects.filter(summit=summit, user=user, role__in=roles).exists()


def can_organise(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.ORGANISER)


def can_moderate(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.ORGANISER, Role.MODERATOR)


def can_review(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.REVIEWER)


def can_check_in(user, summit: Summit) -> bool:
    return has_role(user, summit, Role.ORGANISER, Role.CHECKIN)


def can_create_summit(user) -> bool:
    """Creating a new summit is for the platform's staff, who then organise it."""
    return user.is_authenticated and user.is_active and user.is_staff


def summits_organised_by(user) -> QuerySet[Summit]:
    if not user.is_authenticated:
        return Summit.objects.none()
    return Summit.objects.filter(team__user=user, team__role=Role.ORGANISER).distinct()


def visible_summits(user) -> QuerySet[Summit]:
    """Published summits, plus unpublished ones this user organises."""
    published = Summit.objects.filter(is_published=True)
    return (published | summits_organised_by(user)).distinct()


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
    pages = Page.objects.filter(summit=summit)
    if can_organise(user, summit):
        return pages
    return pages.filter(is_published=True)


def get_page_for_user(user, summit: Summit, slug: str) -> Page:
    page = pages_for_user(user, summit).filter(slug=slug).first()
    if page is None:
        raise Http404
    return page
