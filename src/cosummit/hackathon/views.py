"""Public pages of a summit's hackathons: overview, challenges and teams.

Views find objects through `queries.py` and write through `domain.py`; a
refused input is shown again with its errors, status 400, and a refused action
gets a page saying why, with the error's status, and changes nothing. Project
pages are in `project_views.py`, the jury's in `jury_views.py`.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import domain, forms, queries
from .models import Challenge, Team


def _draft(instance):
    # Forms write what they read onto their instance, even refused input; they
    # get a copy, so that the page keeps showing the saved row.
    return copy.copy(instance)


def hackathon_of(request, summit_slug: str, event_slug: str):
    summit = queries.get_summit_for_user(request.user, summit_slug)
    event = queries.get_hackathon_for_user(request.user, summit, event_slug)
    event.summit = summit
    return summit, event


def render_page(request, template: str, event, *, section: str = "", status: int = 200, **extra):
    """A hackathon page, with what its header and navigation need."""
    user = request.user
    settings = queries.settings_for(event)
    context = {
        "summit": event.summit,
        "event": event,
        "hackathon": settings,
        "deadline": settings.deadline,
        "is_open": queries.is_open(event, timezone.now()),
        "can_organise": queries.can_organise(user, event.summit),
        "is_juror": queries.is_juror(user, event),
        "my_team": queries.team_of(user, event),
        "section": section,
        **extra,
    }
    return render(request, f"hackathon/{template}", context, status=status)


def refused(request, event, error: domain.HackathonError):
    """A page saying why an action was refused, with a way forward when there is one."""
    register_url = None
    if isinstance(error, domain.NeedsRegistration):
        register_url = reverse(
            "registration:register", kwargs={"summit": event.summit.slug, "event": event.slug}
        )
    return render_page(
        request,
        "refused.html",
        event,
        status=error.status,
        message=error.message,
        register_url=register_url,
    )


def why_not_take_part(user, event) -> domain.HackathonError | None:
    """Why `user` may not create or join a team at `event`, or None."""
    if not queries.is_verified(user):
        return domain.NeedsVerifiedEmail()
    if not queries.has_confirmed_registration(user, event):
        return domain.NeedsRegistration()
    return None


# The summit's hackathons.


def index(request, summit):
    summit = queries.get_summit_for_user(request.user, summit)
    events = list(queries.hackathons_for_user(request.user, summit))
    for event in events:
        event.summit = summit
    return render(
        request,
        "hackathon/index.html",
        {
            "summit": summit,
            "events": events,
            "can_organise": queries.can_organise(request.user, summit),
        },
    )


def overview(request, summit, event):
    summit, event = hackathon_of(request, summit, event)
    user = request.user
    why_not = why_not_take_part(user, event) if user.is_authenticated else None
    return render_page(
        request,
        "overview.html",
        event,
        section="overview",
        challenge_count=queries.published_challenges(event).count(),
        team_count=queries.teams_of(event).count(),
        project_count=queries.showcase(event).count(),
        prizes=list(queries.prizes_of(event)),
        can_take_part=queries.can_take_part(user, event),
        why_not=why_not,
        needs_registration=isinstance(why_not, domain.NeedsRegistration),
        register_url=reverse(
            "registration:register", kwargs={"summit": summit.slug, "event": event.slug}
        ),
    )


# Challenges.


def challenge_list(request, summit, event):
    summit, event = hackathon_of(request, summit, event)
    return render_page(
        request,
        "challenge_list.html",
        event,
        section="challenges",
        challenges=list(queries.published_challenges(event)),
        my_challenges=list(queries.challenges_proposed_by(request.user, event)),
    )


def challenge_detail(request, summit, event, challenge):
    summit, event = hackathon_of(request, summit, event)
    challenge = queries.get_challenge_for_user(request.user, event, challenge)
    return render_page(
        request,
        "challenge_detail.html",
        event,
        section="challenges",
        challenge=challenge,
        can_edit=queries.can_edit_challenge(request.user, challenge),
        projects=list(queries.projects_answering(challenge)),
    )


@login_required
def challenge_propose(request, summit, event):
    summit, event = hackathon_of(request, summit, event)
    if not queries.is_verified(request.user):
        return refused(request, event, domain.NeedsVerifiedEmail())
    form = forms.ChallengeForm(
        request.POST if request.method == "POST" else None, instance=Challenge(event=event)
    )
    if form.is_valid():
        try:
            challenge = domain.propose_challenge(event, by=request.user, **form.values())
        except ValidationError as error:
            forms.apply_errors(form, error)
        except domain.HackathonError as error:
            return refused(request, event, error)
        else:
            messages.success(
                request,
                _("Thank you: the organisers will read your challenge before publishing it."),
            )
            return redirect(
                "hackathon:challenge", summit=summit.slug, event=event.slug, challenge=challenge.pk
            )
    return render_page(
        request,
        "challenge_form.html",
        event,
        section="challenges",
        status=400 if form.errors else 200,
        form=form,
        challenge=None,
    )


@login_required
def challenge_edit(request, summit, event, challenge):
    summit, event = hackathon_of(request, summit, event)
    challenge = queries.get_challenge_for_editor(request.user, event, challenge)
    form = forms.ChallengeForm(
        request.POST if request.method == "POST" else None, instance=_draft(challenge)
    )
    if form.is_valid():
        try:
            domain.update_challenge(challenge, by=request.user, **form.values())
        except ValidationError as error:
            forms.apply_errors(form, error)
        except domain.HackathonError as error:
            return refused(request, event, error)
        else:
            messages.success(request, _("The challenge was saved."))
            return redirect(
                "hackathon:challenge", summit=summit.slug, event=event.slug, challenge=challenge.pk
            )
    return render_page(
        request,
        "challenge_form.html",
        event,
        section="challenges",
        status=400 if form.errors else 200,
        form=form,
        challenge=challenge,
    )


# Teams.


def team_list(request, summit, event):
    summit, event = hackathon_of(request, summit, event)
    return render_page(
        request,
        "team_list.html",
        event,
        section="teams",
        teams=list(queries.teams_of(event)),
        limit=queries.settings_for(event).team_size_limit,
    )


def _team_page(request, event, team, *, status: int = 200, join_form=None):
    user = request.user
    is_member = queries.is_member(user, team)
    members = queries.members_of(team)
    limit = queries.settings_for(event).team_size_limit
    why_not = why_not_take_part(user, event) if user.is_authenticated else None
    return render_page(
        request,
        "team_detail.html",
        event,
        section="teams",
        status=status,
        team=team,
        members=members,
        limit=limit,
        is_full=len(members) >= limit,
        is_member=is_member,
        project=queries.project_of(team),
        requests=queries.pending_requests(team) if is_member else [],
        my_request=None if is_member else queries.request_of(user, team),
        can_take_part=queries.can_take_part(user, event),
        why_not=why_not,
        needs_registration=isinstance(why_not, domain.NeedsRegistration),
        join_form=join_form or forms.JoinForm(),
    )


def team_detail(request, summit, event, team):
    summit, event = hackathon_of(request, summit, event)
    team = queries.get_team_for_user(request.user, event, team)
    return _team_page(request, event, team)


@login_required
def team_create(request, summit, event):
    summit, event = hackathon_of(request, summit, event)
    refusal = why_not_take_part(request.user, event)
    if refusal is None and queries.team_of(request.user, event) is not None:
        refusal = domain.AlreadyInTeam()
    if refusal is None and not queries.is_open(event, timezone.now()):
        refusal = domain.DeadlinePassed()
    if refusal is not None:
        return refused(request, event, refusal)
    form = forms.TeamForm(request.POST if request.method == "POST" else None, instance=Team())
    if form.is_valid():
        try:
            team = domain.create_team(event, by=request.user, **form.values())
        except ValidationError as error:
            forms.apply_errors(form, error)
        except domain.HackathonError as error:
            return refused(request, event, error)
        else:
            messages.success(request, _("Your team is ready. Other participants can ask to join."))
            return redirect("hackathon:team", summit=summit.slug, event=event.slug, team=team.pk)
    return render_page(
        request,
        "team_form.html",
        event,
        section="teams",
        status=400 if form.errors else 200,
        form=form,
        team=None,
    )


@login_required
def team_edit(request, summit, event, team):
    summit, event = hackathon_of(request, summit, event)
    team = queries.get_team_for_member(request.user, event, team)
    form = forms.TeamForm(request.POST if request.method == "POST" else None, instance=_draft(team))
    if form.is_valid():
        try:
            domain.update_team(team, by=request.user, **form.values())
        except ValidationError as error:
            forms.apply_errors(form, error)
        except domain.HackathonError as error:
            return refused(request, event, error)
        else:
            messages.success(request, _("The team was saved."))
            return redirect("hackathon:team", summit=summit.slug, event=event.slug, team=team.pk)
    return render_page(
        request,
        "team_form.html",
        event,
        section="teams",
        status=400 if form.errors else 200,
        form=form,
        team=team,
    )


@login_required
@require_POST
def team_join(request, summit, event, team):
    summit, event = hackathon_of(request, summit, event)
    team = queries.get_team_for_user(request.user, event, team)
    form = forms.JoinForm(request.POST)
    if not form.is_valid():
        return _team_page(request, event, team, status=400, join_form=form)
    try:
        domain.request_to_join(team, by=request.user, message=form.cleaned_data["message"])
    except ValidationError as error:
        forms.apply_errors(form, error)
        return _team_page(request, event, team, status=400, join_form=form)
    except domain.HackathonError as error:
        return refused(request, event, error)
    messages.success(
        request, _("Your request was sent: a member of the team will accept or decline it.")
    )
    return redirect("hackathon:team", summit=summit.slug, event=event.slug, team=team.pk)


@login_required
@require_POST
def request_withdraw(request, summit, event, team):
    summit, event = hackathon_of(request, summit, event)
    team = queries.get_team_for_user(request.user, event, team)
    join_request = queries.request_of(request.user, team)
    if join_request is not None:
        domain.withdraw_request(join_request, by=request.user)
        messages.success(request, _("Your request was withdrawn."))
    return redirect("hackathon:team", summit=summit.slug, event=event.slug, team=team.pk)


@login_required
@require_POST
def request_answer(request, summit, event, team, join_request, accept: bool):
    summit, event = hackathon_of(request, summit, event)
    team = queries.get_team_for_member(request.user, event, team)
    join_request = queries.get_request_for_member(request.user, team, join_request)
    try:
        if accept:
            domain.accept_request(join_request, by=request.user)
        else:
            domain.decline_request(join_request, by=request.user)
    except domain.HackathonError as error:
        return refused(request, event, error)
    if accept:
        message = _("%(name)s is now in the team.")
    else:
        message = _("The request of %(name)s was declined.")
    messages.success(request, message % {"name": join_request.user})
    return redirect("hackathon:team", summit=summit.slug, event=event.slug, team=team.pk)


@login_required
@require_POST
def team_leave(request, summit, event, team):
    summit, event = hackathon_of(request, summit, event)
    team = queries.get_team_for_member(request.user, event, team)
    try:
        deleted = domain.leave_team(team, by=request.user)
    except domain.HackathonError as error:
        return refused(request, event, error)
    if deleted:
        messages.success(request, _("You left the team; as nobody else was in it, it was removed."))
        return redirect("hackathon:teams", summit=summit.slug, event=event.slug)
    messages.success(request, _("You left the team."))
    return redirect("hackathon:team", summit=summit.slug, event=event.slug, team=team.pk)
