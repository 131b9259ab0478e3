"""Participants' own agenda: the sessions they star, and its private calendar address.

A star is kept on the server: it puts the session in the participant's agenda
and counts as interest for the scheduler. Only sessions of the published
programme (the latest release) of a summit the participant may see can be
starred; unstarring works on any star, so that a session removed from a later
release can still leave one's agenda.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cosummit.summits.queries import can_organise

from .models import CalendarFeed, Session, Slot, Star, new_feed_token
from .queries import latest_release


def is_released(session: Session) -> bool:
    """Whether `session` has a place in its summit's latest release."""
    release = latest_release(session.summit)
    if release is None:
        return False
    return Slot.objects.filter(release=release, session=session, starts_at__isnull=False).exists()


def star_session(session: Session, *, user) -> Star:
    """Put `session` in `user`'s agenda; starring it again changes nothing.

    Refused with a ValidationError when the session is not in the published
    programme or its summit is not visible to the user. Side effects, in
    order: the Star row is written, once.
    """
    summit = session.summit
    if not user.is_authenticated or not user.is_active:
        raise ValidationError(_("Log in to star sessions."))
    if not summit.is_published and not can_organise(user, summit):
        raise ValidationError(_("Only sessions of the published programme can be starred."))
    if not is_released(session):
        raise ValidationError(_("Only sessions of the published programme can be starred."))
    existing = Star.objects.filter(session=session, user=user).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Star.objects.create(session=session, user=user)
    except IntegrityError:
        # Two clicks at the same moment: the other request wrote the star.
        return Star.objects.get(session=session, user=user)


def unstar_session(session: Session, *, user) -> bool:
    """Take `session` out of `user`'s agenda; whether there was a star to remove.

    Side effects, in order: the user's Star row for the session is deleted.
    """
    deleted, _rows = Star.objects.filter(session=session, user=user).delete()
    return deleted > 0


def starred_session_ids(summit, user) -> set[int]:
    """The ids of the sessions of `summit` that `user` starred (one query; none when anonymous)."""
    if not user.is_authenticated:
        return set()
    return set(
        Star.objects.filter(session__summit=summit, user=user).values_list("session_id", flat=True)
    )


def calendar_feed_of(summit, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(summit=summit, user=user).first()


def create_calendar_feed(summit, *, user) -> CalendarFeed:
    """The secret address of `user`'s agenda in `summit`, made the first time only.

    Side effects, in order: the CalendarFeed row is written with a new token,
    unless the user has one already.
    """
    feed, _created = CalendarFeed.objects.get_or_create(summit=summit, user=user)
    return feed


def reset_calendar_feed(summit, *, user) -> CalendarFeed:
    """Give `user` a new secret address; the old one stops working at once.

    Side effects, in order: the CalendarFeed row gets a new token (written
    when there was none).
    """
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(summit=summit, user=user).first()
        if feed is None:
            return CalendarFeed.objects.create(summit=summit, user=user)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed
