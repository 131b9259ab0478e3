"""The organisers' automatic scheduler and releases.

Organisers run the scheduler as a job, follow it on its page, review the
draft it returns (objective next to the working agenda's, sessions that
move, warnings) and apply it to the working agenda; then they release the
working agenda as the next public version. Only the summit's organisers
reach these pages (`get_summit_for_organiser`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cosummit.core.jobs import start_job
from cosummit.core.models import Job
from cosummit.summits.queries import get_summit_for_organiser

from . import releases, schedule_queries
from .jobs import SCHEDULE_JOB
from .organiser_views import render_organise
from .release_queries import changes_for_display, releases_with_changes, summit_room_names
from .schedule_forms import ReleaseForm, SchedulerForm
from .warnings import warning_rows


def _scheduler_page(request, summit, form, *, status=200):
    return render_organise(
        request,
        "scheduler.html",
        summit,
        "scheduler",
        status=status,
        form=form,
        runs=list(schedule_queries.schedule_jobs(summit)[: schedule_queries.RECENT_RUNS]),
    )


@login_required
def scheduler(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    return _scheduler_page(request, summit, SchedulerForm(summit=summit))


@login_required
@require_POST
def run(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    form = SchedulerForm(request.POST, summit=summit)
    if not form.is_valid():
        return _scheduler_page(request, summit, form, status=422)
    job = start_job(
        SCHEDULE_JOB, summit_slug=summit.slug, arguments=form.job_arguments(), by=request.user
    )
    messages.info(request, _("The scheduler is running: this page follows it."))
    return redirect("programme_schedule:job", summit=summit.slug, job=job.pk)


@login_required
def job(request, summit, job):
    summit = get_summit_for_organiser(request.user, summit)
    job = schedule_queries.get_schedule_job(summit, job)
    context = {"job": job, "progress": schedule_queries.job_progress(job)}
    if job.state == Job.State.FAILED:
        context["failure"] = schedule_queries.failure_message(summit, job)
    elif job.state == Job.State.DONE:
        room_names = summit_room_names(summit)
        context.update(
            terms=schedule_queries.objective_terms(job),
            working=job.result.get("working"),
            moves=schedule_queries.draft_moves(summit, job, room_names),
            warnings=warning_rows(
                summit, schedule_queries.draft_warnings(summit, job, set(room_names))
            ),
        )
    return render_organise(request, "scheduler_job.html", summit, "scheduler", **context)


@login_required
@require_POST
def apply(request, summit, job):
    summit = get_summit_for_organiser(request.user, summit)
    job = schedule_queries.get_schedule_job(summit, job)
    try:
        changed = releases.apply_schedule_draft(job, by=request.user, summit=summit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The draft is applied: %(count)d session changed place in the working agenda.",
                "The draft is applied: %(count)d sessions changed place in the working agenda.",
                changed,
            )
            % {"count": changed},
        )
    return redirect("programme_schedule:job", summit=summit.slug, job=job.pk)


def _releases_page(request, summit, form, *, status=200):
    return render_organise(
        request,
        "releases.html",
        summit,
        "releases",
        status=status,
        form=form,
        releases=releases_with_changes(summit),
        pending=changes_for_display(releases.pending_changes(summit), summit_room_names(summit)),
    )


@login_required
def release_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    return _releases_page(request, summit, ReleaseForm())


@login_required
@require_POST
def release(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    form = ReleaseForm(request.POST)
    if form.is_valid():
        try:
            new = releases.release_programme(
                summit, by=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Version %(version)d is published; %(count)d session changed.",
                    "Version %(version)d is published; %(count)d sessions changed.",
                    len(new.changes),
                )
                % {"version": new.version, "count": len(new.changes)},
            )
            return redirect("programme_schedule:releases", summit=summit.slug)
    return _releases_page(request, summit, form, status=422)
