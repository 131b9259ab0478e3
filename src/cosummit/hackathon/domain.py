"""Writes of the hackathon: settings, challenges and teams.

Views and the demo call these functions. Each checks that the person acting
(`by`) may do it and that the hackathon's rules allow it, raising a
`HackathonError` whose message says why, to the person; bad input raises
`ValidationError` with a translated message per field. Either way nothing is
written. Projects are written by `projects.py`, the jury by `judging.py`, with
the same errors and checks.
"""

import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cosummit.core.i18n import clean_translations
from cosummit.summits.models import Event

from . import mail, queries
from .models import (
    LINKS_PER_CHALLENGE,
    SKILL_MAX_LENGTH,
    SKILLS_PER_TEAM,
    Challenge,
    ChallengeState,
    HackathonSettings,
    JoinRequest,
    Screenshot,
    Team,
    TeamMember,
)

logger = logging.getLogger(__name__)

CHALLENGE_FIELDS = (
    "title",
    "description",
    "links",
    "organisation_name",
    "organisation_type",
    "organisation_country",
)
TEAM_FIELDS = ("name", "description", "skills_wanted")


class HackathonError(Exception):
    """A rule refused the action; `message` says why, to the person."""

    status = 400
    default_message = gettext_lazy("This cannot be done at this hackathon now.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class NotAllowed(HackathonError):
    status = 403
    default_message = gettext_lazy("You may not do this.")


class NeedsVerifiedEmail(NotAllowed):
    default_message = gettext_lazy(
        "Verify your e-mail address first: we sent you a link when you signed up."
    )


class NeedsRegistration(NotAllowed):
    """The page adds a link to the event's registration."""

    default_message = gettext_lazy(
        "Only people with a confirmed registration for this hackathon can create or join a team."
    )


class NotInTeam(NotAllowed):
    default_message = gettext_lazy("Only the team’s members may do this.")


class DeadlinePassed(HackathonError):
    default_message = gettext_lazy(
        "The submission deadline has passed: teams and projects can no longer change."
    )


class TeamFull(HackathonError):
    pass


class AlreadyInTeam(HackathonError):
    default_message = gettext_lazy(
        "You are already in a team at this hackathon: leave it first to join another one."
    )


def _now(now):
    return now or timezone.now()


def _require_organiser(user, event: Event) -> None:
    if not queries.can_organise(user, event.summit):
        raise NotAllowed(_("Only the summit’s organisers may do this."))


def _require_verified(user) -> None:
    if not queries.is_verified(user):
        raise NeedsVerifiedEmail


def _require_participant(user, event: Event) -> None:
    _require_verified(user)
    if not queries.has_confirmed_registration(user, event):
        raise NeedsRegistration


def _require_open(event: Event, now) -> None:
    if not queries.is_open(event, now):
        raise DeadlinePassed


def _require_member(user, team: Team) -> None:
    if not queries.is_member(user, team):
        raise NotInTeam


def _validate(instance, *, exclude: Iterable[str]) -> None:
    """The model's own rules for each field; the callers check what spans rows."""
    instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


def _delete_files_on_commit(names: list[str]) -> None:
    storage = Screenshot._meta.get_field("image").storage
    for name in names:
        transaction.on_commit(lambda name=name: storage.delete(name))


# Settings.


def save_settings(
    event: Event, *, by, submission_deadline, team_size_limit: int
) -> HackathonSettings:
    """Set the event's submission deadline and team size limit.

    Side effects: the event's settings row written (created the first time).
    """
    _require_organiser(by, event)
    settings = queries.settings_for(event)
    settings.submission_deadline = submission_deadline
    settings.team_size_limit = team_size_limit
    _validate(settings, exclude=["event"])
    biggest = queries.biggest_team_size(event)
    if team_size_limit < biggest:
        raise ValidationError(
            {
                "team_size_limit": _(
                    "A team already has %(count)d members: the limit cannot be lower."
                )
                % {"count": biggest}
            }
        )
    if settings.pk is None:
        settings.save()
    else:
        settings.save(update_fields=["submission_deadline", "team_size_limit"])
    return settings


def set_results_published(event: Event, *, by, published: bool, now=None) -> HackathonSettings:
    """Publish the jury's results and the prizes in the showcase, or take them back.

    Side effects: the event's settings row written (created the first time).
    """
    _require_organiser(by, event)
    settings = queries.settings_for(event)
    settings.results_published_at = _now(now) if published else None
    if settings.pk is None:
        settings.save()
    else:
        settings.save(update_fields=["results_published_at"])
    logger.info("Hackathon %s: results published=%s by user %s.", event.pk, published, by.pk)
    return settings


# Challenges.


def clean_links(value) -> list[dict]:
    """Data sets and links, from lines "title | address" (or an address alone) or a list."""
    if not value:
        return []
    if isinstance(value, str):
        entries = []
        for line in value.splitlines():
            if not line.strip():
                continue
            title, separator, url = line.rpartition("|")
            if not separator:
                title, url = "", line
            entries.append({"title": title.strip(), "url": url.strip()})
    elif isinstance(value, list | tuple):
        entries = [
            {"title": str(entry.get("title", "")).strip(), "url": str(entry.get("url", "")).strip()}
            for entry in value
            if isinstance(entry, dict)
        ]
    else:
        raise ValidationError({"links": _("Give the links one per line.")})
    if len(entries) > LINKS_PER_CHALLENGE:
        raise ValidationError(
            {"links": _("List at most %(count)d links.") % {"count": LINKS_PER_CHALLENGE}}
        )
    validate = URLValidator(schemes=["http", "https"])
    for number, entry in enumerate(entries, start=1):
        try:
            validate(entry["url"])
        except ValidationError:
            raise ValidationError(
                {
                    "links": _(
                        "Line %(number)d: “%(value)s” is not a web address starting with "
                        "http:// or https://."
                    )
                    % {"number": number, "value": entry["url"][:100]}
                }
            ) from None
        if len(entry["title"]) > 200 or len(entry["url"]) > 500:
            raise ValidationError({"links": _("Line %(number)d is too long.") % {"number": number}})
        entry["title"] = entry["title"] or entry["url"]
    return entries


def _challenge_values(fields: dict) -> dict:
    unknown = set(fields) - set(CHALLENGE_FIELDS)
    if unknown:
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))} on a challenge.")
    values = dict(fields)
    for name in ("title", "description"):
        if name in values:
            values[name] = clean_translations(values[name])
    if "links" in values:
        values["links"] = clean_links(values["links"])
    if "organisation_name" in values:
        values["organisation_name"] = (values["organisation_name"] or "").strip()
    return values


