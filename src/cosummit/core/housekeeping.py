"""Periodic work: mail due for another attempt, expired seat holds, old personal data.

`python -m cosummit worker` runs `run_housekeeping` every HOUSEKEEPING_INTERVAL
seconds in a thread of its own; `python -m cosummit housekeeping` runs it once,
for cron. Every step is safe to run from several workers at the same time.
"""

import logging
import threading
from datetime import datetime

from django.db import connections
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Each step: a name for logs and results, and the dotted path of a function
# taking `now` and returning how many things it handled.
STEPS = [
    ("retried_messages", "cosummit.core.mail.retry_due_messages"),
    ("released_holds", "cosummit.registration.domain.release_expired_holds"),
    ("erased_registrations", "cosummit.registration.domain.erase_expired_personal_data"),
    ("proposal_digests", "cosummit.proposals.discussion.send_digests"),
]


def run_housekeeping(*, now: datetime | None = None) -> dict[str, int | None]:
    """Run every step once; return what each one handled, None for a step that failed.

    Side effects: those of each step, in the order of STEPS. A failing step is
    logged with its traceback and does not stop the steps after it.
    """
    now = now or timezone.now()
    results: dict[str, int | None] = {}
    for name, path in STEPS:
        try:
            step = import_string(path)
        except ImportError:
            logger.info("Housekeeping step %s skipped: %s is not available.", name, path)
            continue
        try:
            results[name] = step(now=now)
        except Exception:
            logger.exception("Housekeeping step %s failed.", name)
            results[name] = None
    return results


class HousekeepingThread(threading.Thread):
    """Runs `run_housekeeping` at start, then every `interval` seconds until stopped."""

    def __init__(self, interval: float):
        super().__init__(name="cosummit-housekeeping", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                results = run_housekeeping()
            except Exception:  # The thread must outlive any surprise.
                logger.exception("Housekeeping failed.")
            else:
                if any(results.values()):
                    logger.info("Housekeeping: %s", results)
            finally:
                # The thread's own connections; none stays open between passes.
                connections.close_all()
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()
