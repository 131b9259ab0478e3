"""The call for proposals and the public co-creation around proposals."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from cosummit.accounts.models import OrganisationType
from cosummit.core.i18n import TranslatedField
from cosummit.core.questions import Question
from cosummit.summits.models import ReportReason, Summit


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Call(models.Model):
    """A summit's call for proposals and its rules."""

    summit = models.OneToOneField(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="call"
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    introduction = TranslatedField(_("introduction"), multiline=True, blank=True)
    is_discussion_public = models.BooleanField(
        _("publish proposals for public discussion"), default=True
    )
    discussion_opens_at = models.DateTimeField(
        _("public discussion opens at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish each proposal as soon as it is submitted."),
    )
    max_co_speakers = models.PositiveSmallIntegerField(_("co-speakers per proposal"), default=4)
    max_proposals_per_person = models.PositiveSmallIntegerField(
        _("proposals per person"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    max_supports_per_person = models.PositiveSmallIntegerField(
        _("supports per person"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("reports before content is hidden"), default=3
    )
    interpretation_languages = models.JSONField(
        _("interpretation languages offered"),
        default=list,
        blank=True,
        help_text=_(
            "Language codes that sessions may ask interpretation into, such as fr, en, es."
        ),
    )

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")

    def __str__(self) -> str:
        return str(self.summit)


class FormatKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture or panel")
    ROUND_TABLE = "round_table", _("Round table")
    WORKSHOP = "workshop", _("Workshop")
    PITCH = "pitch", _("Pitch")
    EXTERNAL = "external", _("External event")


class SessionFormat(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="formats"
    )
    kind = models.CharField(pgettext_lazy("format", "kind"), max_length=20, choices=FormatKind)
    name = TranslatedField(_("name"), max_length=100)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    min_minutes = models.PositiveSmallIntegerField(_("shortest duration (minutes)"), default=0)
    max_minutes = models.PositiveSmallIntegerField(_("longest duration (minutes)"), default=80)
    closes_at = models.DateTimeField(
        _("deadline"), null=True, blank=True, help_text=_("Leave empty to use the call's.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("session format")
        verbose_name_plural = _("session formats")

    def __str__(self) -> str:
        return str(self.name)


class Track(models.Model):
    """A theme of the summit; proposals and later sessions belong to one."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="tracks"
    )
    slug = models.SlugField(_("short name in addresses"), max_length=60)
    name = TranslatedField(_("name"), max_length=150)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="track_slug_unique_in_summit")
        ]

    def __str__(self) -> str:
        return str(self.name)


class AccessCode(models.Model):
    """Lets someone submit after a deadline."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="access_codes"
    )
    code = models.CharField(_("code"), max_length=40)
    valid_until = models.DateTimeField(_("valid until"))
    max_uses = models.PositiveSmallIntegerField(_("uses allowed"), default=1)
    uses = models.PositiveSmallIntegerField(_("times used"), default=0)
    formats = models.ManyToManyField(
        SessionFormat,
        verbose_name=_("formats"),
        blank=True,
        help_text=_("Leave empty for every format."),
    )

    class Meta:
        ordering = ["valid_until", "pk"]
        verbose_name = _("access code")
        verbose_name_plural = _("access codes")
        constraints = [
            models.UniqueConstraint(fields=["call", "code"], name="access_code_unique_in_call")
        ]

    def __str__(self) -> str:
        return self.code


class ProposalQuestion(Question):
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="questions"
    )
    formats = models.ManyToManyField(
        SessionFormat,
        verbose_name=_("formats"),
        blank=True,
        help_text=_("Leave empty to ask for every format."),
    )
    tracks = models.ManyToManyField(
        Track,
        verbose_name=_("tracks"),
        blank=True,
        help_text=_("Leave empty to ask for every track."),
    )

    class Meta(Question.Meta):
        verbose_name = _("proposal question")
        verbose_name_plural = _("proposal questions")


class State(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("proposal", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("proposal", "Submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal", "Withdrawn")
    MERGED = "merged", pgettext_lazy("proposal", "Merged into another")


class Proposal(models.Model):
    """A session proposed by governments and civil-society organisations."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="proposals"
    )
    state = models.CharField(
        pgettext_lazy("proposal", "state"), max_length=20, choices=State, default=State.DRAFT
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    abstract = models.TextField(_("abstract"), max_length=1500, blank=True)
    description = models.TextField(_("description"), max_length=20000, blank=True)
    language = models.CharField(_("language of the text"), max_length=10, blank=True)
    # The title and abstract again, in another language, when the authors give them.
    other_language = models.CharField(_("other language"), max_length=10, blank=True)
    other_title = models.CharField(_("title in the other language"), max_length=200, blank=True)
    other_abstract = models.TextField(
        _("abstract in the other language"), max_length=1500, blank=True
    )
    format = models.ForeignKey(
        SessionFormat,
        verbose_name=_("format"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    session_language = models.CharField(_("session language"), max_length=10, blank=True)
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        help_text=_("Asked when the format allows more than one length."),
    )
    interpretation = models.JSONField(_("interpretation needed into"), default=list, blank=True)
    expected_audience = models.PositiveIntegerField(
        _("expected audience"), null=True, blank=True, help_text=_("Number of people.")
    )
    audience_description = models.CharField(_("who should come"), max_length=300, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    access_code = models.ForeignKey(
        AccessCode,
        verbose_name=_("access code"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals_created",
    )
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("speakers"),
        through="Speaker",
        related_name="proposals",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    is_co_led = models.BooleanField(
        _("co-led by a government and civil society"),
        default=False,
        help_text=_("Set from the organisations: at least one government and one civil society."),
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
    )
    hidden_at = models.DateTimeField(_("hidden by moderation at"), null=True, blank=True)
    # Kept in step by the domain functions so that the gallery sorts without joins.
    supports_count = models.PositiveIntegerField(_("supports"), default=0)
    comments_count = models.PositiveIntegerField(_("comments"), default=0)
    reports_count = models.PositiveIntegerField(_("open reports"), default=0)
    # Title, abstracts and organisations, lower-cased without accents, for search.
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["summit", "state", "-submitted_at"], name="proposal_gallery"),
            models.Index(fields=["summit", "state", "-supports_count"], name="proposal_supported"),
            models.Index(fields=["summit", "state", "-comments_count"], name="proposal_discussed"),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Untitled proposal"))

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"summit": self.summit.slug, "proposal": self.pk})


class Speaker(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="speaker_set"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="speaker_set",
    )
    is_author = models.BooleanField(_("author"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="speaker_once_per_proposal")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Invitation(models.Model):
    """An invitation to become a co-speaker, sent by e-mail."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation", "Pending")
        ACCEPTED = "accepted", pgettext_lazy("invitation", "Accepted")
        DECLINED = "declined", pgettext_lazy("invitation", "Declined")
        REVOKED = "revoked", pgettext_lazy("invitation", "Revoked")

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        pgettext_lazy("invitation", "status"),
        max_length=10,
        choices=Status,
        default=Status.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("co-speaker invitation")
        verbose_name_plural = _("co-speaker invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "email"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email


class ProposalOrganisation(models.Model):
    """An organisation that organises the proposed session."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="organisations",
    )
    name = models.CharField(_("name"), max_length=200)
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType
    )
    country = CountryField(_("country"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("organising organisation")
        verbose_name_plural = _("organising organisations")

    def __str__(self) -> str:
        return self.name


class Support(models.Model):
    """A signed-in person's support for a proposal: a signal of interest."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="supports"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="proposal_supports",
    )
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="support_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.proposal}"


COMMENT_EDIT_WINDOW = timedelta(minutes=15)
COMMENT_MAX_DEPTH = 3


class Comment(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposal_comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=1)
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted by its author at"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden by moderation at"), null=True, blank=True)
    reports_count = models.PositiveIntegerField(_("open reports"), default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["proposal", "created_at"], name="comment_thread")]

    def __str__(self) -> str:
        return self.body[:60]


class Report(models.Model):
    """Someone's report of a proposal or a comment to the moderators."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="reports"
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason)
    note = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=True) ^ models.Q(comment__isnull=True),
                name="report_targets_one_thing",
            ),
            models.UniqueConstraint(
                fields=["reporter", "proposal"],
                condition=models.Q(proposal__isnull=False),
                name="report_once_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["reporter", "comment"],
                condition=models.Q(comment__isnull=False),
                name="report_once_per_comment",
            ),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class ModerationAction(models.Model):
    """The log of every moderation decision."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Reports dismissed")
        BLOCK = "block", _("User blocked")
        UNBLOCK = "unblock", _("User unblocked")
        AUTO_HIDE = "auto_hide", _("Hidden after reports")
        MERGE = "merge", _("Proposals merged")

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="moderation_log"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return self.get_action_display()


class Follow(models.Model):
    """A person who gets the daily digest of a proposal's new comments and supports."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="follows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="proposal_follows",
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="follow_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.proposal}"


class DigestState(models.Model):
    """When a person last got their digest: at most one a day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="proposal_digest",
    )
    last_sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("digest state")
        verbose_name_plural = _("digest states")

    def __str__(self) -> str:
        return str(self.user)