def propose_challenge(event: Event, *, by, **fields) -> Challenge:
    """Propose a challenge for the hackathon; it is published once an organiser approves it.

    `fields`: every name of CHALLENGE_FIELDS; `links` as lines or a list of
    {"title", "url"}.

    Side effects: one Challenge row, awaiting approval; a log entry.
    """
    _require_verified(by)
    challenge = Challenge(event=event, proposed_by=by, **_challenge_values(fields))
    _validate(challenge, exclude=["event", "proposed_by", "decided_by"])
    challenge.save()
    logger.info("Hackathon %s: challenge %s proposed by user %s.", event.pk, challenge.pk, by.pk)
    return challenge


def update_challenge(challenge: Challenge, *, by, **changes) -> list[str]:
    """Change a challenge's texts, links or organisation; return the names changed.

    Side effects: the changed fields saved.
    """
    if not queries.can_edit_challenge(by, challenge):
        raise NotAllowed(
            _(
                "A challenge can be changed by its proposer until it is published, "
                "and by the organisers."
            )
        )
    values = _challenge_values(changes)
    before = {name: getattr(challenge, name) for name in values}
    for name, value in values.items():
        setattr(challenge, name, value)
    try:
        _validate(challenge, exclude=["event", "proposed_by", "decided_by"])
    except ValidationError:
        for name, value in before.items():
            setattr(challenge, name, value)
        raise
    changed = sorted(name for name in before if before[name] != getattr(challenge, name))
    if changed:
        challenge.save(update_fields=changed)
    return changed


def decide_challenge(challenge: Challenge, *, by, approve: bool, now=None) -> Challenge:
    """Publish a challenge, or decline it; a published one may be taken back the same way.

    Side effects, in order:
    1. the challenge's state, decider and time saved;
    2. a mail to its proposer, in their language;
    3. a log entry.
    """
    event = challenge.event
    _require_organiser(by, event)
    state = ChallengeState.APPROVED if approve else ChallengeState.REJECTED
    if challenge.state == state:
        return challenge
    challenge.state = state
    challenge.decided_by = by
    challenge.decided_at = _now(now)
    challenge.save(update_fields=["state", "decided_by", "decided_at"])
    proposer = challenge.proposed_by
    if proposer is not None and proposer.is_active:
        mail.send(
            proposer,
            event,
            "challenge_decided",
            approved=approve,
            challenge=lambda language: challenge.title.localize(language).text,
            challenge_url=lambda language: mail.absolute_url(
                "hackathon:challenge",
                language,
                summit=event.summit.slug,
                event=event.slug,
                challenge=challenge.pk,
            ),
        )
    logger.info("Hackathon %s: challenge %s %s by user %s.", event.pk, challenge.pk, state, by.pk)
    return challenge


# Teams.


