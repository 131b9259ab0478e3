"""Review and selection: phases, criteria, reviewers and their teams, conflicts
of interest, assignments, reviews and decisions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cosummit.core.i18n import TranslatedField
from cosummit.proposals.models import Proposal, Track, new_token
from cosummit.summits.models import Summit


class ReviewSettings(models.Model):
    """How a summit's proposals are reviewed; one row per summit."""

    summit = models.OneToOneField(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="review_settings"
    )
    is_blind = models.BooleanField(
        _("blind review"),
        default=True,
        help_text=_("Hide speakers' names and organisations from reviewers."),
    )
    reviews_per_proposal = models.PositiveSmallIntegerField(_("reviews per proposal"), default=3)
    min_load = models.PositiveSmallIntegerField(_("fewest proposals per reviewer"), default=0)
    max_load = models.PositiveSmallIntegerField(_("most proposals per reviewer"), default=40)
    conflict_same_country = models.BooleanField(
        _("a reviewer conflicts with proposals from their own country"), default=False
    )
    disagreement = models.PositiveSmallIntegerField(
        _("disagreement threshold"),
        default=30,
        help_text=_("Flag a proposal when its reviews' totals differ by more points than this."),
    )
    reply_days = models.PositiveSmallIntegerField(
        _("days for accepted speakers to confirm"), default=14
    )

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")

    def __str__(self) -> str:
        return str(self.summit)


class OtherReviews(models.TextChoices):
    NEVER = "never", _("Never")
    AFTER_OWN = "after_own", _("After writing their own")
    ALWAYS = "always", _("Always")


