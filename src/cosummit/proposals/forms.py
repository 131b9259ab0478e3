"""Forms of the proposal, one per step, and of co-speaker invitations.

A draft may be saved half-written: its fields are required only once the
proposal is submitted (`strict`), and `domain.missing_for_submission` lists
what is missing before it is. The forms only check input; views pass
`cleaned_data` to the functions of `domain.py`.
"""

import copy

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from cosummit.accounts.models import OrganisationType
from cosummit.core.i18n import language_name
from cosummit.core.question_forms import QuestionsFormMixin
from cosummit.core.widgets import QuickSelect

from . import domain
from .models import Call, Proposal, SessionFormat, State, Track

MARKDOWN_HELP = gettext_lazy(
    "You can use Markdown: *emphasis*, **bold**, [links](https://…), lists."
)
MAX_ORGANISATIONS = 10


def format_label(session_format: SessionFormat) -> str:
    name = str(session_format.name)
    if session_format.max_minutes == 0:
        return name
    if session_format.min_minutes == session_format.max_minutes:
        return _("%(name)s (%(minutes)d minutes)") % {
            "name": name,
            "minutes": session_format.max_minutes,
        }
    if session_format.min_minutes:
        return _("%(name)s (%(shortest)d to %(longest)d minutes)") % {
            "name": name,
            "shortest": session_format.min_minutes,
            "longest": session_format.max_minutes,
        }
    return _("%(name)s (up to %(longest)d minutes)") % {
        "name": name,
        "longest": session_format.max_minutes,
    }


class FormatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return format_label(obj)


class TrackChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.name)


def language_choices(codes) -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in codes]


