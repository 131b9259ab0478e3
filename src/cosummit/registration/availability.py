"""Whether people can register for an event, as its public pages say it."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from . import queries
from .models import RegistrationSetup


@dataclass(frozen=True)
class Availability:
    NOT_ENABLED = "not_enabled"
    NOT_YET_OPEN = "not_yet_open"
    OPEN = "open"
    CLOSED = "closed"

    state: str
    setup: RegistrationSetup | None = None
    seats_left: int | None = None

    @property
    def is_enabled(self) -> bool:
        return self.state != self.NOT_ENABLED

    @property
    def is_open(self) -> bool:
        return self.state == self.OPEN

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    @property
    def opens_at(self) -> datetime | None:
        return self.setup.opens_at if self.setup else None

    @property
    def closes_at(self) -> datetime | None:
        return self.setup.closes_at if self.setup else None


def availability(
    event, *, setup: RegistrationSetup | None = None, now=None, count: bool = True
) -> Availability:
    """The state of registration for `event` and, while it is open, the seats left.

    Reads only: an event nobody set registration up for has no setup row,
    and showing its page does not create one. With `count=False`, the seats
    are not counted and `seats_left` is None (for a caller that counts them
    itself, or does not show them).
    """
    now = now or timezone.now()
    if setup is None:
        setup = RegistrationSetup.objects.filter(event=event).first()
    if setup is not None:
        # The setup reads the event to check it is published: not once more.
        setup.event = event
    if setup is None or not setup.is_enabled:
        return Availability(Availability.NOT_ENABLED, setup)
    if setup.opens_at is not None and now < setup.opens_at:
        return Availability(Availability.NOT_YET_OPEN, setup)
    if not queries.is_open(setup, now):
        return Availability(Availability.CLOSED, setup)
    seats_left = None
    if count and setup.capacity is not None:
        seats_left = max(setup.capacity - queries.seats_taken(setup), 0)
    return Availability(Availability.OPEN, setup, seats_left)
