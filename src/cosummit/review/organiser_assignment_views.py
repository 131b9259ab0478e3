"""The organisers' assignment pages: run the assignment, check and change the
preview, publish it, then change the live assignments by hand.

Only the summit's organisers reach them (`get_summit_for_organiser`); they see
reviewers' names whatever the blind review says.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cosummit.core.jobs import start_job
from cosummit.core.models import Job
from cosummit.summits.queries import get_summit_for_organiser

from . import domain, organiser_forms, queries
from .assignment import NoAssignment
from .models import Assignment, AssignmentRun, Review, Reviewer
from .organiser_views import render_review

PAGE_SIZE = 100


def _page_number(request) -> int:
    try:
        return max(1, int(request.POST.get("page") or request.GET.get("page") or 1))
    except ValueError:
        return 1


def _back_to(name: str, summit, page: int):
    url = reverse(f"review_organise:{name}", kwargs={"summit": summit.slug})
    return redirect(f"{url}?page={page}" if page > 1 else url)


def _proposal_page(summit, number: int):
    proposals = queries.reviewable_proposals(summit).select_related("track").order_by("pk")
    return Paginator(proposals, PAGE_SIZE).get_page(number)


def _reviewed_pairs(summit, proposal_ids=None) -> set[tuple[int, int]]:
    reviews = Review.objects.filter(reviewer__summit=summit)
    if proposal_ids is not None:
        reviews = reviews.filter(proposal_id__in=proposal_ids)
    return set(reviews.values_list("reviewer_id", "proposal_id"))


# Why no assignment exists, in words organisers can act on


def _reviewer_named(summit, pk) -> str:
    reviewer = Reviewer.objects.filter(summit=summit, pk=pk).select_related("user").first()
    return str(reviewer.user) if reviewer else _("a reviewer")


def _proposal_number(pk) -> str:
    return str(pk) if isinstance(pk, int) else "?"


def no_assignment_message(summit, error: NoAssignment) -> str:
    """A translated explanation of `error`, naming the reviewer or proposal at fault."""
    details = error.details
    code = error.code
    if code == "too_few_reviewers_for_proposal":
        values = {
            "number": _proposal_number(details.get("proposal")),
            "needed": details.get("needed", 0),
            "eligible": details.get("eligible", 0),
            "count": len(details.get("proposals", [])),
        }
        if values["count"] > 1:
            return (
                _(
                    "%(count)d proposals lack reviewers. The first, proposal %(number)s, needs "
                    "%(needed)d reviewers, but only %(eligible)d may review it: the others have a "
                    "conflict of interest with it, review other tracks or have no room. Add "
                    "reviewers or lower the reviews per proposal."
                )
                % values
            )
        return (
            _(
                "Proposal %(number)s needs %(needed)d reviewers, but only %(eligible)d may review "
                "it: the others have a conflict of interest with it, review other tracks or have "
                "no room. Add reviewers or lower the reviews per proposal."
            )
            % values
        )
    if code == "loads_too_small":
        return _(
            "The proposals need %(reviews)d reviews, but the reviewers may take only "
            "%(capacity)d in all. Raise the most proposals per reviewer or add reviewers."
        ) % {"reviews": details.get("reviews", 0), "capacity": details.get("capacity", 0)}
    if code == "loads_too_large":
        return _(
            "The reviewers must take at least %(minimum)d proposals in all, but the proposals "
            "need only %(reviews)d reviews. Lower the fewest proposals per reviewer."
        ) % {"reviews": details.get("reviews", 0), "minimum": details.get("minimum", 0)}
    if code == "too_few_proposals_for_reviewer":
        return _(
            "%(person)s must review at least %(min_load)d proposals, but only %(eligible)d "
            "can be given to them. Lower their fewest proposals."
        ) % {
            "person": _reviewer_named(summit, details.get("reviewer")),
            "min_load": details.get("min_load", 0),
            "eligible": details.get("eligible", 0),
        }
    if code == "fixed_reviews_above_max_load":
        return _(
            "%(person)s has written more reviews than their most proposals (%(max_load)d). "
            "Raise their most proposals."
        ) % {
            "person": _reviewer_named(summit, details.get("reviewer")),
            "max_load": details.get("max_load", 0),
        }
    if code == "too_many_fixed_reviews":
        return _(
            "Proposal %(number)s has more reviews already than the %(needed)d it needs. "
            "Raise the reviews per proposal."
        ) % {
            "number": _proposal_number(details.get("proposal")),
            "needed": details.get("needed", 0),
        }
    if code == "min_load_above_max_load":
        return _(
            "The fewest proposals of %(person)s are more than their most. Change their loads."
        ) % {"person": _reviewer_named(summit, details.get("reviewer"))}
    if code == "fixed_pair_is_conflict":
        return _(
            "%(person)s reviewed proposal %(number)s but has a conflict of interest with it."
        ) % {
            "person": _reviewer_named(summit, details.get("reviewer")),
            "number": _proposal_number(details.get("proposal")),
        }
    if code == "no_proposals":
        return _("No proposal is submitted yet: there is nothing to assign.")
    if code == "no_reviewers":
        return _("The summit has no reviewer yet: add reviewers first.")
    if code == "infeasible":
        return _(
            "No assignment meets every load, conflict of interest and track at once, although "
            "each can be met alone. Loosen the loads or add reviewers."
        )
    return _(
        "No assignment meets the review’s rules. Check the loads, the reviews per proposal "
        "and the conflicts of interest."
    )


# Running and checking a preview


ASSIGNMENT_JOB = "review.assignment"

# What the solver says it is doing, for the page that follows it.
STAGES = {
    "best total": gettext_lazy("finding the best total"),
    "local search": gettext_lazy("raising the worst-served proposals"),
    "lowest": gettext_lazy("proving the lowest affinity of a proposal"),
    "total": gettext_lazy("raising the total, keeping that lowest affinity"),
}


def job_failure_message(summit, job: Job) -> str:
    """Why a failed assignment job found no assignment, in the organiser's language."""
    code = job.result.get("code", "error")
    if code == "error":
        return _("The assignment stopped on an error. Try again, or tell the platform’s team.")
    return no_assignment_message(summit, NoAssignment(code, "", job.result.get("details", {})))


