"""Organisers: run the automatic scheduler, apply its draft, release the programme.

Through the same functions as the scheduler and release pages. Only the
summit's organisers get answers; anyone else gets 404. A run is started
(202) and then followed with GET until its state is "done" or "failed".
"""

import datetime as dt
from dataclasses import fields
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from cosummit.core.jobs import start_job
from cosummit.core.models import Job
from cosummit.programme import releases, schedule_queries, scheduler
from cosummit.programme.jobs import MAX_TIME_LIMIT, MIN_TIME_LIMIT, SCHEDULE_JOB
from cosummit.programme.release_queries import summit_releases
from cosummit.programme.schedule_forms import SchedulerForm

from .auth import token_required
from .pagination import LimitOffsetPagination
from .programme_builder import summit_for_organiser
from .schemas import READ_ERRORS, ErrorOut, ValidationErrorOut

router = Router(auth=token_required, tags=["programme"])

WRITE_ERRORS = {404: ErrorOut, **READ_ERRORS}

SummitSlug = Path(description=gettext_lazy("The summit's short name in addresses."))
RunId = Path(description=gettext_lazy("The scheduler run's number."))


class WeightsIn(Schema):
    attendee_conflicts: int | None = Field(None, ge=0, le=1000)
    over_capacity: int | None = Field(None, ge=0, le=1000)
    track_rooms: int | None = Field(None, ge=0, le=1000)
    popular_spread: int | None = Field(None, ge=0, le=1000)
    changes: int | None = Field(None, ge=0, le=1000)


class RunIn(Schema):
    time_limit: int = Field(
        30,
        ge=MIN_TIME_LIMIT,
        le=MAX_TIME_LIMIT,
        description=gettext_lazy("Seconds the scheduler may search, from 5 to 300."),
    )
    mode: Literal["scratch", "working", "release"] = Field(
        "scratch",
        description=gettext_lazy(
            "scratch, or fewest changes from the working agenda (working) or from the "
            "latest release (release)."
        ),
    )
    weights: WeightsIn | None = Field(
        None, description=gettext_lazy("Weight of each objective term; defaults where missing.")
    )


class ProgressOut(Schema):
    seconds: int = Field(description=gettext_lazy("Seconds the run has taken so far."))
    time_limit: int
    best_total: int | None = Field(
        description=gettext_lazy("The best weighted total found so far.")
    )
    stage: str


class PlacementOut(Schema):
    session: int
    room: int
    starts_at: dt.datetime
    ends_at: dt.datetime


class WorkingOut(Schema):
    objective: dict[str, int]
    total: int


class DraftOut(Schema):
    status: str = Field(description=gettext_lazy("optimal or feasible."))
    objective: dict[str, int] = Field(
        description=gettext_lazy("Raw value of each objective term, before weights.")
    )
    total: int = Field(description=gettext_lazy("The weighted total."))
    working: WorkingOut | None = Field(
        description=gettext_lazy(
            "The same for the working agenda; null when it does not place every session."
        )
    )
    placements: list[PlacementOut]
    applied_at: dt.datetime | None


class RunOut(Schema):
    id: int
    state: str = Field(description=gettext_lazy("queued, running, done or failed."))
    arguments: dict
    progress: ProgressOut
    failure: str | None = Field(description=gettext_lazy("Why a failed run found no schedule."))
    draft: DraftOut | None = Field(description=gettext_lazy("The result of a finished run."))


class AppliedOut(Schema):
    changed: int = Field(description=gettext_lazy("How many sessions changed place."))


class PlaceOut(Schema):
    room: int | None
    room_name: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None


class ChangeOut(Schema):
    session: int
    title: str
    change: Literal["added", "moved", "removed"]
    before: PlaceOut | None
    after: PlaceOut | None


class ReleaseOut(Schema):
    version: int
    released_at: dt.datetime
    comment: str
    changes: list[ChangeOut]


class ReleaseIn(Schema):
    comment: str = Field("", max_length=2000)


def _run(summit, run_id: int) -> Job:
    try:
        return schedule_queries.get_schedule_job(summit, run_id)
    except Http404:
        raise HttpError(
            404, _("There is no scheduler run number %(number)d.") % {"number": run_id}
        ) from None