def clean_skills(value) -> list[str]:
    """Skills wanted, from "design, python, law" or a list: trimmed, each once."""
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise ValidationError({"skills_wanted": _("List the skills between commas.")})
    skills, seen = [], set()
    for skill in value:
        skill = " ".join(str(skill).split())
        if not skill or skill.casefold() in seen:
            continue
        if len(skill) > SKILL_MAX_LENGTH:
            raise ValidationError(
                {
                    "skills_wanted": _("Keep each skill under %(limit)d characters.")
                    % {"limit": SKILL_MAX_LENGTH}
                }
            )
        seen.add(skill.casefold())
        skills.append(skill)
    if len(skills) > SKILLS_PER_TEAM:
        raise ValidationError(
            {"skills_wanted": _("List at most %(count)d skills.") % {"count": SKILLS_PER_TEAM}}
        )
    return skills


def _team_values(fields: dict) -> dict:
    unknown = set(fields) - set(TEAM_FIELDS)
    if unknown:
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))} on a team.")
    values = dict(fields)
    if "name" in values:
        values["name"] = " ".join((values["name"] or "").split())
    if "description" in values:
        values["description"] = (values["description"] or "").strip()
    if "skills_wanted" in values:
        values["skills_wanted"] = clean_skills(values["skills_wanted"])
    return values


def _require_free_name(event: Event, name: str, *, team: Team | None = None) -> None:
    others = Team.objects.filter(event=event, name__iexact=name)
    if team is not None:
        others = others.exclude(pk=team.pk)
    if others.exists():
        raise ValidationError({"name": _("Another team of this hackathon has this name.")})


def _withdraw_requests(user, event: Event, now) -> int:
    """Withdraw a person's pending requests to the event's teams, once they are in a team."""
    return JoinRequest.objects.filter(
        team__event=event, user=user, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.WITHDRAWN, decided_at=now)


def create_team(event: Event, *, by, now=None, **fields) -> Team:
    """Create a team, with `by` as its first member.

    `fields`: `name`, and optionally `description` and `skills_wanted`.

    Side effects, in one transaction:
    1. one Team row;
    2. one TeamMember row for `by`;
    3. `by`'s pending requests to other teams withdrawn;
    4. a log entry.
    """
    now = _now(now)
    _require_participant(by, event)
    _require_open(event, now)
    if queries.team_of(by, event) is not None:
        raise AlreadyInTeam
    team = Team(event=event, created_by=by, **_team_values(fields))
    _validate(team, exclude=["event", "created_by"])
    _require_free_name(event, team.name)
    try:
        with transaction.atomic():
            team.save()
            TeamMember.objects.create(team=team, event=event, user=by)
            _withdraw_requests(by, event, now)
    except IntegrityError:
        # Another request got there first: the same person in a team, or the same name.
        queries.forget(by)
        if queries.team_of(by, event) is not None:
            raise AlreadyInTeam from None
        _require_free_name(event, team.name)
        raise
    queries.forget(by)
    logger.info("Hackathon %s: team %s created by user %s.", event.pk, team.pk, by.pk)
    return team


def update_team(team: Team, *, by, **changes) -> list[str]:
    """Change the team's name, description or skills wanted; return the names changed.

    Side effects: the changed fields saved.
    """
    _require_member(by, team)
    values = _team_values(changes)
    before = {name: getattr(team, name) for name in values}
    for name, value in values.items():
        setattr(team, name, value)
    try:
        _validate(team, exclude=["event", "created_by"])
        _require_free_name(team.event, team.name, team=team)
    except ValidationError:
        for name, value in before.items():
            setattr(team, name, value)
        raise
    changed = sorted(name for name in before if before[name] != getattr(team, name))
    if changed:
        team.save(update_fields=changed)
    return changed


def _team_url(team: Team):
    return lambda language: mail.absolute_url(
        "hackathon:team",
        language,
        summit=team.event.summit.slug,
        event=team.event.slug,
        team=team.pk,
    )


def _require_room(team: Team, members: int) -> None:
    limit = queries.settings_for(team.event).team_size_limit
    if members >= limit:
        raise TeamFull(
            _("The team “%(team)s” is full: it has %(count)d members, the most a team may have.")
            % {"team": team.name, "count": members}
        )


def request_to_join(team: Team, *, by, message: str = "", now=None) -> JoinRequest:
    """Ask to join a team; any of its members may accept.

    Side effects, in order:
    1. one JoinRequest row, pending;
    2. a mail to each member of the team, in their language.
    """
    now = _now(now)
    event = team.event
    _require_participant(by, event)
    _require_open(event, now)
    mine = queries.team_of(by, event)
    if mine is not None and mine.pk == team.pk:
        raise HackathonError(_("You are already in this team."))
    if mine is not None:
        raise AlreadyInTeam
    _require_room(team, team.memberships.count())
    message = (message or "").strip()
    if len(message) > 500:
        raise ValidationError({"message": _("Keep your message under 500 characters.")})
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(team=team, user=by, message=message)
    except IntegrityError:
        raise HackathonError(_("You have already asked to join this team.")) from None
    for member in queries.members_of(team):
        mail.send(
            member.user,
            event,
            "join_request",
            requester=str(by),
            team=team.name,
            message=message,
            team_url=_team_url(team),
        )
    return join_request


