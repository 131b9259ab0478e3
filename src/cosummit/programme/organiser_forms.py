"""Forms of the agenda builder.

Times are typed and shown in the summit's time zone. Forms only check input;
views pass `cleaned_data` to the functions of `builder.py`, which write.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cosummit.accounts.models import User
from cosummit.proposals.models import FormatKind, SessionFormat, Track
from cosummit.proposals.organiser_forms import SummitTimesMixin
from cosummit.summits.forms import LanguageCodesField, LocalDateTimeField
from cosummit.summits.models import Equipment, Room

from . import builder
from .models import Day, Session

MAX_DURATION = 24 * 60


class SpeakerEmailsField(forms.CharField):
    """Speakers typed as e-mail addresses, one a line or separated by commas; users out."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(getattr(user, "email", str(user)) for user in value)
        return value

    def to_python(self, value):
        addresses = [part.strip().lower() for part in re.split(r"[,;\s]+", value or "")]
        addresses = list(dict.fromkeys(address for address in addresses if address))
        if not addresses:
            return []
        users = {user.email.lower(): user for user in User.objects.filter(email__in=addresses)}
        unknown = [address for address in addresses if address not in users]
        if unknown:
            raise ValidationError(
                _("No one has an account with these addresses: %(addresses)s.")
                % {"addresses": ", ".join(unknown)}
            )
        return [users[address] for address in addresses]


class DayForm(forms.ModelForm):
    tracks = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Reserved to the tracks"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave empty for a day open to every track."),
    )

    class Meta:
        model = Day
        fields = [*builder.DAY_FIELDS, "tracks"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.fields["tracks"].queryset = Track.objects.filter(summit=summit)
        self.fields["slot_minutes"].validators.append(MaxValueValidator(MAX_DURATION))
        if self.instance.pk is not None:
            self.initial["tracks"] = list(self.instance.tracks.all())

    def clean_date(self):
        date = self.cleaned_data["date"]
        taken = Day.objects.filter(summit=self.summit, date=date).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("The programme already has a day on this date."))
        return date

    def clean_slot_minutes(self):
        minutes = self.cleaned_data["slot_minutes"]
        if minutes is not None and minutes < 5:
            raise ValidationError(_("Slots last at least 5 minutes."))
        return minutes

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", _("The day must end after it starts."))
        return cleaned

    def validate_unique(self):
        # `clean_date` and `clean` check the model's constraints with clearer
        # messages; checking them again would repeat the same errors.
        pass