def _run_out(summit, job: Job) -> dict:
    progress = schedule_queries.job_progress(job)
    draft = None
    if job.state == Job.State.DONE:
        result = job.result
        draft = {
            "status": result["status"],
            "objective": result["objective"],
            "total": result["total"],
            "working": result.get("working"),
            "placements": [
                {"session": int(session), **place}
                for session, place in sorted(
                    result["placements"].items(), key=lambda item: int(item[0])
                )
            ],
            "applied_at": result.get("applied_at"),
        }
    return {
        "id": job.pk,
        "state": job.state,
        "arguments": job.arguments,
        "progress": progress,
        "failure": schedule_queries.failure_message(summit, job)
        if job.state == Job.State.FAILED
        else None,
        "draft": draft,
    }


@router.post(
    "/{slug:slug}/programme/scheduler/runs",
    response={202: RunOut, 422: ValidationErrorOut, **WRITE_ERRORS},
    url_name="programme_scheduler_runs",
    operation_id="run_programme_scheduler",
    summary=gettext_lazy("Run the automatic scheduler"),
    description=gettext_lazy(
        "Starts a run; follow it at its address until its state is done, then apply its "
        "draft. Mode release needs a release (422 otherwise)."
    ),
)
def run_scheduler(request, payload: RunIn, slug: str = SummitSlug):
    summit = summit_for_organiser(request.auth, slug)
    weights = payload.weights.dict() if payload.weights else {}
    data = {"time_limit": payload.time_limit, "mode": payload.mode}
    for field in fields(scheduler.Weights):
        value = weights.get(field.name)
        data[f"weight_{field.name}"] = field.default if value is None else value
    form = SchedulerForm(data, summit=summit)
    if not form.is_valid():
        problems = [
            {"location": "body", "field": name.replace("weight_", "weights."), "message": message}
            for name, messages in form.errors.items()
            for message in messages
        ]
        detail = " ".join(
            _("“%(field)s” is not valid: %(message)s") % problem for problem in problems
        )
        return Status(422, {"detail": detail, "errors": problems})
    job = start_job(
        SCHEDULE_JOB, summit_slug=summit.slug, arguments=form.job_arguments(), by=request.auth
    )
    job.refresh_from_db()
    return Status(202, _run_out(summit, job))


@router.get(
    "/{slug:slug}/programme/scheduler/runs/{int:run_id}",
    response={200: RunOut, **WRITE_ERRORS},
    url_name="programme_scheduler_run",
    operation_id="get_programme_scheduler_run",
    summary=gettext_lazy("Follow a scheduler run"),
    description=gettext_lazy("Its state, progress, and once done, its draft."),
)
def get_run(request, slug: str = SummitSlug, run_id: int = RunId):
    summit = summit_for_organiser(request.auth, slug)
    return _run_out(summit, _run(summit, run_id))


@router.post(
    "/{slug:slug}/programme/scheduler/runs/{int:run_id}/apply",
    response={200: AppliedOut, 409: ErrorOut, **WRITE_ERRORS},
    url_name="programme_scheduler_apply",
    operation_id="apply_programme_scheduler_run",
    summary=gettext_lazy("Apply a scheduler run's draft to the working agenda"),
    description=gettext_lazy("Pinned sessions stay where they are. 409 when the run is not done."),
)
def apply_run(request, slug: str = SummitSlug, run_id: int = RunId):
    summit = summit_for_organiser(request.auth, slug)
    job = _run(summit, run_id)
    try:
        changed = releases.apply_schedule_draft(job, by=request.auth, summit=summit)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return {"changed": changed}


@router.get(
    "/{slug:slug}/programme/releases",
    response={200: list[ReleaseOut], **WRITE_ERRORS},
    url_name="programme_releases",
    operation_id="list_programme_releases",
    summary=gettext_lazy("List the programme's releases"),
    description=gettext_lazy("Latest first, each with what it added, moved and removed."),
)
@paginate(LimitOffsetPagination)
def list_releases(request, slug: str = SummitSlug):
    summit = summit_for_organiser(request.auth, slug)
    return summit_releases(summit)


@router.post(
    "/{slug:slug}/programme/releases",
    response={201: ReleaseOut, 409: ErrorOut, **WRITE_ERRORS},
    url_name="programme_release",
    operation_id="release_programme",
    summary=gettext_lazy("Release the working agenda as the next version"),
    description=gettext_lazy(
        "Each speaker whose sessions are added, moved or removed gets an e-mail. 409 while "
        "no session is placed."
    ),
)
def release(request, payload: ReleaseIn, slug: str = SummitSlug):
    summit = summit_for_organiser(request.auth, slug)
    try:
        new = releases.release_programme(summit, by=request.auth, comment=payload.comment)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, new)
