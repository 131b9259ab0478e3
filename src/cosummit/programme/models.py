"""The summit's sessions: what the agenda is built from."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cosummit.proposals.models import Proposal, SessionFormat, Track
from cosummit.summits.models import Summit


class Session(models.Model):
    """A session of the programme: from a confirmed proposal, or created by organisers.

    Title, abstract and the rest are copied from the proposal when it is
    confirmed, so that the programme can be edited without changing what the
    speakers proposed.
    """

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="sessions"
    )
    proposal = models.OneToOneField(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="session",
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), max_length=1500, blank=True)
    language = models.CharField(_("session language"), max_length=10, blank=True)
    format = models.ForeignKey(
        SessionFormat,
        verbose_name=_("format"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    duration = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    interpretation = models.JSONField(_("interpretation needed into"), default=list, blank=True)
    expected_audience = models.PositiveIntegerField(_("expected audience"), null=True, blank=True)
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("speakers"), blank=True, related_name="sessions"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title
