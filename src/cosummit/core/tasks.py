from datetime import timedelta

from django.tasks import task

from .jobs import run_job
from .mail import deliver_if_due

# A worker whose clock is a little behind the app node's still sends a
# message that is due now. Deferred retries are at least a minute apart, so a
# task left over from an attempt that the housekeeping sweep made instead
# still finds its message not due, and does nothing.
CLOCK_TOLERANCE = timedelta(seconds=5)


@task
def deliver_outbox_message(message_id: int) -> None:
    deliver_if_due(message_id, tolerance=CLOCK_TOLERANCE)


@task
def run_job_task(job_id: int) -> None:
    run_job(job_id)
