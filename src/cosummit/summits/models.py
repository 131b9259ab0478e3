import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from cosummit.core.i18n import TranslatedField


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone, such as Europe/Paris."),
            params={"value": value},
        )


def validate_language_codes(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give a list of language codes, such as fr, en, es."))


class Summit(models.Model):
    """A summit co-created with civil society, and the events leading to it."""

    name = TranslatedField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    tagline = TranslatedField(_("tagline"), max_length=300, blank=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Paris", validators=[validate_timezone]
    )
    venue = models.ForeignKey(
        "Venue",
        verbose_name=_("main venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    languages = models.JSONField(
        _("session languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes in which sessions are held, such as fr, en, es."),
    )
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="summit_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("summits:summit", kwargs={"summit": self.slug})

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class Venue(models.Model):
    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="venues"
    )
    name = TranslatedField(_("name"), max_length=200)
    address = models.CharField(_("street address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    accessibility = TranslatedField(_("accessibility notes"), multiline=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return str(self.name)


class Equipment(models.TextChoices):
    """What a room offers and a session may need."""

    PROJECTOR = "projector", _("Projector and screen")
    MICROPHONES = "microphones", _("Microphones")
    RECORDING = "recording", _("Video recording")
    STREAMING = "streaming", _("Live streaming")
    ROUND_TABLES = "round_tables", _("Round tables")
    WHITEBOARD = "whiteboard", _("Whiteboards or flip charts")


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = TranslatedField(_("name"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"))
    accessibility = TranslatedField(_("accessibility notes"), multiline=True, blank=True)
    is_step_free = models.BooleanField(
        _("step-free access"),
        default=True,
        help_text=_("Wheelchair users can reach the room and its stage without steps."),
    )
    equipment = models.JSONField(_("equipment"), default=list, blank=True)
    interpretation_booths = models.JSONField(
        _("interpretation booths"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Language codes the room's booths interpret into, such as fr, en, es."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["venue", "position", "pk"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return str(self.name)


class Event(models.Model):
    """Something people can attend: the launch, a workshop, a summit day, …"""

    class Kind(models.TextChoices):
        LAUNCH = "launch", _("Launch event")
        WORKSHOP = "workshop", _("Co-creation workshop")
        REGIONAL = "regional", _("Regional summit")
        CONFERENCE = "conference", _("National or international conference")
        SUMMIT_DAY = "summit_day", _("Summit day")
        CSO_DAY = "cso_day", _("CSO Day")
        HACKATHON = "hackathon", _("Hackathon")
        EXTERNAL = "external", _("External event")

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(pgettext_lazy("event", "kind"), max_length=20, choices=Kind)
    title = TranslatedField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    summary = TranslatedField(_("summary"), max_length=300, blank=True)
    description = TranslatedField(_("description"), multiline=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_timezone],
        help_text=_("Leave empty to use the summit's time zone."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    location = models.CharField(
        _("other location"),
        max_length=300,
        blank=True,
        help_text=_("City or address when the event is not at one of the summit's venues."),
    )
    online_url = models.URLField(_("online link"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="event_slug_unique_in_summit"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("summits:event", kwargs={"summit": self.summit.slug, "event": self.slug})

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end cannot be before the start.")})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone) if self.timezone else self.summit.tz


class Page(models.Model):
    """A page of organiser content, such as practical information."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="pages"
    )
    slug = models.SlugField(_("short name in addresses"), max_length=60)
    title = TranslatedField(_("title"), max_length=200)
    body = TranslatedField(_("text"), multiline=True)
    position = models.PositiveSmallIntegerField(_("position in menus"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="page_slug_unique_in_summit")
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("summits:page", kwargs={"summit": self.summit.slug, "page": self.slug})


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    MODERATOR = "moderator", _("Moderator")
    REVIEWER = "reviewer", _("Reviewer")
    CHECKIN = "checkin", _("Check-in staff")


class TeamMembership(models.Model):
    """One role of one person in one summit's team; a person may hold several."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="team"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    role = models.CharField(pgettext_lazy("team", "role"), max_length=20, choices=Role)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["role", "user__email"]
        verbose_name = _("team role")
        verbose_name_plural = _("team roles")
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "user", "role"], name="team_role_unique_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class ReportReason(models.TextChoices):
    """Why someone reports a proposal, a comment or a toolbox card to the moderators."""

    SPAM = "spam", _("Spam or advertising")
    OFFENSIVE = "offensive", _("Offensive or abusive")
    OFF_TOPIC = "off_topic", _("Off topic")


class Block(models.Model):
    """A person blocked by moderators from writing anywhere in one summit.

    There is one list for the whole summit: a person blocked from the
    discussion of proposals cannot write in the toolbox either, and the other
    way round.
    """

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="blocks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="summit_blocks",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("blocked at"), auto_now_add=True)
    blocked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("blocked person")
        verbose_name_plural = _("blocked people")
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "user"], name="one_block_per_person_in_summit"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)