class Phase(models.Model):
    """A stretch of the review with what it allows; the current phase is the one
    whose dates contain now (the first by position when several do)."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="review_phases"
    )
    name = TranslatedField(_("name"), max_length=100)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    reviewers_can_score = models.BooleanField(_("reviewers may score"), default=True)
    other_reviews = models.CharField(
        _("reviewers see other reviews"),
        max_length=10,
        choices=OtherReviews,
        default=OtherReviews.AFTER_OWN,
    )
    speakers_can_edit = models.BooleanField(_("speakers may still edit"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "starts_at", "pk"]
        verbose_name = _("review phase")
        verbose_name_plural = _("review phases")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="review_phase_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return str(self.name)


class Criterion(models.Model):
    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="review_criteria"
    )
    name = TranslatedField(_("name"), max_length=150)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    scale_min = models.SmallIntegerField(_("lowest score"), default=0)
    scale_max = models.SmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_is_a_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.name)


class Reviewer(models.Model):
    """A person with the reviewer role in a summit, and what they know.

    The row is created the first time it is needed for anyone holding the
    reviewer role in the summit's team; the role is what gives the right.
    """

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="reviewers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="reviewer_profiles",
    )
    expertise = models.CharField(
        _("expertise"),
        max_length=500,
        blank=True,
        help_text=_("Topics you know well, separated by commas."),
    )
    languages = models.JSONField(_("languages you review in"), default=list, blank=True)
    preferred_tracks = models.ManyToManyField(
        Track, verbose_name=_("tracks you prefer"), blank=True, related_name="+"
    )
    min_load = models.PositiveSmallIntegerField(
        _("fewest proposals"), null=True, blank=True, help_text=_("Leave empty for the summit's.")
    )
    max_load = models.PositiveSmallIntegerField(
        _("most proposals"), null=True, blank=True, help_text=_("Leave empty for the summit's.")
    )

    class Meta:
        ordering = ["user__name", "user__email"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        constraints = [
            models.UniqueConstraint(fields=["summit", "user"], name="reviewer_once_per_summit")
        ]

    def __str__(self) -> str:
        return str(self.user)


class ReviewerTeam(models.Model):
    """Reviewers limited to some tracks; conveners also decide for them.

    A reviewer in no team reviews every track; a team with no track covers
    every track.
    """

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="reviewer_teams"
    )
    name = TranslatedField(_("name"), max_length=150)
    tracks = models.ManyToManyField(
        Track,
        verbose_name=_("tracks"),
        blank=True,
        related_name="reviewer_teams",
        help_text=_("Leave empty for every track."),
    )
    members = models.ManyToManyField(
        Reviewer, verbose_name=_("members"), blank=True, related_name="teams"
    )
    can_decide = models.BooleanField(
        _("conveners"),
        default=False,
        help_text=_("Members decide which proposals of these tracks are accepted."),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("reviewer team")
        verbose_name_plural = _("reviewer teams")

    def __str__(self) -> str:
        return str(self.name)


class Conflict(models.Model):
    """A conflict of interest declared by a reviewer or recorded by an organiser.

    Conflicts found from the data (same organisation, co-authorship, same
    country) are computed when needed and never stored, so that they follow
    the proposals as they change.
    """

    class Source(models.TextChoices):
        DECLARED = "declared", _("Declared by the reviewer")
        ORGANISER = "organiser", _("Recorded by an organiser")

    reviewer = models.ForeignKey(
        Reviewer, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="conflicts"
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="review_conflicts",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "proposal"], name="conflict_once_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} × {self.proposal}"


class AssignmentRun(models.Model):
    """One run of the automatic assignment: a preview organisers change and publish.

    `pairs` holds [reviewer pk, proposal pk, affinity] triples; publishing makes
    the live assignments those pairs, keeping every review already written.
    """

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="assignment_runs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    fairness = models.BooleanField(_("fairest first"), default=False)
    pairs = models.JSONField(_("pairs"), default=list)
    total_affinity = models.FloatField(_("total affinity"), default=0)
    lowest_affinity = models.FloatField(_("lowest affinity of a proposal"), default=0)
    is_optimal = models.BooleanField(_("proven optimal"), default=False)
    seconds = models.FloatField(_("seconds"), default=0)
    is_edited = models.BooleanField(_("changed by hand"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("assignment run")
        verbose_name_plural = _("assignment runs")

    def __str__(self) -> str:
        return str(self.created_at)


class Assignment(models.Model):
    """A proposal given to a reviewer: what their queue holds."""

    reviewer = models.ForeignKey(
        Reviewer, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="assignments"
    )
    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="review_assignments",
    )
    affinity = models.FloatField(_("affinity"), default=0)
    is_manual = models.BooleanField(_("added by hand"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "proposal"], name="assignment_once_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.proposal}"


class Review(models.Model):
    """One reviewer's scores of one proposal.

    `scores` maps each criterion's primary key (as text) to a score on its
    scale; `total` is the weighted mean, scaled from 0 to 100, kept in step by
    the domain function so that tables sort and filter without recomputing.
    """

    reviewer = models.ForeignKey(
        Reviewer, verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="reviews"
    )
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="reviews"
    )
    scores = models.JSONField(pgettext_lazy("review", "scores"), default=dict, blank=True)
    total = models.FloatField(pgettext_lazy("review", "total"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    is_abstained = models.BooleanField(_("abstained"), default=False)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "proposal"], name="review_once_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.proposal}"


class Outcome(models.TextChoices):
    ACCEPT = "accept", pgettext_lazy("decision", "Accept")
    REJECT = "reject", pgettext_lazy("decision", "Reject")
    WAITLIST = "waitlist", pgettext_lazy("decision", "Wait-list")


class Decision(models.Model):
    """What the organisers decided for a proposal.

    A decision is pending until the organisers apply the pending decisions
    together; then its e-mail is written, held in the outbox for them to check.
    Accepted speakers reply through the link with `token` before `reply_by`.
    """

    class Reply(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("speaker reply", "Confirmed")
        DECLINED = "declined", pgettext_lazy("speaker reply", "Declined")

    proposal = models.OneToOneField(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(pgettext_lazy("decision", "outcome"), max_length=10, choices=Outcome)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    # When the speakers were told that the proposal is on the waiting list: kept
    # while a new decision is pending, so that taking it back restores the list.
    waitlisted_at = models.DateTimeField(_("wait-listed at"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    reply_by = models.DateTimeField(_("reply by"), null=True, blank=True)
    reply = models.CharField(
        pgettext_lazy("decision", "reply"), max_length=10, choices=Reply, blank=True
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.get_outcome_display()

    @property
    def is_pending(self) -> bool:
        return self.applied_at is None


class DecisionTemplate(models.Model):
    """The e-mail sent for one outcome, in every language of the site.

    Placeholders: {name}, {title}, {summit}, {reply_url}, {reply_by}.
    """

    summit = models.ForeignKey(
        Summit,
        verbose_name=_("summit"),
        on_delete=models.CASCADE,
        related_name="decision_templates",
    )
    outcome = models.CharField(pgettext_lazy("decision", "outcome"), max_length=10, choices=Outcome)
    subject = TranslatedField(_("subject"), max_length=200)
    body = TranslatedField(_("text"), multiline=True)

    class Meta:
        ordering = ["outcome"]
        verbose_name = _("decision e-mail")
        verbose_name_plural = _("decision e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "outcome"], name="decision_template_once_per_outcome"
            )
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()