class StepForm(forms.Form):
    """A step of the proposal; `strict` when the proposal is already submitted."""

    def __init__(self, *args, proposal: Proposal | None, call: Call, strict: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.call = call
        self.strict = strict

    def require(self, *names: str) -> None:
        for name in names:
            self.fields[name].required = self.strict


class FormatStepForm(StepForm):
    """Step 1: the format, track and languages; an access code after the deadline."""

    format = FormatChoiceField(
        label=gettext_lazy("Session format"),
        queryset=SessionFormat.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
    )
    duration = forms.IntegerField(
        label=gettext_lazy("Duration (minutes)"),
        required=False,
        min_value=1,
        max_value=600,
        help_text=gettext_lazy("For formats that allow more than one length."),
    )
    track = TrackChoiceField(
        label=gettext_lazy("Track"),
        queryset=Track.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of your text"),
        choices=(),
        required=False,
        help_text=gettext_lazy("You may add the title and abstract in another language later."),
    )
    session_language = forms.ChoiceField(
        label=gettext_lazy("Language of the session"), choices=(), required=False
    )
    access_code = forms.CharField(
        label=gettext_lazy("Access code"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("Only if the organisers gave you one to submit after the deadline."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].queryset = self.call.formats.all()
        tracks = Track.objects.filter(summit=self.call.summit)
        self.fields["track"].queryset = tracks
        self.fields["language"].choices = [("", "—"), *language_choices(dict(settings.LANGUAGES))]
        session_languages = self.call.summit.languages or list(dict(settings.LANGUAGES))
        self.fields["session_language"].choices = [
            ("", "—"),
            *language_choices(session_languages),
        ]
        self.require("format", "language", "session_language")
        if self.strict and tracks.exists():
            self.fields["track"].required = True
        if self.proposal is not None and self.proposal.access_code_id:
            self.initial.setdefault("access_code", self.proposal.access_code.code)

    def clean(self):
        cleaned = super().clean()
        session_format = cleaned.get("format")
        duration = cleaned.get("duration")
        if (
            session_format is not None
            and duration is not None
            and not session_format.min_minutes <= duration <= session_format.max_minutes
        ):
            self.add_error(
                "duration",
                _("A %(format)s lasts between %(shortest)d and %(longest)d minutes.")
                % {
                    "format": session_format.name,
                    "shortest": session_format.min_minutes,
                    "longest": session_format.max_minutes,
                },
            )
        typed = (cleaned.get("access_code") or "").strip()
        code = None
        if typed:
            code = domain.find_access_code(self.call, typed)
            already_used_here = (
                code is not None
                and self.proposal is not None
                and self.proposal.access_code_id == code.pk
                and self.proposal.state != State.DRAFT
            )
            problem = "" if already_used_here else domain.access_code_problem(code, session_format)
            if problem:
                self.add_error("access_code", problem)
        cleaned["access_code"] = code
        submitted = self.proposal is not None and self.proposal.state != State.DRAFT
        if (
            not submitted
            and "access_code" not in self.errors
            and code is None
            and not domain.is_accepting(self.call, session_format)
        ):
            if not domain.has_opened(self.call):
                self.add_error(None, _("The call for proposals has not opened yet."))
            else:
                self.add_error(
                    "access_code",
                    _(
                        "The deadline for this format has passed. Enter the access code "
                        "the organisers gave you, or choose another format."
                    ),
                )
        return cleaned


class TextStepForm(StepForm):
    """Step 2: title, abstract, description, and optionally another language."""

    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    abstract = forms.CharField(
        label=gettext_lazy("Abstract"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("A few sentences that say what the session is about."),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=MARKDOWN_HELP,
    )
    other_language = forms.ChoiceField(
        label=gettext_lazy("Other language"), choices=(), required=False
    )
    other_title = forms.CharField(
        label=gettext_lazy("Title in the other language"), max_length=200, required=False
    )
    other_abstract = forms.CharField(
        label=gettext_lazy("Abstract in the other language"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_language"].choices = [
            ("", "—"),
            *language_choices(dict(settings.LANGUAGES)),
        ]
        self.require("title", "abstract", "description")

    def clean(self):
        cleaned = super().clean()
        other = cleaned.get("other_language")
        has_other_text = bool(cleaned.get("other_title") or cleaned.get("other_abstract"))
        if has_other_text and not other:
            self.add_error("other_language", _("Say in which language the other title is."))
        if other and self.proposal is not None and other == self.proposal.language:
            self.add_error("other_language", _("Choose a language other than that of your text."))
        return cleaned


class AudienceStepForm(StepForm):
    """Step 3 (with the organisations): the audience and interpretation needs."""

    expected_audience = forms.IntegerField(
        label=gettext_lazy("Expected audience"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=gettext_lazy("Number of people."),
    )
    audience_description = forms.CharField(
        label=gettext_lazy("Who should come"), max_length=300, required=False
    )
    interpretation = forms.MultipleChoiceField(
        label=gettext_lazy("Interpretation needed into"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offered = self.call.interpretation_languages or []
        self.fields["interpretation"].choices = language_choices(offered)
        if not offered:
            del self.fields["interpretation"]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Organisation"), max_length=200, required=False)
    organisation_type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        choices=[("", "—"), *OrganisationType.choices],
        required=False,
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country"), choices=(), required=False, widget=QuickSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Country names in the reader's language, read now rather than at import.
        self.fields["country"].choices = [("", "—"), *countries]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and not cleaned.get("organisation_type"):
            self.add_error("organisation_type", _("Say what kind of organisation it is."))
        if not cleaned.get("name") and (cleaned.get("organisation_type") or cleaned.get("country")):
            self.add_error("name", _("Give the organisation's name."))
        return cleaned


class BaseOrganisationFormSet(forms.BaseFormSet):
    def __init__(self, *args, strict: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.strict = strict

    def clean(self):
        if any(self.errors):
            return
        if self.strict and not self.organisations():
            raise ValidationError(_("Name at least one organising organisation."))

    def organisations(self) -> list[domain.OrganisationData]:
        return [
            domain.OrganisationData(
                name=form.cleaned_data["name"].strip(),
                organisation_type=form.cleaned_data["organisation_type"],
                country=form.cleaned_data.get("country") or "",
            )
            for form in self.forms
            if form.cleaned_data.get("name", "").strip()
        ]


OrganisationFormSet = forms.formset_factory(
    OrganisationForm,
    formset=BaseOrganisationFormSet,
    extra=2,
    max_num=MAX_ORGANISATIONS,
    validate_max=True,
    absolute_max=MAX_ORGANISATIONS + 2,
)


def organisation_formset(data, proposal: Proposal, *, strict: bool):
    initial = [
        {
            "name": organisation.name,
            "organisation_type": organisation.organisation_type,
            "country": organisation.country.code if organisation.country else "",
        }
        for organisation in proposal.organisations.all()
    ]
    return OrganisationFormSet(data, initial=initial, prefix="organisations", strict=strict)


class QuestionsStepForm(QuestionsFormMixin, forms.Form):
    """Step 4: the call's questions for the proposal's format and track.

    A draft may leave required questions unanswered; submitting checks them.
    """

    def __init__(self, *args, strict: bool, questions=(), **kwargs):
        if not strict:
            questions = [self._optional(question) for question in questions]
        super().__init__(*args, questions=questions, **kwargs)

    @staticmethod
    def _optional(question):
        relaxed = copy.copy(question)
        relaxed.is_required = False
        return relaxed


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address of the co-speaker"),
        help_text=gettext_lazy(
            "They get an e-mail with a link to accept or decline; they need an account."
        ),
    )


class SimilarForm(forms.Form):
    """The text being written, to find similar proposals."""

    title = forms.CharField(max_length=200, required=False)
    abstract = forms.CharField(max_length=1500, required=False)
    proposal = forms.IntegerField(required=False, min_value=1)
