"""The organisers' set-up of the review: overview, settings, phases, criteria,
reviewers, reviewer teams and conflicts of interest.

Only the summit's organisers reach them: everyone else gets 404, through
`summits.queries.get_summit_for_organiser`. Organisers always see names:
blind review hides them from reviewers and conveners only. The assignment
pages are in `organiser_assignment_views.py`.
"""

import copy
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cosummit.core.organiser_editing import save_from_form
from cosummit.summits.queries import get_summit_for_organiser

from . import domain, organiser_forms, queries, setup
from .models import (
    Assignment,
    AssignmentRun,
    Conflict,
    Criterion,
    Phase,
    Review,
    Reviewer,
    ReviewerTeam,
    ReviewSettings,
)

CONFLICTS_PAGE_SIZE = 200

# Why a reviewer may not review a proposal, by the reason codes of
# `matching.conflict_reason` and the sources of recorded conflicts.
CONFLICT_REASONS = {
    "speaker": gettext_lazy("Speaks in the proposal"),
    "organisation": gettext_lazy("Same organisation as the proposal"),
    "co_author": gettext_lazy("Proposed another session with one of its speakers"),
    "country": gettext_lazy("Same country as the proposal"),
    Conflict.Source.DECLARED: gettext_lazy("Declared by the reviewer"),
    Conflict.Source.ORGANISER: gettext_lazy("Recorded by an organiser"),
}


def render_review(request, template: str, summit, part: str, **context):
    return render(
        request,
        f"review/organise/{template}",
        {"summit": summit, "section": "review", "part": part, **context},
    )


def url_or_none(name: str, summit) -> str | None:
    """The address of another review page, or None while that page does not exist."""
    try:
        return reverse(name, kwargs={"summit": summit.slug})
    except NoReverseMatch:
        return None


def _in_summit(queryset, summit, pk: int):
    found = queryset.filter(summit=summit, pk=pk).first()
    if found is None:
        raise Http404
    return found


def _back(name: str, summit) -> str:
    return reverse(f"review_organise:{name}", kwargs={"summit": summit.slug})


# Overview


