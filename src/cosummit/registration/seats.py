"""Counting seats under the lock of the event's registration setup.

The domain functions start each transaction that may take or free a seat with
`lock_setup`, then count with `Seats`. On PostgreSQL the setup row is locked
(`SELECT … FOR UPDATE`); on SQLite the IMMEDIATE transaction mode lets one
writer at a time in, and `retry_when_locked` runs a transaction again if its
writer gave up waiting.
"""

import functools
import logging
import time
from collections import Counter

from django.db import OperationalError, connection
from django.db.models import Exists, OuterRef

from .models import Quota, RegistrationSetup
from .queries import seats_taken_by_category

logger = logging.getLogger(__name__)


def retry_when_locked(function):
    """Run the whole transaction again when SQLite gave up waiting for its lock.

    With the IMMEDIATE transaction mode, writers queue on BEGIN for up to the
    connection's timeout; under a long burst one may still give up. The
    transaction was rolled back, so running it again is safe. Inside an outer
    transaction nothing can be retried and the error goes up.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        attempts = 5
        for attempt in range(1, attempts + 1):
            try:
                return function(*args, **kwargs)
            except OperationalError as error:
                retry = (
                    connection.vendor == "sqlite"
                    and "locked" in str(error)
                    and not connection.in_atomic_block
                    and attempt < attempts
                )
                if not retry:
                    raise
                logger.warning("Database locked; %s tried again (%s).", function.__name__, attempt)
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    return wrapper


def lock_setup(event_id: int) -> RegistrationSetup:
    """Lock and return the event's setup, with its event, summit and venue loaded.

    To be called first inside `transaction.atomic()`. Only the setup row is
    locked: events and summits stay free for other writers.
    """
    locked = (
        RegistrationSetup.objects.select_for_update(of=("self",))
        .select_related("event__summit", "event__venue")
        .annotate(has_quotas=Exists(Quota.objects.filter(setup=OuterRef("pk"))))
    )
    try:
        return locked.get(event_id=event_id)
    except RegistrationSetup.DoesNotExist:
        # An event nobody set registration up for: a disabled setup, as `get_setup` makes.
        RegistrationSetup.objects.get_or_create(event_id=event_id)
        return locked.get(event_id=event_id)


class Seats:
    """Seats taken in an event, overall and per category, against its limits."""

    def __init__(self, setup: RegistrationSetup):
        self.capacity = setup.capacity
        # `lock_setup` tells whether there are quotas, saving a query when there are none.
        has_quotas = getattr(setup, "has_quotas", True)
        self.quotas = (
            dict(Quota.objects.filter(setup=setup).values_list("category", "capacity"))
            if has_quotas
            else {}
        )
        if self.capacity is None and not self.quotas:
            self.taken = Counter()  # Nothing limits seats: no need to count them.
        else:
            self.taken = Counter(seats_taken_by_category(setup))

    @property
    def free(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.taken.total(), 0)

    def any_free(self) -> bool:
        return self.capacity is None or self.taken.total() < self.capacity

    def category_full(self, category: str) -> bool:
        return category in self.quotas and self.taken[category] >= self.quotas[category]

    def has_room(self, category: str) -> bool:
        return self.any_free() and not self.category_full(category)

    def full_categories(self) -> list[str]:
        return [category for category in self.quotas if self.category_full(category)]

    def take(self, category: str) -> None:
        self.taken[category] += 1

    def release(self, category: str) -> None:
        self.taken[category] -= 1