def withdraw_request(join_request: JoinRequest, *, by, now=None) -> None:
    """Take back one's own pending request.

    Side effects: the request's status saved.
    """
    if join_request.user_id != by.pk:
        raise NotAllowed
    if join_request.status != JoinRequest.Status.PENDING:
        raise HackathonError(_("This request was already answered."))
    join_request.status = JoinRequest.Status.WITHDRAWN
    join_request.decided_at = _now(now)
    join_request.save(update_fields=["status", "decided_at"])


def accept_request(join_request: JoinRequest, *, by, now=None) -> TeamMember:
    """Accept a person into the team, if it has room and they are not in another team.

    The team row is locked while its members are counted, so that two
    acceptances at once cannot take the team past its size limit; the unique
    constraint on (event, person) keeps the person in one team.

    Side effects, in order, in one transaction:
    1. one TeamMember row;
    2. the request accepted, the person's other pending requests withdrawn;
    3. a mail to the person, in their language.
    """
    now = _now(now)
    team = join_request.team
    event = team.event
    _require_member(by, team)
    _require_open(event, now)
    person = join_request.user
    if not queries.has_confirmed_registration(person, event):
        raise HackathonError(
            _("%(name)s no longer has a confirmed registration for this hackathon.")
            % {"name": person}
        )
    joined_elsewhere = HackathonError(
        _("%(name)s has joined another team meanwhile.") % {"name": person}
    )
    try:
        with transaction.atomic():
            locked = Team.objects.select_for_update().get(pk=team.pk)
            # Every request of the person at this event, locked in one order:
            # two teams accepting them at once then queue here instead of
            # deadlocking over each other's requests.
            statuses = dict(
                JoinRequest.objects.select_for_update(of=("self",))
                .filter(team__event=event, user=person)
                .order_by("pk")
                .values_list("pk", "status")
            )
            if statuses.get(join_request.pk) != JoinRequest.Status.PENDING:
                if TeamMember.objects.filter(event=event, user=person).exists():
                    raise joined_elsewhere
                raise HackathonError(_("This request was already answered."))
            _require_room(locked, TeamMember.objects.filter(team=locked).count())
            membership = TeamMember.objects.create(team=team, event=event, user=person)
            join_request.status = JoinRequest.Status.ACCEPTED
            join_request.decided_by = by
            join_request.decided_at = now
            join_request.save(update_fields=["status", "decided_by", "decided_at"])
            _withdraw_requests(person, event, now)
            mail.send(
                person,
                event,
                "request_answered",
                accepted=True,
                team=team.name,
                team_url=_team_url(team),
            )
    except IntegrityError:
        raise joined_elsewhere from None
    logger.info("Hackathon %s: user %s joined team %s.", event.pk, person.pk, team.pk)
    return membership


def decline_request(join_request: JoinRequest, *, by, now=None) -> None:
    """Decline a person's request to join the team.

    Side effects: the request's status saved; a mail to the person.
    """
    team = join_request.team
    _require_member(by, team)
    if join_request.status != JoinRequest.Status.PENDING:
        raise HackathonError(_("This request was already answered."))
    join_request.status = JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = _now(now)
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    mail.send(
        join_request.user,
        team.event,
        "request_answered",
        accepted=False,
        team=team.name,
        team_url=_team_url(team),
    )


def leave_team(team: Team, *, by, now=None) -> bool:
    """Leave a team; the last member to leave deletes it. Return whether it was deleted.

    Side effects, in one transaction under the team's lock:
    1. `by`'s TeamMember row deleted;
    2. when nobody is left: the team, its project, screenshots and requests
       deleted, and the screenshots' files once the transaction commits.
    """
    now = _now(now)
    _require_member(by, team)
    _require_open(team.event, now)
    with transaction.atomic():
        Team.objects.select_for_update().get(pk=team.pk)
        TeamMember.objects.filter(team=team, user=by).delete()
        deleted = not TeamMember.objects.filter(team=team).exists()
        if deleted:
            files = list(
                Screenshot.objects.filter(project__team=team).values_list("image", flat=True)
            )
            team.delete()
            _delete_files_on_commit(files)
    queries.forget(by)
    logger.info("Hackathon %s: user %s left team %s.", team.event_id, by.pk, team.pk)
    return deleted
