"""The review's long computations, run by the task worker (`core.jobs`)."""

from cosummit.core.jobs import JobFailed, Progress
from cosummit.core.models import Job
from cosummit.summits.models import Summit

from . import domain

# The fairest-first search runs in the worker, not in the organiser's request:
# it may take its time.
FAIREST_FIRST_SECONDS = 30.0


def run_assignment_job(job: Job, progress: Progress) -> dict:
    """Run the assignment of `job.summit_slug` into a preview; return the run's number.

    Raises JobFailed with the reason's code and details when no assignment
    meets the summit's rules.
    """
    summit = Summit.objects.get(slug=job.summit_slug)
    try:
        run = domain.run_assignment(
            summit,
            by=job.created_by,
            fairness=bool(job.arguments.get("fairness")),
            time_limit=FAIREST_FIRST_SECONDS,
            progress=lambda stage, lowest: progress(stage=stage, lowest=round(lowest, 3)),
        )
    except domain.NoAssignment as error:
        raise JobFailed({"code": error.code, "details": error.details}) from error
    return {"run": run.pk}
