"""A summit's hackathon: challenges, teams, projects and their jury.

A hackathon is an event of kind `Event.Kind.HACKATHON`; everything here belongs
to one such event. Challenges are proposed by governments and civil-society
organisations and published once the organisers approve them; people with a
confirmed registration for the event form teams; each team builds one project,
which a jury scores against weighted criteria.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from cosummit.accounts.models import OrganisationType
from cosummit.core.i18n import TranslatedField
from cosummit.summits.models import Event
from cosummit.toolbox.models import Licence

DEFAULT_TEAM_SIZE = 5
MAX_TEAM_SIZE = 50
LINKS_PER_CHALLENGE = 20
SKILLS_PER_TEAM = 12
SKILL_MAX_LENGTH = 40
SCREENSHOTS_PER_PROJECT = 6
SCREENSHOT_MAX_BYTES = 2 * 1024 * 1024
SCREENSHOT_MAX_PIXELS = 8000
# Pillow's name of each accepted image format, and the file extension it is stored with.
SCREENSHOT_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "WEBP": ".webp"}
# A project's licence is one of the toolbox's listed licences, so that publishing
# it as a card needs no other field.
PROJECT_LICENCES = [(value, label) for value, label in Licence.choices if value != Licence.OTHER]


class HackathonSettings(models.Model):
    """The organisers' rules for one hackathon event; an event without a row uses the defaults."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="hackathon_settings"
    )
    submission_deadline = models.DateTimeField(
        _("submission deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept projects until the hackathon ends."),
    )
    team_size_limit = models.PositiveSmallIntegerField(
        _("people per team, at most"),
        default=DEFAULT_TEAM_SIZE,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TEAM_SIZE)],
    )
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("hackathon settings")
        verbose_name_plural = _("hackathon settings")

    def __str__(self) -> str:
        return str(self.event)

    @property
    def deadline(self):
        """When projects stop being accepted: the deadline set, else the end of the event."""
        return self.submission_deadline or self.event.ends_at

    @property
    def results_are_published(self) -> bool:
        return self.results_published_at is not None


