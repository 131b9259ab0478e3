"""Forms of the organiser area.

Model forms here only check input: views pass `cleaned_data` to the functions
of `domain.py`, which write. A form is given a copy of the row it edits, so that
a refused change leaves the page's other parts (titles, breadcrumbs) as saved.
"""

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Callable

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cosummit.core.i18n import TranslatedText

from . import domain
from .models import Equipment, Event, Page, Role, Room, Summit, TeamMembership, Venue

LANGUAGE_CODE_PATTERN = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})*")
MARKDOWN_HELP = _("You can use Markdown: *emphasis*, **bold**, [links](https://…), lists.")


TIME_ZONE_REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)


@functools.cache
def timezone_choices() -> list:
    """Time zones grouped by region, leaving out the old aliases (US/…, Etc/…)."""
    zones = sorted(zoneinfo.available_timezones())
    groups = [
        (region, [(zone, zone) for zone in zones if zone.startswith(f"{region}/")])
        for region in TIME_ZONE_REGIONS
    ]
    return [("UTC", "UTC"), *groups]


def timezone_choices_keeping(current: str) -> list:
    """The time zone choices, plus `current` when it is an alias left out of them."""
    listed = {"UTC"} | {zone for _region, zones in timezone_choices()[1:] for zone, _label in zones}
    if current and current not in listed:
        return [(current, current), *timezone_choices()]
    return timezone_choices()


def leads_to(url_name: str, **kwargs) -> bool:
    """Whether the address of `url_name` for these values reaches that page.

    A short name such as "new" would make an object's address that of another
    page ("…/events/new/" is the page to add an event), so it is refused.
    """
    try:
        return resolve(reverse(url_name, kwargs=kwargs)).view_name == url_name
    except (NoReverseMatch, Resolver404):
        return False


def suggest_slug(title: TranslatedText, *, max_length: int, is_free: Callable[[str], bool]) -> str:
    """A short name made from the title, numbered when the plain one is taken."""
    base = slugify(title.localize().text)[: max_length - 4].strip("-")
    if not base:
        return ""
    candidate = base
    number = 2
    while not is_free(candidate):
        candidate = f"{base}-{number}"
        number += 1
    return candidate


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time, naive: the form says in which time zone it is.

    Django reads datetimes in the server's time zone; an event's times are
    read in the event's own time zone instead, by the form that knows it.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        # Parsed as if in UTC, the typed time keeps its hours and minutes; the
        # time zone is then dropped, for the form to put the event's in.
        with timezone.override(dt.UTC):
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result else result