class SessionForm(forms.ModelForm):
    speakers = SpeakerEmailsField(
        label=gettext_lazy("Speakers"),
        required=False,
        help_text=gettext_lazy(
            "Their e-mail addresses, one a line; each needs an account on the site."
        ),
    )
    equipment = forms.MultipleChoiceField(
        label=gettext_lazy("Equipment needed"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interpretation = LanguageCodesField(
        label=gettext_lazy("Interpretation needed into"),
        required=False,
        help_text=gettext_lazy("Language codes separated by commas, such as fr, en, es."),
    )
    language = forms.CharField(
        label=gettext_lazy("Session language"),
        required=False,
        max_length=10,
        help_text=gettext_lazy("A language code, such as fr or en."),
    )

    class Meta:
        model = Session
        fields = [*builder.SESSION_FIELDS]

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.fields["track"].queryset = Track.objects.filter(summit=summit)
        self.fields["format"].queryset = SessionFormat.objects.filter(call__summit=summit)
        self.fields["duration"].validators.append(MaxValueValidator(MAX_DURATION))
        self.fields["duration"].help_text = _("Needed to place the session in the agenda.")
        if self.instance.pk is not None:
            self.initial["speakers"] = list(self.instance.speakers.order_by("email"))

    def clean_language(self):
        code = (self.cleaned_data.get("language") or "").strip().lower()
        if code and not re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", code):
            raise ValidationError(_("Write a language code, such as fr or en."))
        return code

    def clean_duration(self):
        duration = self.cleaned_data.get("duration")
        if duration is not None and duration < 5:
            raise ValidationError(_("A session lasts at least 5 minutes."))
        return duration

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        fixed_kinds = (Session.Kind.BREAK, Session.Kind.PLENARY)
        if cleaned.get("takes_whole_venue") and kind not in fixed_kinds:
            self.add_error(
                "takes_whole_venue", _("Only breaks, meals and plenaries can hold every room.")
            )
        has_pitches = self.instance.pk is not None and self.instance.pitches.exists()
        if has_pitches and kind != Session.Kind.PITCHES:
            self.add_error(
                "kind", _("This pitch session has pitches: take them out before changing it.")
            )
        return cleaned


class _SummitTimesForm(SummitTimesMixin, forms.Form):
    """A form with no row behind it whose `local_times` are typed in the summit's time zone."""

    # No row: `show_local_times` gives the fields their help text, no initial value.
    instance = None


class PlaceForm(_SummitTimesForm):
    """A room and a start time for a session: the builder's form without JavaScript."""

    local_times = ("starts_at",)

    room = forms.ModelChoiceField(
        label=gettext_lazy("Room"), queryset=Room.objects.none(), required=False
    )
    starts_at = LocalDateTimeField(label=gettext_lazy("Starts at"))

    def __init__(self, *args, session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        summit = session.summit
        self.fields["room"].queryset = Room.objects.filter(venue__summit=summit).select_related(
            "venue"
        )
        self.fields["room"].error_messages["invalid_choice"] = _(
            "Choose one of the summit's rooms."
        )
        self.show_local_times(summit)

    def clean(self):
        cleaned = super().clean()
        self.read_local_times(cleaned, self.session.summit)
        if not self.errors:
            try:
                builder.check_place(
                    self.session, room=cleaned.get("room"), starts_at=cleaned["starts_at"]
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


def pitch_candidates(summit, pitch_session: Session):
    """Sessions of a pitch format that are in no pitch session, or in this one already."""
    return Session.objects.filter(
        Q(pitch_session__isnull=True) | Q(pitch_session=pitch_session),
        summit=summit,
        kind=Session.Kind.SESSION,
        format__kind=FormatKind.PITCH,
    ).order_by("title", "pk")


class PitchesForm(forms.Form):
    pitches = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Pitches in this pitch session"),
        queryset=Session.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Sessions of a pitch format. A pitch takes its pitch session's place."
        ),
    )

    def __init__(self, *args, pitch_session: Session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pitches"].queryset = pitch_candidates(pitch_session.summit, pitch_session)
        self.fields["pitches"].error_messages["invalid_choice"] = _(
            "Choose pitches of this summit that are in no other pitch session."
        )
        self.initial.setdefault("pitches", list(pitch_session.pitches.all()))


class UnavailabilityForm(_SummitTimesForm):
    local_times = ("starts_at", "ends_at")

    speaker = forms.EmailField(
        label=gettext_lazy("Speaker's e-mail address"),
    )
    starts_at = LocalDateTimeField(label=gettext_lazy("From"))
    ends_at = LocalDateTimeField(label=gettext_lazy("Until"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.show_local_times(summit)

    def clean_speaker(self):
        address = self.cleaned_data["speaker"].strip().lower()
        user = User.objects.filter(email=address).first()
        if user is None:
            raise ValidationError(_("No one has an account with this address."))
        return user

    def clean(self):
        cleaned = super().clean()
        self.read_local_times(cleaned, self.summit)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if not self.errors and ends <= starts:
            self.add_error("ends_at", _("The end must come after the start."))
        return cleaned


class SessionFilterForm(forms.Form):
    """The sessions list's filters, read from the query string."""

    PLACED = "placed"
    UNSCHEDULED = "unscheduled"

    q = forms.CharField(label=gettext_lazy("Title contains"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Every kind")), *Session.Kind.choices],
    )
    track = forms.ModelChoiceField(
        label=gettext_lazy("Track"),
        queryset=Track.objects.none(),
        required=False,
        empty_label=gettext_lazy("Every track"),
    )
    state = forms.ChoiceField(
        label=gettext_lazy("Place"),
        required=False,
        choices=[
            ("", gettext_lazy("Placed or not")),
            (PLACED, gettext_lazy("Placed")),
            (UNSCHEDULED, gettext_lazy("Not placed yet")),
        ],
    )

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].queryset = Track.objects.filter(summit=summit)
