import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from cosummit.accounts.models import OrganisationType
from cosummit.core.i18n import TranslatedField
from cosummit.core.questions import Question
from cosummit.summits.models import Event

# Letters and digits that cannot be mistaken for one another when read aloud
# or typed from a printed badge.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_registration_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_private_token() -> str:
    return secrets.token_urlsafe(24)


class Category(models.TextChoices):
    """Participant categories that quotas keep in balance."""

    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    OTHER = "other", pgettext_lazy("participant category", "Other")


def category_of(organisation_type: str) -> str:
    """The quota category of an organisation type."""
    if organisation_type == OrganisationType.GOVERNMENT:
        return Category.GOVERNMENT
    if organisation_type == OrganisationType.CIVIL_SOCIETY:
        return Category.CIVIL_SOCIETY
    return Category.OTHER


class RegistrationSetup(models.Model):
    """How people register for one event; the row locked while seats are counted."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registration_setup"
    )
    is_enabled = models.BooleanField(_("registration enabled"), default=False)
    opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("registration closes at"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    requires_approval = models.BooleanField(
        _("organisers approve each registration"), default=False
    )
    hold_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a registration"),
        default=48,
        help_text=_("A seat is held this long for the registrant to confirm their e-mail."),
    )
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to accept a freed seat"),
        default=48,
        help_text=_("How long a person promoted from the waiting list has to confirm."),
    )
    consent_text = TranslatedField(
        _("consent text"),
        multiline=True,
        blank=True,
        help_text=_("What registrants agree to about their personal data."),
    )
    consent_version = models.PositiveIntegerField(_("consent text version"), default=1)
    retention_days = models.PositiveIntegerField(
        _("days to keep personal data after the event"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep it until the summit's team deletes it."),
    )
    personal_data_erased_at = models.DateTimeField(
        _("personal data erased at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("registration setup")
        verbose_name_plural = _("registration setups")

    def __str__(self) -> str:
        return str(self.event)

    @property
    def hold_duration(self) -> timedelta:
        return timedelta(hours=self.hold_hours)

    @property
    def offer_duration(self) -> timedelta:
        return timedelta(hours=self.offer_hours)


class Quota(models.Model):
    """At most `capacity` seats for one participant category."""

    setup = models.ForeignKey(
        RegistrationSetup, verbose_name=_("event"), on_delete=models.CASCADE, related_name="quotas"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category)
    capacity = models.PositiveIntegerField(_("seats"))

    class Meta:
        ordering = ["category"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["setup", "category"], name="quota_unique_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.capacity}"


class RegistrationQuestion(Question):
    setup = models.ForeignKey(
        RegistrationSetup,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="questions",
    )

    class Meta(Question.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")


class Status(models.TextChoices):
    HELD = "held", _("Waiting for e-mail confirmation")
    AWAITING_APPROVAL = "awaiting_approval", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Offered a freed seat")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REJECTED = "rejected", _("Rejected")


# A registration in one of these takes a seat out of the capacity.
SEAT_STATUSES = (Status.HELD, Status.AWAITING_APPROVAL, Status.CONFIRMED, Status.OFFERED)
# A registration in one of these is still alive: the same e-mail cannot register again.
ACTIVE_STATUSES = (*SEAT_STATUSES, Status.WAITING)


class Registration(models.Model):
    """One person's registration for one event."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType, blank=True
    )
    country = CountryField(_("country"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category)
    language = models.CharField(_("language"), max_length=10)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_version = models.PositiveIntegerField(_("consent version"), null=True, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    status = models.CharField(
        pgettext_lazy("registration", "status"), max_length=20, choices=Status
    )
    code = models.CharField(
        _("registration code"), max_length=CODE_LENGTH, unique=True, default=new_registration_code
    )
    token = models.CharField(max_length=64, unique=True, default=new_private_token, editable=False)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # Arrival order on the waiting list; set once, when the person joins it.
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    hold_expires_at = models.DateTimeField(_("confirm before"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # The guard against a second seat for the same person, whatever
            # the timing of two requests: the database refuses the second row.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="registration_one_active_per_email",
            )
        ]
        indexes = [
            models.Index(fields=["event", "status", "category"], name="registration_seats"),
            models.Index(fields=["event", "status", "waiting_since"], name="registration_queue"),
            models.Index(fields=["status", "hold_expires_at"], name="registration_holds"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