def _latest_job(summit) -> Job | None:
    return Job.objects.filter(kind=ASSIGNMENT_JOB, summit_slug=summit.slug).first()


def _job_context(summit, latest_run) -> dict:
    """The latest job, while it runs or when it failed after the latest run."""
    job = _latest_job(summit)
    if job is None:
        return {}
    if not job.is_finished:
        started = job.started_at or job.created_at
        return {
            "job": job,
            "job_seconds": int((timezone.now() - started).total_seconds()),
            "job_stage": STAGES.get(job.progress.get("stage", ""), ""),
            "job_lowest": job.progress.get("lowest"),
        }
    if job.state == Job.State.FAILED and (
        latest_run is None or job.created_at > latest_run.created_at
    ):
        return {"job": job, "job_failure": job_failure_message(summit, job)}
    return {}


def _latest_run(summit) -> AssignmentRun | None:
    return AssignmentRun.objects.filter(summit=summit).select_related("created_by").first()


def _preview_page(request, summit, *, pair_form=None, status=200):
    latest = _latest_run(summit)
    preview = latest if latest is not None and latest.published_at is None else None
    context = {
        "run_form": organiser_forms.RunForm(),
        "latest": latest,
        "preview": preview,
        **_job_context(summit, latest),
    }
    if preview is not None:
        settings = queries.review_settings(summit)
        holders_queryset = organiser_forms.reviewer_choices(summit)
        holders = list(holders_queryset)
        by_pk = {
            reviewer.pk: reviewer
            for reviewer in Reviewer.objects.filter(summit=summit).select_related("user")
        }
        loads: dict[int, int] = {}
        by_proposal: dict[int, list] = {}
        for reviewer_id, proposal_id, affinity in preview.pairs:
            loads[reviewer_id] = loads.get(reviewer_id, 0) + 1
            if reviewer_id in by_pk:
                by_proposal.setdefault(proposal_id, []).append((by_pk[reviewer_id], affinity))
        page = _proposal_page(summit, _page_number(request))
        reviewed = _reviewed_pairs(summit, [proposal.pk for proposal in page.object_list])
        context.update(
            settings=settings,
            page=page,
            rows=[
                {
                    "proposal": proposal,
                    "pairs": [
                        {
                            "reviewer": reviewer,
                            "affinity": affinity,
                            "reviewed": (reviewer.pk, proposal.pk) in reviewed,
                        }
                        for reviewer, affinity in sorted(
                            by_proposal.get(proposal.pk, []), key=lambda pair: str(pair[0].user)
                        )
                    ],
                    "affinity": sum(affinity for _r, affinity in by_proposal.get(proposal.pk, [])),
                }
                for proposal in page.object_list
            ],
            reviewer_loads=[
                {
                    "reviewer": reviewer,
                    "count": loads.get(reviewer.pk, 0),
                    "bounds": queries.load_bounds(reviewer, settings),
                }
                for reviewer in holders
            ],
            pair_form=pair_form
            or organiser_forms.PairForm(
                summit=summit, reviewers=holders_queryset, initial={"page": page.number}
            ),
            publish_form=organiser_forms.PublishForm(initial={"run": preview.pk}),
        )
    response = render_review(request, "assignment.html", summit, "assignment", **context)
    response.status_code = status
    return response


