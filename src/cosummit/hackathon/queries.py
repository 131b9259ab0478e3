"""Who may see and do what at a hackathon, and the reads that depend on it.

A hackathon is a published event of kind hackathon (organisers also see
unpublished ones). Anyone may read its published challenges, its teams and the
showcase of submitted projects; signed-in people with a verified e-mail address
propose challenges; people with a confirmed registration for the event form
teams; team members edit their project; jurors score submitted projects.
"""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from cosummit.accounts.queries import has_verified_email
from cosummit.registration.models import Registration, Status
from cosummit.summits.models import Event, Summit
from cosummit.summits.queries import (
    can_organise,
    events_for_user,
    get_event_for_organiser,
    get_summit_for_organiser,
    get_summit_for_user,
)

from . import jury
from .models import (
    Challenge,
    ChallengeState,
    Criterion,
    Evaluation,
    HackathonSettings,
    JoinRequest,
    Juror,
    Prize,
    Project,
    ProjectState,
    Score,
    Screenshot,
    Team,
    TeamMember,
)

__all__ = ["can_organise", "get_summit_for_organiser", "get_summit_for_user"]


def _remembered(user, key: str, event_pk: int, compute):
    """An answer about `user` and one event, kept on the user object for one request."""
    known = user.__dict__.setdefault(key, {})
    if event_pk not in known:
        known[event_pk] = compute()
    return known[event_pk]


def forget(user) -> None:
    """Drop the answers kept on `user`, after they changed during the request."""
    for key in [key for key in user.__dict__ if key.startswith("_hackathon_")]:
        del user.__dict__[key]


# The hackathon events.


def hackathons_for_user(user, summit: Summit) -> QuerySet[Event]:
    return (
        events_for_user(user, summit)
        .filter(kind=Event.Kind.HACKATHON)
        .select_related("hackathon_settings")
    )


def get_hackathon_for_user(user, summit: Summit, slug: str) -> Event:
    event = hackathons_for_user(user, summit).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def get_hackathon_for_organiser(user, summit_slug: str, event_slug: str) -> Event:
    """A hackathon event of a summit `user` organises; 404 for anyone else."""
    event = get_event_for_organiser(user, summit_slug, event_slug)
    if event.kind != Event.Kind.HACKATHON:
        raise Http404
    return event


def settings_for(event: Event) -> HackathonSettings:
    """The event's hackathon settings; the defaults, unsaved, when the organisers set none."""
    try:
        return event.hackathon_settings
    except HackathonSettings.DoesNotExist:
        return HackathonSettings(event=event)


def is_open(event: Event, now) -> bool:
    """Whether teams and projects may still change: the submission deadline has not passed."""
    return now < settings_for(event).deadline


# Who someone is at a hackathon.


def is_verified(user) -> bool:
    """Signed in, active, with a verified e-mail address; kept on the user for one request."""
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if "_hackathon_verified" not in user.__dict__:
        user.__dict__["_hackathon_verified"] = has_verified_email(user)
    return user.__dict__["_hackathon_verified"]


def has_confirmed_registration(user, event: Event) -> bool:
    """A confirmed registration for `event`, linked to the account or made with its address."""
    if not user.is_authenticated:
        return False
    return _remembered(
        user,
        "_hackathon_registered",
        event.pk,
        lambda: (
            Registration.objects.filter(event=event, status=Status.CONFIRMED)
            .filter(Q(user=user) | Q(email__iexact=user.email))
            .exists()
        ),
    )


def can_take_part(user, event: Event) -> bool:
    """Creating or joining a team needs a verified account and a confirmed registration."""
    if not is_verified(user):
        return False
    return has_confirmed_registration(user, event)


def team_of(user, event: Event) -> Team | None:
    """The team `user` is in at `event`, if any."""
    if not user.is_authenticated:
        return None
    return _remembered(
        user,
        "_hackathon_team",
        event.pk,
        lambda: Team.objects.filter(event=event, memberships__user=user).first(),
    )


def is_member(user, team: Team) -> bool:
    mine = team_of(user, team.event)
    return mine is not None and mine.pk == team.pk


