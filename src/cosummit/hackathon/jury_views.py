"""The jury's pages: the queue of submitted projects and the scoring form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import domain, forms, judging, queries
from .views import hackathon_of, refused, render_page


@login_required
def queue(request, summit, event):
    summit, event = hackathon_of(request, summit, event)
    if not queries.is_juror(request.user, event):
        raise Http404
    projects = queries.jury_queue(request.user, event)
    return render_page(
        request,
        "jury_queue.html",
        event,
        section="jury",
        projects=projects,
        scored=sum(project.my_evaluation is not None for project in projects),
        criteria=queries.criteria_of(event),
        results_published=queries.settings_for(event).results_are_published,
    )


@login_required
def score(request, summit, event, project):
    summit, event = hackathon_of(request, summit, event)
    project = queries.get_project_for_juror(request.user, event, project)
    if queries.has_conflict(request.user, project):
        return refused(
            request,
            event,
            domain.NotAllowed(_("You are in this project’s team: you cannot score it.")),
        )
    criteria = queries.criteria_of(event)
    evaluation = queries.evaluation_of(request.user, project)
    initial = {}
    if evaluation is not None:
        initial = {
            f"criterion_{mark.criterion_id}": mark.value for mark in evaluation.scores.all()
        } | {"comment": evaluation.comment}
    form = forms.ScoreForm(
        request.POST if request.method == "POST" else None, criteria=criteria, initial=initial
    )
    if form.is_valid():
        try:
            judging.score_project(
                project,
                by=request.user,
                values=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        except domain.HackathonError as error:
            return refused(request, event, error)
        else:
            messages.success(request, _("Your scores were saved."))
            return redirect("hackathon:jury", summit=summit.slug, event=event.slug)
    return render_page(
        request,
        "jury_score.html",
        event,
        section="jury",
        status=400 if form.errors else 200,
        project=project,
        form=form,
        evaluation=evaluation,
        criteria=criteria,
        results_published=queries.settings_for(event).results_are_published,
    )
