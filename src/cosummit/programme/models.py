"""The summit's programme: days, sessions, their places in the agenda and its releases.

A session's place is a `Slot`: a room and a time. The organisers' working
agenda is the set of slots with no release; releasing the programme copies
them into a numbered `Release`, and the public agenda shows the latest
release only.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cosummit.core.i18n import TranslatedField
from cosummit.proposals.models import Proposal, SessionFormat, Track
from cosummit.summits.models import Room, Summit


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Day(models.Model):
    """A day of the programme with its time grid.

    The grid cuts the day, from `starts` to `ends`, into slots of
    `slot_minutes`, skipping the fixed items that take the whole venue
    (breaks, lunch, plenaries). A day that names tracks is reserved to them:
    a track that some day names may only be on such days, and a track no day
    names may be on any day.
    """

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="programme_days"
    )
    date = models.DateField(_("date"))
    name = TranslatedField(
        _("name"), max_length=100, blank=True, help_text=_("Such as “CSO Day”; may be left empty.")
    )
    starts = models.TimeField(_("first session starts at"), default="09:00")
    ends = models.TimeField(_("last session ends at"), default="18:00")
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=90)
    tracks = models.ManyToManyField(
        Track,
        verbose_name=_("reserved to the tracks"),
        blank=True,
        related_name="programme_days",
        help_text=_("Leave empty for a day open to every track."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("programme day")
        verbose_name_plural = _("programme days")
        constraints = [
            models.UniqueConstraint(fields=["summit", "date"], name="one_programme_day_per_date"),
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="day_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5), name="day_slots_of_five_minutes_or_more"
            ),
        ]

    def __str__(self) -> str:
        return str(self.name) or self.date.isoformat()


class Session(models.Model):
    """A session of the programme: from a confirmed proposal, or created by organisers.

    Title, abstract and the rest are copied from the proposal when it is
    confirmed, so that the programme can be edited without changing what the
    speakers proposed. Breaks, lunch and plenaries are sessions of their own
    kinds; a break or a plenary with `takes_whole_venue` holds every room.
    Pitches may be grouped into a pitch session, whose place they share.
    """

    class Kind(models.TextChoices):
        SESSION = "session", pgettext_lazy("session kind", "Session")
        PITCHES = "pitches", _("Pitch session")
        PLENARY = "plenary", _("Plenary")
        BREAK = "break", _("Break or meal")

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
    kind = models.CharField(
        pgettext_lazy("session", "kind"), max_length=10, choices=Kind, default=Kind.SESSION
    )
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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
    equipment = models.JSONField(_("equipment needed"), default=list, blank=True)
    needs_step_free_access = models.BooleanField(_("needs step-free access"), default=False)
    takes_whole_venue = models.BooleanField(
        _("holds every room"),
        default=False,
        help_text=_("For breaks, meals and plenaries: no other session runs at the same time."),
    )
    is_pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("The automatic scheduler leaves it where it is.")
    )
    pitch_session = models.ForeignKey(
        "self",
        verbose_name=_("in the pitch session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pitches",
        limit_choices_to={"kind": "pitches"},
    )
    speakers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("speakers"), blank=True, related_name="sessions"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title


class Release(models.Model):
    """A published version of the agenda, v1, v2, …, with what changed since the last."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="releases"
    )
    version = models.PositiveIntegerField(_("version"))
    released_at = models.DateTimeField(_("released at"), auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    # One entry per session that changed: {"session": id, "title": str,
    # "change": "added" | "moved" | "removed", "before": {...} | None,
    # "after": {...} | None}, where a place is {"room": id, "room_name": str,
    # "starts_at": ISO, "ends_at": ISO}.
    changes = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        ordering = ["summit", "-version"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        constraints = [
            models.UniqueConstraint(fields=["summit", "version"], name="one_release_per_version")
        ]

    def __str__(self) -> str:
        return f"v{self.version}"


class Slot(models.Model):
    """Where and when a session takes place, in the working agenda or in a release.

    The working agenda has one slot per session, with no release; a slot with
    no room or no start is a session not placed yet. Pitches in a pitch
    session have no slot of their own.
    """

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="slots"
    )
    release = models.ForeignKey(
        Release,
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="slots",
    )
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slots",
    )
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "room", "pk"]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(release__isnull=True),
                name="one_working_slot_per_session",
            ),
            models.UniqueConstraint(
                fields=["release", "session"], name="one_slot_per_session_in_release"
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="slot_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["release", "starts_at"], name="slot_release_start")]

    def __str__(self) -> str:
        return f"{self.session} @ {self.starts_at}"

    @property
    def is_placed(self) -> bool:
        return self.starts_at is not None


class Unavailability(models.Model):
    """A time when a speaker cannot speak at the summit."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="unavailabilities"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        related_name="unavailabilities",
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("unavailability")
        verbose_name_plural = _("unavailabilities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="unavailability_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.starts_at} – {self.ends_at}"


class Star(models.Model):
    """A participant's interest in a session: in their agenda, and counted by the scheduler."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="stars"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="stars",
    )
    created_at = models.DateTimeField(_("starred at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("star")
        verbose_name_plural = _("stars")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_star_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.user} ★ {self.session}"


class CalendarFeed(models.Model):
    """The secret address of a participant's own agenda as an iCalendar feed."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["summit", "user"], name="one_feed_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.summit})"