@login_required
def preview(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    return _preview_page(request, summit)


@login_required
@require_POST
def run(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    form = organiser_forms.RunForm(request.POST)
    form.is_valid()
    job = start_job(
        ASSIGNMENT_JOB,
        summit_slug=summit.slug,
        arguments={"fairness": form.cleaned_data.get("fairness", False)},
        by=request.user,
    )
    job.refresh_from_db()
    if job.state == Job.State.DONE:
        new_run = AssignmentRun.objects.get(pk=job.result["run"])
        messages.success(
            request,
            _(
                "The assignment is ready to check: %(count)d reviews, total affinity "
                "%(total).2f. Nothing changes for reviewers until you publish it."
            )
            % {"count": len(new_run.pairs), "total": new_run.total_affinity},
        )
    elif job.state == Job.State.FAILED:
        messages.error(request, job_failure_message(summit, job))
    else:
        messages.info(request, _("The assignment is running: this page follows it."))
    return redirect("review_organise:assignment", summit=summit.slug)


@login_required
@require_POST
def change_preview(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    latest = _latest_run(summit)
    if latest is None or latest.published_at is not None:
        messages.error(request, _("There is no unpublished assignment to change: run it first."))
        return redirect("review_organise:assignment", summit=summit.slug)
    form = organiser_forms.PairForm(request.POST, summit=summit)
    if form.is_valid():
        reviewer, proposal = form.cleaned_data["reviewer"], form.cleaned_data["proposal"]
        try:
            domain.change_preview(latest, reviewer=reviewer, proposal=proposal, add=form.adds)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _pair_message(form.adds, reviewer, proposal))
            return _back_to("assignment", summit, _page_number(request))
    return _preview_page(request, summit, pair_form=form)


@login_required
@require_POST
def publish(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    form = organiser_forms.PublishForm(request.POST)
    latest = _latest_run(summit)
    if not form.is_valid() or latest is None or latest.pk != form.cleaned_data["run"]:
        messages.error(
            request,
            _("This preview is no longer the latest one: check the new one before publishing."),
        )
        return redirect("review_organise:assignment", summit=summit.slug)
    if latest.published_at is not None:
        messages.error(request, _("This assignment is published already."))
        return redirect("review_organise:assignments", summit=summit.slug)
    added, removed = domain.publish_assignment(latest)
    messages.success(
        request,
        _("The assignment is published: %(added)d added, %(removed)d removed.")
        % {"added": added, "removed": removed},
    )
    return redirect("review_organise:assignments", summit=summit.slug)


def _pair_message(adds: bool, reviewer, proposal) -> str:
    values = {"person": reviewer.user, "number": proposal.pk}
    if adds:
        return _("%(person)s now reviews proposal %(number)d.") % values
    return _("%(person)s no longer reviews proposal %(number)d.") % values


# The live assignments


def _live_page(request, summit, *, pair_form=None):
    page = _proposal_page(summit, _page_number(request))
    proposal_ids = [proposal.pk for proposal in page.object_list]
    by_proposal: dict[int, list] = {}
    for assignment in (
        Assignment.objects.filter(reviewer__summit=summit, proposal_id__in=proposal_ids)
        .select_related("reviewer__user")
        .order_by("reviewer__user__name", "reviewer__user__email")
    ):
        by_proposal.setdefault(assignment.proposal_id, []).append(assignment)
    reviewed = _reviewed_pairs(summit, proposal_ids)
    return render_review(
        request,
        "assignments.html",
        summit,
        "assignments",
        page=page,
        total=Assignment.objects.filter(reviewer__summit=summit).count(),
        settings=queries.review_settings(summit),
        rows=[
            {
                "proposal": proposal,
                "pairs": [
                    {
                        "reviewer": assignment.reviewer,
                        "affinity": assignment.affinity,
                        "reviewed": (assignment.reviewer_id, proposal.pk) in reviewed,
                    }
                    for assignment in by_proposal.get(proposal.pk, [])
                ],
            }
            for proposal in page.object_list
        ],
        pair_form=pair_form
        or organiser_forms.PairForm(summit=summit, initial={"page": page.number}),
    )


@login_required
def live(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    return _live_page(request, summit)


@login_required
@require_POST
def change_live(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    form = organiser_forms.PairForm(request.POST, summit=summit)
    if form.is_valid():
        reviewer, proposal = form.cleaned_data["reviewer"], form.cleaned_data["proposal"]
        try:
            if form.adds:
                domain.assign_by_hand(reviewer, proposal)
            else:
                domain.unassign(reviewer, proposal)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _pair_message(form.adds, reviewer, proposal))
            return _back_to("assignments", summit, _page_number(request))
    return _live_page(request, summit, pair_form=form)