def in_time_zone(wall_clock: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """`wall_clock` read in `zone`; refuse a time that the clocks skip, or out of range."""
    aware = wall_clock.replace(tzinfo=zone)
    try:
        round_trip = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        raise ValidationError(
            _("This date is too far in the past or the future."), code="out_of_range"
        ) from None
    if round_trip != wall_clock:
        raise ValidationError(
            _("This time does not exist in %(zone)s: the clocks skip it that day."),
            params={"zone": zone.key},
        )
    return aware


class LanguageCodesField(forms.Field):
    """Language codes typed on one line, such as "fr, en, es", kept as a list."""

    widget = forms.TextInput

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        codes = [code.strip().lower() for code in re.split(r"[,;\s]+", value or "")]
        return list(dict.fromkeys(code for code in codes if code))

    def validate(self, value):
        super().validate(value)
        for code in value:
            if not LANGUAGE_CODE_PATTERN.fullmatch(code):
                raise ValidationError(
                    _("“%(code)s” is not a language code. Write codes such as fr, en, es."),
                    params={"code": code},
                )


class SummitForm(forms.ModelForm):
    """The summit's details; the main venue is offered once the summit has venues."""

    timezone = forms.ChoiceField(label=_("Time zone"))
    languages = LanguageCodesField(
        label=_("Session languages"),
        required=False,
        help_text=_("Language codes separated by commas, such as fr, en, es."),
    )

    class Meta:
        model = Summit
        fields = list(domain.SUMMIT_FIELDS)
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "slug": _("Letters, digits and hyphens, such as ogp-paris-2016."),
            "description": MARKDOWN_HELP,
        }
        error_messages = {"slug": {"unique": _("Another summit already uses this short name.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = timezone_choices_keeping(self.instance.timezone)
        if self.instance.pk is None:
            del self.fields["venue"]
        else:
            self.fields["venue"].queryset = Venue.objects.filter(summit=self.instance)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        reachable = leads_to("summits:summit", summit=slug) and leads_to(
            "organise:summit", summit=slug
        )
        if not reachable:
            raise ValidationError(_("This short name is reserved; choose another one."))
        return slug


class EventForm(forms.ModelForm):
    """An event; its times are typed and shown in the event's time zone."""

    starts_at = LocalDateTimeField(label=_("Starts at"))
    ends_at = LocalDateTimeField(label=_("Ends at"))
    timezone = forms.ChoiceField(label=_("Time zone"), required=False)

    class Meta:
        model = Event
        fields = list(domain.EVENT_FIELDS)
        help_texts = {
            "slug": _("Letters, digits and hyphens. Leave empty to make one from the title."),
            "description": MARKDOWN_HELP,
        }

    def __init__(self, *args, summit: Summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        if self.instance.summit_id is None:
            self.instance.summit = summit
        self.fields["slug"].required = False
        self.fields["venue"].queryset = Venue.objects.filter(summit=summit)
        self.fields["timezone"].choices = [
            ("", _("The summit's time zone (%(zone)s)") % {"zone": summit.timezone}),
            *timezone_choices_keeping(self.instance.timezone),
        ]
        self.fields["timezone"].help_text = _("Start and end times are in this time zone.")
        zone = self.instance.tz
        for name in ("starts_at", "ends_at"):
            value = getattr(self.instance, name)
            if value is not None:
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)

    def _slug_is_free(self, slug: str) -> bool:
        taken = Event.objects.filter(summit=self.summit, slug=slug).exclude(pk=self.instance.pk)
        return not taken.exists() and leads_to(
            "organise:event_edit", summit=self.summit.slug, event=slug
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and not self._slug_is_free(slug):
            raise ValidationError(
                _("Another event of this summit already uses this short name, or it is reserved.")
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        zone = self.summit.tz
        if cleaned.get("timezone"):
            zone = zoneinfo.ZoneInfo(cleaned["timezone"])
        for name in ("starts_at", "ends_at"):
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = in_time_zone(cleaned[name], zone)
                except ValidationError as error:
                    self.add_error(name, error)
        if not cleaned.get("slug") and "slug" not in self.errors and cleaned.get("title"):
            cleaned["slug"] = suggest_slug(
                cleaned["title"], max_length=80, is_free=self._slug_is_free
            )
            if not cleaned["slug"]:
                self.add_error("slug", _("Give a short name: none could be made from the title."))
        return cleaned


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = list(domain.VENUE_FIELDS)


class RoomForm(forms.ModelForm):
    """A room of one of the summit's venues."""

    capacity = forms.IntegerField(
        label=_("Capacity"),
        min_value=1,
        max_value=1_000_000,
        help_text=_("How many people the room holds."),
    )

    equipment = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interpretation_booths = LanguageCodesField(
        label=_("Interpretation booths"),
        required=False,
        help_text=_("Languages the booths interpret into, separated by commas, such as fr, en."),
    )
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=32767,
        initial=0,
        required=False,
        help_text=_("Rooms with smaller numbers come first in the agenda's grid."),
    )

    class Meta:
        model = Room
        fields = list(domain.ROOM_FIELDS)

    def __init__(self, *args, summit: Summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(summit=summit)
        self.fields["venue"].empty_label = None

    def clean_position(self):
        return self.cleaned_data.get("position") or 0


class PageForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = list(domain.PAGE_FIELDS)
        help_texts = {
            "slug": _("Letters, digits and hyphens. Leave empty to make one from the title."),
            "body": MARKDOWN_HELP,
            "position": _("Pages with smaller numbers come first."),
        }

    def __init__(self, *args, summit: Summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.fields["slug"].required = False

    def _slug_is_free(self, slug: str) -> bool:
        taken = Page.objects.filter(summit=self.summit, slug=slug).exclude(pk=self.instance.pk)
        return not taken.exists()

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug and not self._slug_is_free(slug):
            raise ValidationError(_("Another page of this summit already uses this short name."))
        return slug

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and "slug" not in self.errors and cleaned.get("title"):
            cleaned["slug"] = suggest_slug(
                cleaned["title"], max_length=60, is_free=self._slug_is_free
            )
            if not cleaned["slug"]:
                self.add_error("slug", _("Give a short name: none could be made from the title."))
        return cleaned


class TeamRoleForm(forms.Form):
    """Give a role to someone who has an account, found by e-mail address."""

    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The person must already have an account on this site."),
    )
    # No role is preselected, so that nobody becomes an organiser by oversight.
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Choose a role")), *Role.choices])

    def __init__(self, *args, summit: Summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.user = None

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if self.user is None:
            raise ValidationError(
                _("No account uses this e-mail address. Ask the person to sign up first.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if self.user is not None and role:
            holds_it = TeamMembership.objects.filter(summit=self.summit, user=self.user, role=role)
            if holds_it.exists():
                raise ValidationError(
                    _("%(person)s already has the role “%(role)s”."),
                    params={"person": self.user, "role": Role(role).label},
                )
        return cleaned


class PublicationForm(forms.Form):
    """The answer of a publish or unpublish button."""

    is_published = forms.TypedChoiceField(
        choices=[("1", _("Published")), ("0", _("Not published"))],
        coerce=lambda value: value == "1",
    )
