"""Long computations run as jobs: once each, with their progress and their outcome."""

import datetime as dt

import pytest
from django.utils import timezone

from cosummit.core import jobs
from cosummit.core.jobs import JobFailed, run_job
from cosummit.core.models import Job

pytestmark = pytest.mark.django_db

RUNNERS = {
    "test.succeed": "tests.core.test_jobs.succeed",
    "test.refuse": "tests.core.test_jobs.refuse",
    "test.crash": "tests.core.test_jobs.crash",
}


def succeed(job, progress):
    progress(stage="first", best=1)
    progress(stage="second", best=2)
    return {"answer": job.arguments["question"] * 2}


def refuse(job, progress):
    raise JobFailed({"code": "no_way", "details": {"why": "because"}})


def crash(job, progress):
    raise RuntimeError("out of cheese")


def queued(kind: str, **arguments) -> Job:
    return Job.objects.create(kind=kind, arguments=arguments)


def test_a_job_runs_once_and_keeps_its_result_and_last_progress():
    job = queued("test.succeed", question=21)

    ran = run_job(job.pk, runners=RUNNERS)
    again = run_job(job.pk, runners=RUNNERS)

    job.refresh_from_db()
    assert (ran.pk, again) == (job.pk, None)
    assert (job.state, job.result, job.progress) == (
        Job.State.DONE,
        {"answer": 42},
        {"stage": "second", "best": 2},
    )
    assert job.started_at <= job.finished_at


def test_a_runner_that_finds_no_answer_fails_its_job_with_the_reason():
    job = queued("test.refuse")
    run_job(job.pk, runners=RUNNERS)
    job.refresh_from_db()
    assert (job.state, job.result) == (
        Job.State.FAILED,
        {"code": "no_way", "details": {"why": "because"}},
    )


def test_an_unexpected_error_fails_the_job_and_is_logged(caplog):
    job = queued("test.crash")
    run_job(job.pk, runners=RUNNERS)
    job.refresh_from_db()
    assert (job.state, job.result) == (Job.State.FAILED, {"code": "error"})
    assert f"Job {job.pk} (test.crash) failed" in caplog.text


def test_progress_is_written_at_most_every_half_second(monkeypatch):
    job = queued("test.succeed", question=1)
    clock = iter([100.0, 100.1, 100.7])
    monkeypatch.setattr(jobs.time, "monotonic", lambda: next(clock))
    progress = jobs.Progress(job)

    progress(step=1)
    progress(step=2)
    saved_after_two = Job.objects.get(pk=job.pk).progress
    progress(step=3)

    assert (saved_after_two, Job.objects.get(pk=job.pk).progress) == ({"step": 1}, {"step": 3})


def test_starting_a_job_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="No runner for jobs of kind 'nothing'"):
        jobs.start_job("nothing", arguments={}, by=None)
    assert Job.objects.count() == 0


def test_a_finished_job_says_so():
    assert Job(state=Job.State.DONE).is_finished is True
    assert (
        Job(
            state=Job.State.RUNNING, started_at=timezone.now() - dt.timedelta(seconds=3)
        ).is_finished
        is False
    )