@login_required
def index(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    settings = queries.review_settings(summit)
    proposals = queries.reviewable_proposals(summit)
    reviews = Review.objects.filter(reviewer__summit=summit).aggregate(
        written=Count("pk"), abstained=Count("pk", filter=Q(is_abstained=True))
    )
    short = (
        proposals.annotate(
            scored=Count("reviews", filter=Q(reviews__is_abstained=False), distinct=True)
        )
        .filter(scored__lt=settings.reviews_per_proposal)
        .count()
    )
    return render_review(
        request,
        "index.html",
        summit,
        "index",
        settings=settings,
        phase=queries.current_phase(summit),
        figures={
            "proposals": proposals.count(),
            "reviewers": queries.summit_reviewers(summit).count(),
            "assignments": Assignment.objects.filter(reviewer__summit=summit).count(),
            "reviews": reviews["written"],
            "abstentions": reviews["abstained"],
            "short": short,
        },
        latest_run=AssignmentRun.objects.filter(summit=summit).first(),
        table_url=url_or_none("review_table:table", summit),
        decisions_url=url_or_none("review_decisions:list", summit),
        balance_url=url_or_none("review_balance:dashboard", summit),
        templates_url=url_or_none("review_decisions:templates", summit),
    )


# Settings


@login_required
def review_settings(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    existing = ReviewSettings.objects.filter(summit=summit).first()
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.SettingsForm(
        data, instance=copy.copy(existing) if existing else ReviewSettings(summit=summit)
    )
    if form.is_valid():
        setup.save_settings(summit, by=request.user, **form.cleaned_data)
        messages.success(request, _("The review settings were saved."))
        return redirect("review_organise:settings", summit=summit.slug)
    return render_review(
        request, "settings.html", summit, "settings", form=form, is_saved=existing is not None
    )


# Phases


@login_required
def phase_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    phases = list(Phase.objects.filter(summit=summit))
    current = queries.current_phase(summit)
    return render_review(
        request, "phase_list.html", summit, "phases", phases=phases, current=current
    )


@login_required
def phase_edit(request, summit, phase=None):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _in_summit(Phase.objects, summit, phase) if phase else None
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.PhaseForm(
        data, instance=copy.copy(existing) if existing else None, summit=summit
    )
    if save_from_form(
        request,
        form,
        existing=existing,
        create=partial(setup.create_phase, summit, by=request.user),
        update=partial(setup.update_phase, by=request.user),
        added=_("The phase “%(name)s” was added."),
        saved=_("The phase “%(name)s” was saved."),
    ):
        return redirect("review_organise:phases", summit=summit.slug)
    return render_review(
        request,
        "object_form.html",
        summit,
        "phases",
        form=form,
        heading=_("Edit the phase") if existing else _("Add a phase"),
        cancel_url=_back("phases", summit),
    )


@login_required
def phase_delete(request, summit, phase):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _in_summit(Phase.objects, summit, phase)
    if request.method == "POST":
        setup.delete_phase(existing, by=request.user)
        messages.success(request, _("The phase “%(name)s” was deleted.") % {"name": existing})
        return redirect("review_organise:phases", summit=summit.slug)
    return render_review(
        request,
        "confirm_delete.html",
        summit,
        "phases",
        heading=_("Delete the phase “%(name)s”?") % {"name": existing},
        consequences=[_("Reviews written during this phase are kept.")],
        cancel_url=_back("phases", summit),
    )


# Criteria


@login_required
def criterion_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    criteria = queries.criteria(summit)
    return render_review(request, "criterion_list.html", summit, "criteria", criteria=criteria)


@login_required
def criterion_edit(request, summit, criterion=None):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _in_summit(Criterion.objects, summit, criterion) if criterion else None
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.CriterionForm(data, instance=copy.copy(existing) if existing else None)
    if save_from_form(
        request,
        form,
        existing=existing,
        create=partial(setup.create_criterion, summit, by=request.user),
        update=partial(setup.update_criterion, by=request.user),
        added=_("The criterion “%(name)s” was added."),
        saved=_("The criterion “%(name)s” was saved."),
    ):
        return redirect("review_organise:criteria", summit=summit.slug)
    return render_review(
        request,
        "object_form.html",
        summit,
        "criteria",
        form=form,
        heading=_("Edit the criterion") if existing else _("Add a criterion"),
        cancel_url=_back("criteria", summit),
    )


@login_required
def criterion_delete(request, summit, criterion):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _in_summit(Criterion.objects, summit, criterion)
    if request.method == "POST":
        setup.delete_criterion(existing, by=request.user)
        messages.success(
            request,
            _("The criterion “%(name)s” was deleted and the totals recomputed.")
            % {"name": existing},
        )
        return redirect("review_organise:criteria", summit=summit.slug)
    count = len(setup.reviews_scoring(existing))
    return render_review(
        request,
        "confirm_delete.html",
        summit,
        "criteria",
        heading=_("Delete the criterion “%(name)s”?") % {"name": existing},
        consequences=[
            _(
                "%(count)d reviews hold a score for this criterion: the scores are deleted "
                "and the reviews’ totals recomputed from the other criteria."
            )
            % {"count": count}
        ],
        cancel_url=_back("criteria", summit),
    )


# Reviewers


def reviewers_with_figures(summit):
    """The summit's reviewers with their teams and how many proposals they have and reviewed."""

    def count_of(model):
        rows = (
            model.objects.filter(reviewer=OuterRef("pk"))
            .order_by()
            .values("reviewer")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    return (
        queries.summit_reviewers(summit)
        .prefetch_related(None)
        .prefetch_related("teams")
        .annotate(assigned=count_of(Assignment), reviewed=count_of(Review))
    )


@login_required
def reviewer_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    form = organiser_forms.AddReviewerForm(
        request.POST if request.method == "POST" else None, summit=summit
    )
    if form.is_valid():
        setup.add_reviewer(summit, user=form.user, by=request.user)
        messages.success(request, _("%(person)s is now a reviewer.") % {"person": form.user})
        return redirect("review_organise:reviewers", summit=summit.slug)
    return render_review(
        request,
        "reviewer_list.html",
        summit,
        "reviewers",
        form=form,
        reviewers=list(reviewers_with_figures(summit)),
        settings=queries.review_settings(summit),
    )


def _reviewer(summit, pk: int) -> Reviewer:
    """A reviewer of the summit who holds the reviewer role, or 404."""
    found = queries.summit_reviewers(summit).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
def reviewer_edit(request, summit, reviewer):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _reviewer(summit, reviewer)
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.ReviewerLoadsForm(data, instance=copy.copy(existing))
    if form.is_valid():
        setup.update_reviewer_loads(existing, by=request.user, **form.cleaned_data)
        messages.success(
            request, _("The loads of %(person)s were saved.") % {"person": existing.user}
        )
        return redirect("review_organise:reviewers", summit=summit.slug)
    return render_review(
        request,
        "object_form.html",
        summit,
        "reviewers",
        form=form,
        heading=_("Loads of %(person)s") % {"person": existing.user},
        cancel_url=_back("reviewers", summit),
    )


@login_required
def reviewer_remove(request, summit, reviewer):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _reviewer(summit, reviewer)
    if request.method == "POST":
        kept, dropped = setup.remove_reviewer(existing, by=request.user)
        messages.success(
            request,
            _(
                "%(person)s is no longer a reviewer: %(kept)d reviews kept, "
                "%(dropped)d proposals taken out of their queue."
            )
            % {"person": existing.user, "kept": kept, "dropped": dropped},
        )
        return redirect("review_organise:reviewers", summit=summit.slug)
    reviews = Review.objects.filter(reviewer=existing).count()
    pending = (
        Assignment.objects.filter(reviewer=existing)
        .exclude(proposal__in=Review.objects.filter(reviewer=existing).values("proposal_id"))
        .count()
    )
    return render_review(
        request,
        "confirm_delete.html",
        summit,
        "reviewers",
        heading=_("Remove %(person)s from the reviewers?") % {"person": existing.user},
        consequences=[
            _("The %(count)d reviews they wrote are kept and still count.") % {"count": reviews},
            _("%(count)d proposals they have not reviewed yet leave their queue.")
            % {"count": pending},
            _("They leave every reviewer team."),
        ],
        action=_("Remove"),
        reversible=True,
        cancel_url=_back("reviewers", summit),
    )


# Teams


@login_required
def team_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    teams = list(
        ReviewerTeam.objects.filter(summit=summit).prefetch_related("tracks", "members__user")
    )
    return render_review(request, "team_list.html", summit, "teams", teams=teams)


@login_required
def team_edit(request, summit, team=None):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _in_summit(ReviewerTeam.objects, summit, team) if team else None
    data = request.POST if request.method == "POST" else None
    form = organiser_forms.TeamForm(
        data, instance=copy.copy(existing) if existing else None, summit=summit
    )
    if save_from_form(
        request,
        form,
        existing=existing,
        create=partial(setup.create_team, summit, by=request.user),
        update=partial(setup.update_team, by=request.user),
        added=_("The team “%(name)s” was added."),
        saved=_("The team “%(name)s” was saved."),
    ):
        return redirect("review_organise:teams", summit=summit.slug)
    return render_review(
        request,
        "object_form.html",
        summit,
        "teams",
        form=form,
        heading=_("Edit the team") if existing else _("Add a team"),
        cancel_url=_back("teams", summit),
    )


@login_required
def team_delete(request, summit, team):
    summit = get_summit_for_organiser(request.user, summit)
    existing = _in_summit(ReviewerTeam.objects, summit, team)
    if request.method == "POST":
        setup.delete_team(existing, by=request.user)
        messages.success(request, _("The team “%(name)s” was deleted.") % {"name": existing})
        return redirect("review_organise:teams", summit=summit.slug)
    consequences = [
        _("Its members review every track, unless another team limits them."),
    ]
    if existing.can_decide:
        consequences.append(_("Its conveners no longer decide for its tracks."))
    return render_review(
        request,
        "confirm_delete.html",
        summit,
        "teams",
        heading=_("Delete the team “%(name)s”?") % {"name": existing},
        consequences=consequences,
        cancel_url=_back("teams", summit),
    )


# Conflicts of interest


def found_conflicts(summit, reviewers: list[Reviewer]) -> list[dict]:
    """The conflicts found from the data, sorted by reviewer and proposal."""
    proposals = queries.reviewable_proposals(summit)
    pairs = queries.conflicts_for_summit(summit, reviewers, proposals)
    recorded = {Conflict.Source.DECLARED, Conflict.Source.ORGANISER}
    by_pk = {reviewer.pk: reviewer for reviewer in reviewers}
    titles = dict(proposals.values_list("pk", "title"))
    rows = [
        {
            "reviewer": by_pk[reviewer_id],
            "proposal_id": proposal_id,
            "title": titles.get(proposal_id, ""),
            "reason": CONFLICT_REASONS.get(reason, reason),
        }
        for (reviewer_id, proposal_id), reason in pairs.items()
        if reason not in recorded and reviewer_id in by_pk
    ]
    rows.sort(key=lambda row: (str(row["reviewer"].user).casefold(), row["proposal_id"]))
    return rows


@login_required
def conflict_list(request, summit):
    summit = get_summit_for_organiser(request.user, summit)
    form = organiser_forms.ConflictForm(
        request.POST if request.method == "POST" else None, summit=summit
    )
    if form.is_valid():
        reviewer, proposal = form.cleaned_data["reviewer"], form.cleaned_data["proposal"]
        domain.record_conflict(
            reviewer, proposal, source=Conflict.Source.ORGANISER, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _("The conflict of %(person)s with proposal %(number)d was recorded.")
            % {"person": reviewer.user, "number": proposal.pk},
        )
        return redirect("review_organise:conflicts", summit=summit.slug)
    reviewers = list(queries.summit_reviewers(summit))
    recorded = list(
        Conflict.objects.filter(reviewer__summit=summit).select_related(
            "reviewer__user", "proposal"
        )
    )
    page = Paginator(found_conflicts(summit, reviewers), CONFLICTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render_review(
        request,
        "conflict_list.html",
        summit,
        "conflicts",
        form=form,
        recorded=recorded,
        reasons=CONFLICT_REASONS,
        page=page,
        found=list(page.object_list),
        same_country=queries.review_settings(summit).conflict_same_country,
    )


@login_required
@require_POST
def conflict_withdraw(request, summit, conflict):
    summit = get_summit_for_organiser(request.user, summit)
    existing = (
        Conflict.objects.filter(
            reviewer__summit=summit, pk=conflict, source=Conflict.Source.ORGANISER
        )
        .select_related("reviewer__user")
        .first()
    )
    if existing is None:
        raise Http404
    setup.withdraw_conflict(existing, by=request.user)
    messages.success(
        request,
        _("The conflict of %(person)s with proposal %(number)d was withdrawn.")
        % {"person": existing.reviewer.user, "number": existing.proposal_id},
    )
    return redirect("review_organise:conflicts", summit=summit.slug)