class ChallengeState(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", pgettext_lazy("challenge", "Published")
    REJECTED = "rejected", pgettext_lazy("challenge", "Declined")


class Challenge(models.Model):
    """A problem that a government or a civil-society organisation asks teams to work on."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="hackathon_challenges",
    )
    title = TranslatedField(_("title"), max_length=200)
    description = TranslatedField(_("the problem"), multiline=True, max_length=10000)
    # Each: {"title": "…", "url": "https://…"}, data sets first as the proposer listed them.
    links = models.JSONField(_("data sets and links"), default=list, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType
    )
    organisation_country = CountryField(_("country of the organisation"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hackathon_challenges",
    )
    state = models.CharField(
        pgettext_lazy("challenge", "state"),
        max_length=10,
        choices=ChallengeState,
        default=ChallengeState.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        indexes = [models.Index(fields=["event", "state"], name="hackathon_challenge_state")]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_published(self) -> bool:
        return self.state == ChallengeState.APPROVED


class Team(models.Model):
    """People building one project together at a hackathon."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="hackathon_teams"
    )
    name = models.CharField(_("team name"), max_length=100)
    description = models.TextField(_("about the team"), max_length=2000, blank=True)
    skills_wanted = models.JSONField(_("skills wanted"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                "event", Lower("name"), name="hackathon_team_name_unique_in_event"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A person in a team; a person is in at most one team per hackathon."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="memberships"
    )
    # The team's event, repeated so that the database can hold the rule of one
    # team per person and hackathon.
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="hackathon_memberships",
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="hackathon_one_team_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"


class JoinRequest(models.Model):
    """A person's request to join a team, which a member of the team accepts or declines."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", pgettext_lazy("join request", "Accepted")
        DECLINED = "declined", pgettext_lazy("join request", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("join request", "Withdrawn")

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="hackathon_join_requests",
    )
    message = models.CharField(_("message to the team"), max_length=500, blank=True)
    status = models.CharField(
        pgettext_lazy("join request", "status"),
        max_length=10,
        choices=Status,
        default=Status.PENDING,
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to join a team")
        verbose_name_plural = _("requests to join a team")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"],
                condition=models.Q(status="pending"),
                name="hackathon_one_pending_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.team}"


class ProjectState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("project", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("project", "Submitted")


class Project(models.Model):
    """What a team builds; shown in the showcase once submitted."""

    team = models.OneToOneField(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="project"
    )
    # The team's event, repeated so that the showcase reads one table.
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="hackathon_projects"
    )
    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge answered"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    title = models.CharField(_("project name"), max_length=200)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    language = models.CharField(
        _("language of the texts"), max_length=10, choices=settings.LANGUAGES
    )
    repository_url = models.URLField(_("source repository"), max_length=500, blank=True)
    demo_url = models.URLField(_("demo"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=40, choices=PROJECT_LICENCES, blank=True)
    state = models.CharField(
        pgettext_lazy("project", "state"),
        max_length=10,
        choices=ProjectState,
        default=ProjectState.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    toolbox_card = models.ForeignKey(
        "toolbox.Card",
        verbose_name=_("toolbox card"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hackathon_projects",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["event", "state"], name="hackathon_project_state")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_submitted(self) -> bool:
        return self.state == ProjectState.SUBMITTED


def screenshot_path(screenshot: "Screenshot", filename: str) -> str:
    """A fresh name under the hackathon's folder: the uploaded file's own name is not kept."""
    extension = PurePath(filename).suffix.lower()
    return f"hackathon/{screenshot.project.event_id}/screenshots/{uuid.uuid4().hex}{extension}"


class Screenshot(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="screenshots"
    )
    image = models.ImageField(
        _("image"), upload_to=screenshot_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    alt_text = models.CharField(_("what it shows"), max_length=300)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("screenshot")
        verbose_name_plural = _("screenshots")

    def __str__(self) -> str:
        return self.alt_text


# The jury. Kept apart from the review of proposals on purpose: criteria,
# jurors, evaluations and scores have the same shape as a review, so that a
# shared review machinery can take them over later.


class Criterion(models.Model):
    """What jurors score, on a scale from `min_score` to `max_score`, with a weight."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="hackathon_criteria"
    )
    name = TranslatedField(_("name"), max_length=200)
    description = TranslatedField(
        _("what jurors look at"), multiline=True, blank=True, max_length=2000
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much this criterion counts compared with the others."),
    )
    min_score = models.PositiveSmallIntegerField(
        _("lowest score"), default=0, validators=[MaxValueValidator(99)]
    )
    max_score = models.PositiveSmallIntegerField(
        _("highest score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("jury criterion")
        verbose_name_plural = _("jury criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_score__gt=models.F("min_score")),
                name="hackathon_criterion_scale",
            ),
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="hackathon_weight"),
        ]

    def __str__(self) -> str:
        return str(self.name)


class Juror(models.Model):
    """A person on the jury of one hackathon."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="hackathon_jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="hackathon_juries",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="hackathon_juror_once")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Evaluation(models.Model):
    """One juror's scores of one project, with a comment."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="evaluations"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("juror"),
        on_delete=models.CASCADE,
        related_name="hackathon_evaluations",
    )
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    created_at = models.DateTimeField(_("scored at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(fields=["project", "juror"], name="hackathon_evaluate_once")
        ]

    def __str__(self) -> str:
        return f"{self.juror} → {self.project}"


class Score(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(pgettext_lazy("jury", "score"))

    class Meta:
        ordering = ["criterion__position", "criterion_id"]
        verbose_name = pgettext_lazy("jury", "score")
        verbose_name_plural = pgettext_lazy("jury", "scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="hackathon_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Prize(models.Model):
    """A prize of the hackathon, which the organisers award to a project."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="hackathon_prizes"
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=1, help_text=_("1 for the first prize, 2 for the second, …")
    )
    title = TranslatedField(_("title"), max_length=200)
    description = TranslatedField(_("description"), multiline=True, blank=True, max_length=2000)
    project = models.ForeignKey(
        Project,
        verbose_name=_("awarded to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prizes",
    )

    class Meta:
        ordering = ["rank", "pk"]
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")

    def __str__(self) -> str:
        return str(self.title)