def is_juror(user, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    return _remembered(
        user,
        "_hackathon_juror",
        event.pk,
        lambda: Juror.objects.filter(event=event, user=user).exists(),
    )


# Challenges.


def published_challenges(event: Event) -> QuerySet[Challenge]:
    return Challenge.objects.filter(event=event, state=ChallengeState.APPROVED)


def challenges_proposed_by(user, event: Event) -> QuerySet[Challenge]:
    """The person's own challenges that are not published: awaiting approval or declined."""
    if not user.is_authenticated:
        return Challenge.objects.none()
    return Challenge.objects.filter(event=event, proposed_by=user).exclude(
        state=ChallengeState.APPROVED
    )


def can_edit_challenge(user, challenge: Challenge) -> bool:
    """Organisers edit any challenge; its proposer, while it awaits approval."""
    if can_organise(user, challenge.event.summit):
        return True
    if not user.is_authenticated:
        return False
    if challenge.proposed_by_id != user.pk:
        return False
    return challenge.state == ChallengeState.PENDING


def get_challenge_for_user(user, event: Event, pk: int) -> Challenge:
    """A published challenge; the proposer and organisers also see the others."""
    challenge = Challenge.objects.filter(event=event, pk=pk).select_related("proposed_by").first()
    if challenge is None:
        raise Http404
    challenge.event = event
    if challenge.is_published:
        return challenge
    if user.is_authenticated and challenge.proposed_by_id == user.pk:
        return challenge
    if can_organise(user, event.summit):
        return challenge
    raise Http404


def get_challenge_for_editor(user, event: Event, pk: int) -> Challenge:
    challenge = get_challenge_for_user(user, event, pk)
    if not can_edit_challenge(user, challenge):
        raise Http404
    return challenge


def challenges_for_organiser(event: Event) -> QuerySet[Challenge]:
    """Every challenge of the event, those awaiting approval first."""
    return (
        Challenge.objects.filter(event=event)
        .select_related("proposed_by")
        .annotate(
            pending_last=Case(When(state=ChallengeState.PENDING, then=Value(0)), default=Value(1))
        )
        .order_by("pending_last", "created_at", "pk")
    )


def get_challenge_for_organiser(event: Event, pk: int) -> Challenge:
    challenge = Challenge.objects.filter(event=event, pk=pk).first()
    if challenge is None:
        raise Http404
    challenge.event = event
    return challenge


# Teams.


def teams_of(event: Event) -> QuerySet[Team]:
    """The event's teams with their number of members and their project, if any."""
    return (
        Team.objects.filter(event=event)
        .annotate(member_count=Count("memberships"))
        .select_related("project")
    )


def get_team_for_user(user, event: Event, pk: int) -> Team:
    """Any team of the event: teams are public, so that people can find one to join."""
    team = Team.objects.filter(event=event, pk=pk).first()
    if team is None:
        raise Http404
    team.event = event
    return team


def get_team_for_member(user, event: Event, pk: int) -> Team:
    """The team, for its members only; 404 for anyone else."""
    team = get_team_for_user(user, event, pk)
    if not is_member(user, team):
        raise Http404
    return team


def members_of(team: Team) -> list[TeamMember]:
    return list(team.memberships.select_related("user"))


def pending_requests(team: Team) -> list[JoinRequest]:
    return list(team.join_requests.filter(status=JoinRequest.Status.PENDING).select_related("user"))


def request_of(user, team: Team) -> JoinRequest | None:
    """The person's pending request to join `team`."""
    if not user.is_authenticated:
        return None
    return team.join_requests.filter(user=user, status=JoinRequest.Status.PENDING).first()


def get_request_for_member(user, team: Team, pk: int) -> JoinRequest:
    """A pending request to join `team`, for the team's members; 404 otherwise."""
    if not is_member(user, team):
        raise Http404
    join_request = (
        team.join_requests.filter(pk=pk, status=JoinRequest.Status.PENDING)
        .select_related("user")
        .first()
    )
    if join_request is None:
        raise Http404
    join_request.team = team
    return join_request


# Projects.


def project_of(team: Team) -> Project | None:
    project = Project.objects.filter(team=team).select_related("challenge", "toolbox_card").first()
    if project is not None:
        project.team = team
    return project


def get_screenshot_of(project: Project, pk: int) -> Screenshot | None:
    """A screenshot of `project`, which the caller found for a member of its team."""
    screenshot = Screenshot.objects.filter(project=project, pk=pk).first()
    if screenshot is not None:
        screenshot.project = project
    return screenshot


def showcase(event: Event) -> QuerySet[Project]:
    """Submitted projects with what their showcase card shows, in order of submission."""
    return (
        Project.objects.filter(event=event, state=ProjectState.SUBMITTED)
        .select_related("team", "challenge", "toolbox_card")
        .prefetch_related("screenshots", "prizes")
    )


def projects_answering(challenge: Challenge) -> QuerySet[Project]:
    """The submitted projects that answer a published challenge."""
    if not challenge.is_published:
        return Project.objects.none()
    return Project.objects.filter(challenge=challenge, state=ProjectState.SUBMITTED)


def get_project_for_user(user, event: Event, pk: int) -> Project:
    """A submitted project; drafts only for the team's members and the organisers."""
    project = (
        Project.objects.filter(event=event, pk=pk)
        .select_related("team", "challenge", "toolbox_card")
        .first()
    )
    if project is None:
        raise Http404
    project.event = project.team.event = event
    if project.is_submitted:
        return project
    if is_member(user, project.team):
        return project
    if can_organise(user, event.summit):
        return project
    raise Http404


# The jury.


def criteria_of(event: Event) -> list[Criterion]:
    return list(Criterion.objects.filter(event=event))


def jurors_of(event: Event) -> QuerySet[Juror]:
    return Juror.objects.filter(event=event).select_related("user")


def prizes_of(event: Event) -> QuerySet[Prize]:
    return Prize.objects.filter(event=event).select_related("project")


def get_criterion_for_organiser(event: Event, pk: int) -> Criterion:
    criterion = Criterion.objects.filter(event=event, pk=pk).first()
    if criterion is None:
        raise Http404
    criterion.event = event
    return criterion


def get_prize_for_organiser(event: Event, pk: int) -> Prize:
    prize = Prize.objects.filter(event=event, pk=pk).first()
    if prize is None:
        raise Http404
    prize.event = event
    return prize


def get_juror_for_organiser(event: Event, pk: int) -> Juror:
    juror = Juror.objects.filter(event=event, pk=pk).select_related("user").first()
    if juror is None:
        raise Http404
    juror.event = event
    return juror


def has_conflict(user, project: Project) -> bool:
    """A juror in the project's team may not score it."""
    return is_member(user, project.team)


def jury_queue(user, event: Event) -> list[Project]:
    """Submitted projects for a juror, each with `my_evaluation` and `is_conflict`."""
    mine = team_of(user, event)
    projects = list(
        Project.objects.filter(event=event, state=ProjectState.SUBMITTED)
        .select_related("team", "challenge")
        .prefetch_related(
            Prefetch(
                "evaluations",
                queryset=Evaluation.objects.filter(juror=user),
                to_attr="mine",
            )
        )
    )
    for project in projects:
        project.my_evaluation = project.mine[0] if project.mine else None
        project.is_conflict = mine is not None and project.team_id == mine.pk
    return projects


def get_project_for_juror(user, event: Event, pk: int) -> Project:
    """A submitted project of the event, for its jurors; 404 for anyone else."""
    if not is_juror(user, event):
        raise Http404
    project = (
        Project.objects.filter(event=event, pk=pk, state=ProjectState.SUBMITTED)
        .select_related("team", "challenge")
        .first()
    )
    if project is None:
        raise Http404
    project.event = project.team.event = event
    return project


def evaluation_of(user, project: Project) -> Evaluation | None:
    return Evaluation.objects.filter(project=project, juror=user).prefetch_related("scores").first()


def results_of(
    event: Event,
    submitted: list[Project] | None = None,
    criteria: list[Criterion] | None = None,
) -> list[tuple[Project, jury.ProjectResult]]:
    """Every submitted project with its result, best first.

    `submitted` and `criteria`: the event's `showcase` and `criteria_of`, when
    the caller has read them already.
    Scores given by a juror who is in the project's team are left out, should
    they exist (a juror who joined the team after scoring).
    """
    if submitted is None:
        submitted = list(showcase(event))
    projects = {project.pk: project for project in submitted}
    members = set(TeamMember.objects.filter(event=event).values_list("team_id", "user_id"))
    if criteria is None:
        criteria = criteria_of(event)
    scales = [jury.Scale(c.pk, c.weight, c.min_score, c.max_score) for c in criteria]
    marks = []
    rows = Score.objects.filter(
        evaluation__project__event=event, evaluation__project__state=ProjectState.SUBMITTED
    ).values_list("evaluation__project_id", "evaluation__juror_id", "criterion_id", "value")
    for project_id, juror_id, criterion_id, value in rows:
        if (projects[project_id].team_id, juror_id) in members:
            continue
        marks.append(jury.Mark(project_id, juror_id, criterion_id, value))
    results = jury.compute_results(scales, marks, list(projects))
    return [(projects[result.project_id], result) for result in results]


def ranks_of(event: Event, submitted: list[Project] | None = None) -> dict[int, jury.ProjectResult]:
    """The result of each submitted project, by project id."""
    return {project.pk: result for project, result in results_of(event, submitted)}


def biggest_team_size(event: Event) -> int:
    counts = teams_of(event).values_list("member_count", flat=True)
    return max(counts, default=0)
