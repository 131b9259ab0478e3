"""Project pages: the team's editing page, screenshots, submission, the toolbox, the showcase."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import domain, forms, projects, queries
from .models import Project
from .views import hackathon_of, refused, render_page


def _project_or_new(team) -> Project:
    return queries.project_of(team) or Project(team=team, event=team.event)


def _edit_page(request, event, team, project, *, status=200, form=None, screenshot_form=None):
    draft = copy.copy(project)
    return render_page(
        request,
        "project_form.html",
        event,
        section="teams",
        status=status,
        team=team,
        project=project,
        form=form
        or forms.ProjectForm(instance=draft, challenges=queries.published_challenges(event)),
        screenshot_form=screenshot_form or forms.ScreenshotForm(),
        screenshots=list(project.screenshots.all()) if project.pk else [],
        can_add_screenshot=project.pk is not None,
    )


@login_required
def project_edit(request, summit, event, team):
    summit, event = hackathon_of(request, summit, event)
    team = queries.get_team_for_member(request.user, event, team)
    project = _project_or_new(team)
    if request.method != "POST":
        return _edit_page(request, event, team, project)
    form = forms.ProjectForm(
        request.POST, instance=copy.copy(project), challenges=queries.published_challenges(event)
    )
    if form.is_valid():
        try:
            projects.save_project(team, by=request.user, **form.values())
        except ValidationError as error:
            forms.apply_errors(form, error)
        except domain.HackathonError as error:
            return refused(request, event, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect(
                "hackathon:project_edit", summit=summit.slug, event=event.slug, team=team.pk
            )
    return _edit_page(request, event, team, project, status=400, form=form)


def _existing_project(request, summit_slug, event_slug, team_id):
    _summit, event = hackathon_of(request, summit_slug, event_slug)
    team = queries.get_team_for_member(request.user, event, team_id)
    return event, team, queries.project_of(team)


def _back_to_edit(event, team):
    return redirect(
        "hackathon:project_edit", summit=event.summit.slug, event=event.slug, team=team.pk
    )


@login_required
@require_POST
def project_submit(request, summit, event, team):
    event, team, project = _existing_project(request, summit, event, team)
    if project is None:
        return refused(
            request, event, domain.HackathonError(_("Describe the project before submitting it."))
        )
    try:
        projects.submit_project(project, by=request.user)
    except domain.HackathonError as error:
        return refused(request, event, error)
    messages.success(
        request,
        _("Your project is submitted: it is in the showcase and the jury will score it."),
    )
    return redirect(
        "hackathon:project", summit=event.summit.slug, event=event.slug, project=project.pk
    )


@login_required
@require_POST
def screenshot_add(request, summit, event, team):
    event, team, project = _existing_project(request, summit, event, team)
    if project is None:
        return refused(
            request, event, domain.HackathonError(_("Save the project before adding screenshots."))
        )
    form = forms.ScreenshotForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            projects.add_screenshot(
                project,
                by=request.user,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        except domain.HackathonError as error:
            return refused(request, event, error)
        else:
            messages.success(request, _("The screenshot was added."))
            return _back_to_edit(event, team)
    return _edit_page(request, event, team, project, status=400, screenshot_form=form)


@login_required
@require_POST
def screenshot_remove(request, summit, event, team, screenshot):
    event, team, project = _existing_project(request, summit, event, team)
    shot = queries.get_screenshot_of(project, screenshot) if project else None
    if shot is None:
        return _back_to_edit(event, team)
    try:
        projects.remove_screenshot(shot, by=request.user)
    except domain.HackathonError as error:
        return refused(request, event, error)
    messages.success(request, _("The screenshot was removed."))
    return _back_to_edit(event, team)


@login_required
@require_POST
def project_publish(request, summit, event, team):
    event, team, project = _existing_project(request, summit, event, team)
    if project is None:
        return refused(
            request,
            event,
            domain.HackathonError(_("Submit the project before publishing it in the toolbox.")),
        )
    form = forms.PublishForm(request.POST, summit=event.summit)
    if not form.is_valid():
        return _project_page(request, event, project, status=400, publish_form=form)
    try:
        card = projects.publish_project(project, by=request.user, tags=form.cleaned_data["tags"])
    except domain.HackathonError as error:
        return refused(request, event, error)
    messages.success(request, _("Your project is now a card of the toolbox."))
    return redirect(card)


# Public pages.


def showcase(request, summit, event):
    summit, event = hackathon_of(request, summit, event)
    settings = queries.settings_for(event)
    shown = list(queries.showcase(event))
    results = queries.ranks_of(event, shown) if settings.results_are_published else {}
    for project in shown:
        project.result = results.get(project.pk)
    if results:
        shown.sort(key=lambda project: (project.result.rank or len(shown) + 1, project.pk))
    return render_page(
        request,
        "showcase.html",
        event,
        section="projects",
        projects=shown,
        results_published=settings.results_are_published,
    )


def _project_page(request, event, project, *, status=200, publish_form=None):
    user = request.user
    settings = queries.settings_for(event)
    is_member = queries.is_member(user, project.team)
    result = None
    if settings.results_are_published and project.is_submitted:
        result = queries.ranks_of(event).get(project.pk)
    return render_page(
        request,
        "project_detail.html",
        event,
        section="projects",
        status=status,
        project=project,
        team=project.team,
        members=queries.members_of(project.team),
        screenshots=list(project.screenshots.all()),
        prizes=list(project.prizes.all()) if settings.results_are_published else [],
        result=result,
        is_member=is_member,
        can_publish=is_member and project.is_submitted and project.toolbox_card_id is None,
        publish_form=publish_form or forms.PublishForm(summit=event.summit),
        can_score=queries.is_juror(user, event)
        and project.is_submitted
        and not queries.has_conflict(user, project),
        now=timezone.now(),
    )


def project_detail(request, summit, event, project):
    summit, event = hackathon_of(request, summit, event)
    project = queries.get_project_for_user(request.user, event, project)
    return _project_page(request, event, project)
