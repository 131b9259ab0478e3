"""Forms of the organiser pages of the call for proposals.

Dates are typed and shown in the summit's time zone. Forms only check input;
views pass `cleaned_data` to the functions of `call_editing.py`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cosummit.core.question_editing import QuestionEditForm
from cosummit.summits.forms import LanguageCodesField, LocalDateTimeField, in_time_zone

from . import call_editing
from .models import AccessCode, Call, ProposalQuestion, SessionFormat, State, Track


class SummitTimesMixin:
    """Datetime fields named in `local_times` are typed and shown in the summit's time zone."""

    local_times: tuple[str, ...] = ()

    def show_local_times(self, summit) -> None:
        for name in self.local_times:
            value = getattr(self.instance, name, None)
            if value is not None:
                self.initial[name] = value.astimezone(summit.tz).replace(tzinfo=None)
            self.fields[name].help_text = " ".join(
                part
                for part in (
                    str(self.fields[name].help_text or ""),
                    _("In the summit's time zone (%(zone)s).") % {"zone": summit.timezone},
                )
                if part
            )

    def read_local_times(self, cleaned, summit) -> None:
        for name in self.local_times:
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = in_time_zone(cleaned[name], summit.tz)
                except ValidationError as error:
                    self.add_error(name, error)


class CallForm(SummitTimesMixin, forms.ModelForm):
    local_times = ("opens_at", "closes_at", "discussion_opens_at")

    opens_at = LocalDateTimeField(label=gettext_lazy("Opens at"), required=False)
    closes_at = LocalDateTimeField(
        label=gettext_lazy("Closes at"),
        required=False,
        help_text=gettext_lazy("Formats may have their own deadline."),
    )
    discussion_opens_at = LocalDateTimeField(
        label=gettext_lazy("Public discussion opens at"),
        required=False,
        help_text=gettext_lazy("Leave empty to publish each proposal as soon as it is submitted."),
    )
    languages = LanguageCodesField(
        label=gettext_lazy("Session languages"),
        required=False,
        help_text=gettext_lazy("Languages in which sessions may be held, such as fr, en, es."),
    )
    interpretation_languages = LanguageCodesField(
        label=gettext_lazy("Interpretation languages offered"),
        required=False,
        help_text=gettext_lazy(
            "Languages that sessions may ask interpretation into, such as fr, en, es."
        ),
    )

    class Meta:
        model = Call
        fields = list(call_editing.CALL_FIELDS)
        help_texts = {"introduction": gettext_lazy("Shown above the proposal form. Markdown.")}

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        self.fields["max_co_speakers"].validators.append(MaxValueValidator(50))
        self.fields["max_co_speakers"].widget.attrs["max"] = 50
        self.initial.setdefault("languages", summit.languages)
        self.show_local_times(summit)

    def clean(self):
        cleaned = super().clean()
        self.read_local_times(cleaned, self.summit)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        if cleaned.get("reports_to_hide") == 0:
            self.add_error("reports_to_hide", _("At least one report is needed to hide content."))
        return cleaned


class FormatForm(SummitTimesMixin, forms.ModelForm):
    local_times = ("closes_at",)

    closes_at = LocalDateTimeField(
        label=gettext_lazy("Deadline"),
        required=False,
        help_text=gettext_lazy("Leave empty to use the call's."),
    )

    class Meta:
        model = SessionFormat
        fields = list(call_editing.FORMAT_FIELDS)
        help_texts = {
            "max_minutes": gettext_lazy("0 for a format without a set length."),
            "position": gettext_lazy("Formats with smaller numbers come first."),
        }

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit
        for name in ("min_minutes", "max_minutes"):
            self.fields[name].validators.append(MaxValueValidator(24 * 60))
            self.fields[name].widget.attrs["max"] = 24 * 60
        self.show_local_times(summit)

    def clean(self):
        cleaned = super().clean()
        self.read_local_times(cleaned, self.summit)
        shortest, longest = cleaned.get("min_minutes"), cleaned.get("max_minutes")
        if shortest is not None and longest is not None and longest and shortest > longest:
            self.add_error("max_minutes", _("The longest duration cannot be below the shortest."))
        return cleaned


class TrackForm(forms.ModelForm):
    class Meta:
        model = Track
        fields = list(call_editing.TRACK_FIELDS)
        help_texts = {
            "slug": gettext_lazy("Letters, digits and hyphens, such as open-data."),
            "position": gettext_lazy("Tracks with smaller numbers come first."),
        }

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.summit = summit

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = Track.objects.filter(summit=self.summit, slug=slug).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("Another track of this summit already uses this short name."))
        return slug


class AccessCodeForm(SummitTimesMixin, forms.ModelForm):
    local_times = ("valid_until",)

    valid_until = LocalDateTimeField(label=gettext_lazy("Valid until"))
    formats = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Formats"),
        queryset=SessionFormat.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave empty for every format."),
    )

    class Meta:
        model = AccessCode
        fields = [*call_editing.ACCESS_CODE_FIELDS, "formats"]
        help_texts = {"code": gettext_lazy("Letters and digits the late submitter types.")}

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        self.fields["formats"].queryset = call.formats.all()
        self.fields["max_uses"].validators.append(MinValueValidator(1))
        self.fields["max_uses"].widget.attrs["min"] = 1
        self.show_local_times(call.summit)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code:
            raise ValidationError(_("Give the code."))
        taken = AccessCode.objects.filter(call=self.call, code__iexact=code).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise ValidationError(_("Another access code of this call is the same."))
        return code

    def clean(self):
        cleaned = super().clean()
        self.read_local_times(cleaned, self.call.summit)
        return cleaned


class ProposalQuestionForm(QuestionEditForm):
    """A question of the call, asked for some formats and tracks or for all."""

    formats = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Asked for the formats"),
        queryset=SessionFormat.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave empty to ask for every format."),
    )
    tracks = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Asked for the tracks"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leave empty to ask for every track."),
    )

    class Meta(QuestionEditForm.Meta):
        model = ProposalQuestion

    def __init__(self, *args, call: Call, **kwargs):
        self.call = call
        super().__init__(*args, **kwargs)
        self.fields["formats"].queryset = call.formats.all()
        self.fields["tracks"].queryset = Track.objects.filter(summit=call.summit)
        if self.instance.pk is not None:
            self.initial["formats"] = list(self.instance.formats.all())
            self.initial["tracks"] = list(self.instance.tracks.all())

    def sibling_questions(self):
        return ProposalQuestion.objects.filter(call=self.call)

    @property
    def question_values(self) -> dict:
        return {
            **super().question_values,
            "formats": list(self.cleaned_data["formats"]),
            "tracks": list(self.cleaned_data["tracks"]),
        }


class ProposalFilterForm(forms.Form):
    """Filters of the organisers' list of proposals; bad values are ignored."""

    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)
    format = forms.ModelChoiceField(
        label=gettext_lazy("Format"), queryset=SessionFormat.objects.none(), required=False
    )
    track = forms.ModelChoiceField(
        label=gettext_lazy("Track"), queryset=Track.objects.none(), required=False
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            ("", _("All")),
            *[(value, label) for value, label in State.choices if value != State.DRAFT],
        ]
        self.fields["format"].queryset = call.formats.all()
        self.fields["format"].empty_label = _("All")
        self.fields["track"].queryset = Track.objects.filter(summit=call.summit)
        self.fields["track"].empty_label = _("All")

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}
