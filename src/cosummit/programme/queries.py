"""Reads of the programme shared by its pages, exports and API.

The public sees the latest release only; organisers work on the working
agenda (slots with no release).
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from cosummit.accounts.models import User
from cosummit.proposals.models import Support
from cosummit.summits.queries import get_summit_for_user

from .models import Release, Session, Slot, Star


def latest_release(summit) -> Release | None:
    return Release.objects.filter(summit=summit).order_by("-version").first()


def get_released_programme_for_user(user, slug: str):
    """The summit and its latest release, for anyone who may see the summit.

    404 when the summit is not visible to them; the release is None while
    nothing is released, and public pages say so.
    """
    summit = get_summit_for_user(user, slug)
    return summit, latest_release(summit)


def with_session_details(slots: QuerySet[Slot]) -> QuerySet[Slot]:
    """Slots with what a programme page shows of them, in a constant number of queries."""
    return slots.select_related(
        "room", "room__venue", "session", "session__track", "session__format"
    ).prefetch_related(
        Prefetch("session__speakers", queryset=User.objects.order_by("name", "pk")),
    )


def released_slots(release: Release | None) -> QuerySet[Slot]:
    """The placed slots of a release, by time and room; none without a release."""
    if release is None:
        return Slot.objects.none()
    return with_session_details(
        Slot.objects.filter(release=release, starts_at__isnull=False).order_by(
            "starts_at", "room__position", "room_id", "pk"
        )
    )


def working_slots(summit) -> QuerySet[Slot]:
    """Every working slot of the summit, placed or not, by time and room."""
    return with_session_details(
        Slot.objects.filter(session__summit=summit, release__isnull=True).order_by(
            "starts_at", "room__position", "room_id", "pk"
        )
    )


def programme_sessions(summit) -> QuerySet[Session]:
    return Session.objects.filter(summit=summit)


def get_session_or_404(summit, session_id: int) -> Session:
    session = Session.objects.filter(summit=summit, pk=session_id).first()
    if session is None:
        raise Http404
    return session


def interest_by_session(summit) -> dict[int, set[int]]:
    """Who showed interest in each session: supported its proposal or starred it.

    Keys are session ids, values the ids of the people; stars and supports
    by the same person count once.
    """
    interest: dict[int, set[int]] = {}
    supports = Support.objects.filter(
        proposal__session__summit=summit, proposal__session__isnull=False
    ).values_list("proposal__session", "user_id")
    stars = Star.objects.filter(session__summit=summit).values_list("session_id", "user_id")
    for session_id, user_id in [*supports, *stars]:
        interest.setdefault(session_id, set()).add(user_id)
    return interest


def expected_audience(session: Session, interest: dict[int, set[int]]) -> int:
    """The larger of the audience the session declared and the people interested in it."""
    return max(session.expected_audience or 0, len(interest.get(session.pk, ())))
