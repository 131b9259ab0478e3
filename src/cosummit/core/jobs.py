"""Long computations run by the task worker, with their progress on a page.

A page starts a job with `start_job(kind, ...)`; the worker runs the function
registered for that kind in `RUNNERS`, which receives the job and a
`Progress` to report to, and returns the job's result as JSON. The page shows
the job's state, how long it has run and what it last reported, and reloads
itself until the job is finished. With the immediate task backend (tests) the
job runs inside the request that starts it.

A runner that raises `JobFailed` ends its job FAILED with the exception's
JSON details as the result, for the page to explain; any other exception
also fails the job, and is logged.
"""

import logging
import time
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Job

logger = logging.getLogger(__name__)

# kind -> dotted path of `runner(job, progress) -> dict`.
RUNNERS = {
    "review.assignment": "cosummit.review.jobs.run_assignment_job",
    "programme.schedule": "cosummit.programme.jobs.run_schedule_job",
}

# Progress is written at most this often, so that a fast solver does not spend
# its time writing rows.
PROGRESS_INTERVAL = 0.5


class JobFailed(Exception):
    """The runner could not do its work; `details` says why, as JSON."""

    def __init__(self, details: dict):
        super().__init__(details)
        self.details = details


class Progress:
    """What a runner reports while it works, saved on its job now and then."""

    def __init__(self, job: Job):
        self.job = job
        self.saved_at = 0.0

    def __call__(self, **values) -> None:
        self.job.progress = {**self.job.progress, **values}
        now = time.monotonic()
        if now - self.saved_at >= PROGRESS_INTERVAL:
            self.saved_at = now
            Job.objects.filter(pk=self.job.pk).update(progress=self.job.progress)


def start_job(kind: str, *, summit_slug: str = "", arguments: dict, by) -> Job:
    """Record a job and have the worker run it.

    Side effects, in order: the Job row is written, QUEUED; the task that
    runs it is enqueued once the transaction commits.
    """
    from .tasks import run_job_task

    if kind not in RUNNERS:
        raise ValueError(f"No runner for jobs of kind {kind!r}.")
    job = Job.objects.create(kind=kind, summit_slug=summit_slug, arguments=arguments, created_by=by)
    transaction.on_commit(lambda: run_job_task.enqueue(job.pk), robust=True)
    return job


def run_job(job_id: int, *, runners: dict[str, str] | None = None) -> Job | None:
    """Run a queued job once; return it, or None when it was taken already.

    Side effects, in order: the job is marked RUNNING (under a row lock, so
    that two workers never run it twice); the runner runs, saving progress
    now and then; the job is saved DONE with its result, or FAILED.
    """
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id, state=Job.State.QUEUED).first()
        if job is None:
            return None
        job.state = Job.State.RUNNING
        job.started_at = timezone.now()
        job.save(update_fields=["state", "started_at"])
    runner: Callable = import_string((runners or RUNNERS)[job.kind])
    try:
        job.result = runner(job, Progress(job)) or {}
        job.state = Job.State.DONE
    except JobFailed as failure:
        job.result = failure.details
        job.state = Job.State.FAILED
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job.result = {"code": "error"}
        job.state = Job.State.FAILED
    job.finished_at = timezone.now()
    job.save(update_fields=["result", "state", "progress", "finished_at"])
    return job
