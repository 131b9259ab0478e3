"""The organiser area of a summit's hackathons: rules, challenges, jury, prizes, results.

Every view finds the hackathon through `queries.get_hackathon_for_organiser`,
which answers 404 to anyone who does not organise the summit, and writes
through `domain.py` and `judging.py`.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cosummit.summits.models import Event
from cosummit.summits.queries import organiser_events

from . import domain, forms, judging, queries
from .models import ChallengeState, Criterion, Prize


def _render(request, template: str, event, tab: str, *, status: int = 200, **context):
    return render(
        request,
        f"hackathon/organise/{template}",
        {"summit": event.summit, "event": event, "section": "hackathon", "tab": tab, **context},
        status=status,
    )


def _hackathon(request, summit_slug: str, event_slug: str) -> Event:
    return queries.get_hackathon_for_organiser(request.user, summit_slug, event_slug)


def _back(event, name: str):
    return redirect(f"hackathon_organise:{name}", summit=event.summit.slug, event=event.slug)


@login_required
def index(request, summit):
    summit = queries.get_summit_for_organiser(request.user, summit)
    events = list(organiser_events(summit).filter(kind=Event.Kind.HACKATHON))
    return render(
        request,
        "hackathon/organise/index.html",
        {"summit": summit, "section": "hackathon", "events": events},
    )


@login_required
def settings(request, summit, event):
    event = _hackathon(request, summit, event)
    current = queries.settings_for(event)
    form = forms.SettingsForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(current),
        event=event,
    )
    if form.is_valid():
        try:
            domain.save_settings(
                event,
                by=request.user,
                submission_deadline=form.cleaned_data["submission_deadline"],
                team_size_limit=form.cleaned_data["team_size_limit"],
            )
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The hackathon’s rules were saved."))
            return _back(event, "settings")
    return _render(
        request,
        "settings.html",
        event,
        "settings",
        status=400 if form.errors else 200,
        form=form,
        hackathon=current,
        challenge_count=queries.published_challenges(event).count(),
        pending_count=queries.challenges_for_organiser(event)
        .filter(state=ChallengeState.PENDING)
        .count(),
        team_count=queries.teams_of(event).count(),
        project_count=queries.showcase(event).count(),
    )


# Challenges.


@login_required
def challenges(request, summit, event):
    event = _hackathon(request, summit, event)
    return _render(
        request,
        "challenges.html",
        event,
        "challenges",
        challenges=list(queries.challenges_for_organiser(event)),
    )


@login_required
@require_POST
def challenge_decide(request, summit, event, challenge, approve: bool):
    event = _hackathon(request, summit, event)
    challenge = queries.get_challenge_for_organiser(event, challenge)
    domain.decide_challenge(challenge, by=request.user, approve=approve)
    if approve:
        message = _("The challenge “%(title)s” is published.")
    else:
        message = _("The challenge “%(title)s” was declined.")
    messages.success(request, message % {"title": challenge.title})
    return _back(event, "challenges")


# Criteria and prizes: a list with a form to add one, a page to edit one.


@login_required
def criteria(request, summit, event):
    event = _hackathon(request, summit, event)
    form = forms.CriterionForm(
        request.POST if request.method == "POST" else None, instance=Criterion(event=event)
    )
    if form.is_valid():
        try:
            judging.save_criterion(event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The criterion was added."))
            return _back(event, "criteria")
    return _render(
        request,
        "criteria.html",
        event,
        "criteria",
        status=400 if form.errors else 200,
        criteria=queries.criteria_of(event),
        form=form,
    )


@login_required
def criterion_edit(request, summit, event, criterion):
    event = _hackathon(request, summit, event)
    criterion = queries.get_criterion_for_organiser(event, criterion)
    form = forms.CriterionForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(criterion)
    )
    if form.is_valid():
        try:
            judging.save_criterion(event, by=request.user, criterion=criterion, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The criterion was saved."))
            return _back(event, "criteria")
    return _render(
        request,
        "criterion_form.html",
        event,
        "criteria",
        status=400 if form.errors else 200,
        criterion=criterion,
        form=form,
    )


@login_required
@require_POST
def criterion_delete(request, summit, event, criterion):
    event = _hackathon(request, summit, event)
    criterion = queries.get_criterion_for_organiser(event, criterion)
    judging.delete_criterion(criterion, by=request.user)
    messages.success(request, _("The criterion was removed."))
    return _back(event, "criteria")


@login_required
def prizes(request, summit, event):
    event = _hackathon(request, summit, event)
    form = forms.PrizeForm(
        request.POST if request.method == "POST" else None, instance=Prize(event=event)
    )
    if form.is_valid():
        try:
            judging.save_prize(event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The prize was added."))
            return _back(event, "prizes")
    return _render(
        request,
        "prizes.html",
        event,
        "prizes",
        status=400 if form.errors else 200,
        prizes=list(queries.prizes_of(event)),
        form=form,
    )


@login_required
def prize_edit(request, summit, event, prize):
    event = _hackathon(request, summit, event)
    prize = queries.get_prize_for_organiser(event, prize)
    form = forms.PrizeForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(prize)
    )
    if form.is_valid():
        try:
            judging.save_prize(event, by=request.user, prize=prize, **form.cleaned_data)
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("The prize was saved."))
            return _back(event, "prizes")
    return _render(
        request,
        "prize_form.html",
        event,
        "prizes",
        status=400 if form.errors else 200,
        prize=prize,
        form=form,
    )


@login_required
@require_POST
def prize_delete(request, summit, event, prize):
    event = _hackathon(request, summit, event)
    prize = queries.get_prize_for_organiser(event, prize)
    judging.delete_prize(prize, by=request.user)
    messages.success(request, _("The prize was removed."))
    return _back(event, "prizes")


# The jury.


@login_required
def jurors(request, summit, event):
    event = _hackathon(request, summit, event)
    form = forms.JurorForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            juror = judging.add_juror(event, by=request.user, email=form.cleaned_data["email"])
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(request, _("%(name)s is on the jury.") % {"name": juror.user})
            return _back(event, "jurors")
    return _render(
        request,
        "jurors.html",
        event,
        "jurors",
        status=400 if form.errors else 200,
        jurors=list(queries.jurors_of(event)),
        form=form,
    )


@login_required
@require_POST
def juror_remove(request, summit, event, juror):
    event = _hackathon(request, summit, event)
    juror = queries.get_juror_for_organiser(event, juror)
    judging.remove_juror(juror, by=request.user)
    messages.success(request, _("%(name)s is no longer on the jury.") % {"name": juror.user})
    return _back(event, "jurors")


# Results.


@login_required
def results(request, summit, event):
    event = _hackathon(request, summit, event)
    return _results_page(request, event)


def _results_page(request, event, *, status: int = 200, bound: dict | None = None):
    submitted = list(queries.showcase(event))
    criteria = queries.criteria_of(event)
    prize_rows = []
    for prize in queries.prizes_of(event):
        form = (bound or {}).get(prize.pk) or forms.AwardForm(
            submitted=submitted, prefix=f"prize-{prize.pk}", initial={"project": prize.project_id}
        )
        prize_rows.append((prize, form))
    return _render(
        request,
        "results.html",
        event,
        "results",
        status=status,
        results=[
            (project, result, [result.criterion_means.get(criterion.pk) for criterion in criteria])
            for project, result in queries.results_of(event, submitted, criteria)
        ],
        criteria=criteria,
        prize_rows=prize_rows,
        hackathon=queries.settings_for(event),
    )


@login_required
@require_POST
def award(request, summit, event, prize):
    event = _hackathon(request, summit, event)
    prize = queries.get_prize_for_organiser(event, prize)
    form = forms.AwardForm(
        request.POST, submitted=list(queries.showcase(event)), prefix=f"prize-{prize.pk}"
    )
    if form.is_valid():
        try:
            judging.award_prize(prize, by=request.user, project=form.cleaned_data["project"])
        except ValidationError as error:
            forms.apply_errors(form, error)
        else:
            messages.success(
                request, _("The prize “%(title)s” was saved.") % {"title": prize.title}
            )
            return _back(event, "results")
    return _results_page(request, event, status=400, bound={prize.pk: form})


@login_required
@require_POST
def results_publication(request, summit, event):
    event = _hackathon(request, summit, event)
    publish = request.POST.get("publish")
    if publish not in ("yes", "no"):
        messages.error(request, _("Nothing was changed: the request was not understood."))
        return _back(event, "results")
    domain.set_results_published(event, by=request.user, published=publish == "yes")
    if publish == "yes":
        messages.success(request, _("The results and prizes are now shown in the showcase."))
    else:
        messages.success(request, _("The results and prizes are hidden from the showcase again."))
    return _back(event, "results")
