"""Forms of the organisers' registration pages and of check-in.

Forms only check input; views pass what they clean to the functions of
`domain.py` and `question_editing.py`, which write.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django_countries import countries

from cosummit.accounts.models import OrganisationType
from cosummit.core.i18n import TranslatedFormField, TranslatedWidget, language_codes
from cosummit.core.question_forms import QuestionsFormMixin
from cosummit.core.questions import CHOICE_KINDS, QuestionKind, options_as_lines, options_from_lines
from cosummit.summits.forms import LocalDateTimeField, in_time_zone

from .models import Category, RegistrationQuestion, RegistrationSetup, Status
from .organiser_queries import RegistrationFilters

SETUP_FIELDS = (
    "is_enabled",
    "opens_at",
    "closes_at",
    "capacity",
    "requires_approval",
    "hold_hours",
    "offer_hours",
    "consent_text",
    "retention_days",
)
# Long enough for any registration; short enough that a seat is not lost for months.
MAX_HOURS = 24 * 30
MAX_SEATS = 1_000_000


def quota_field_name(category: str) -> str:
    return f"quota_{category}"


class RegistrationSetupForm(forms.ModelForm):
    """An event's registration settings; dates are typed in the event's time zone."""

    opens_at = LocalDateTimeField(label=gettext_lazy("Registration opens at"), required=False)
    closes_at = LocalDateTimeField(label=gettext_lazy("Registration closes at"), required=False)
    capacity = forms.IntegerField(
        label=gettext_lazy("Capacity"),
        required=False,
        min_value=1,
        max_value=MAX_SEATS,
        help_text=gettext_lazy("How many people may attend. Leave empty for no limit."),
    )
    hold_hours = forms.IntegerField(
        label=gettext_lazy("Hours to confirm a registration"),
        min_value=1,
        max_value=MAX_HOURS,
        help_text=gettext_lazy(
            "A seat is held this long for the registrant to confirm their e-mail address."
        ),
    )
    offer_hours = forms.IntegerField(
        label=gettext_lazy("Hours to accept a freed seat"),
        min_value=1,
        max_value=MAX_HOURS,
        help_text=gettext_lazy(
            "How long a person offered a seat from the waiting list has to confirm."
        ),
    )
    retention_days = forms.IntegerField(
        label=gettext_lazy("Days to keep personal data after the event"),
        required=False,
        min_value=0,
        max_value=36_500,
        help_text=gettext_lazy(
            "Registrants’ personal data is erased this many days after the event ends. "
            "Leave empty to keep it until you delete it."
        ),
    )

    class Meta:
        model = RegistrationSetup
        fields = list(SETUP_FIELDS)

    def __init__(self, *args, event, quotas: dict[str, int], seats_taken: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.seats_taken = seats_taken
        self.fields["opens_at"].help_text = _(
            "In the event’s time zone (%(zone)s). Leave empty to open at once."
        ) % {"zone": event.tz.key}
        self.fields["closes_at"].help_text = _(
            "In the event’s time zone (%(zone)s). Leave empty to keep it open until the event."
        ) % {"zone": event.tz.key}
        for name in ("opens_at", "closes_at"):
            value = getattr(self.instance, name)
            if value is not None:
                self.initial[name] = value.astimezone(event.tz).replace(tzinfo=None)
        for category, label in Category.choices:
            name = quota_field_name(category)
            self.fields[name] = forms.IntegerField(
                label=_("Seats for: %(category)s") % {"category": label},
                required=False,
                min_value=0,
                max_value=MAX_SEATS,
                help_text=_(
                    "Leave empty for no quota. Quotas may add up to more than the capacity: "
                    "the capacity still limits the total."
                ),
            )
            if category in quotas:
                self.initial[name] = quotas[category]

    def clean(self):
        cleaned = super().clean()
        for name in ("opens_at", "closes_at"):
            if cleaned.get(name) is not None:
                try:
                    cleaned[name] = in_time_zone(cleaned[name], self.event.tz)
                except ValidationError as error:
                    self.add_error(name, error)
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", _("Registration must close after it opens."))
        capacity = cleaned.get("capacity")
        for category, label in Category.choices:
            quota = cleaned.get(quota_field_name(category))
            if capacity is not None and quota is not None and quota > capacity:
                self.add_error(
                    quota_field_name(category),
                    _(
                        "The quota for %(category)s (%(quota)d) is above the capacity "
                        "(%(capacity)d)."
                    )
                    % {"category": label, "quota": quota, "capacity": capacity},
                )
        return cleaned

    @property
    def setup_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in SETUP_FIELDS}

    @property
    def quota_values(self) -> dict[str, int | None]:
        return {
            category: self.cleaned_data.get(quota_field_name(category))
            for category in Category.values
        }

    @property
    def capacity_below_seats_taken(self) -> bool:
        capacity = self.cleaned_data.get("capacity")
        return capacity is not None and capacity < self.seats_taken


class OptionsField(TranslatedFormField):
    """Choice options typed one per line, in each language."""

    def __init__(self, **kwargs):
        super().__init__(widget=TranslatedWidget(forms.Textarea), required=False, **kwargs)

    def prepare_value(self, value):
        # Options as stored are a list of mappings; as typed, a list of texts.
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return {code: options_as_lines(value, code) for code in language_codes()}
        return value


def keep_option_values(options: list[dict], previous: list[dict]) -> list[dict]:
    """Give an option the value it had when one of its labels is unchanged.

    Answers already given, and conditions of other questions, name options by
    value; rewording a label in one language keeps them meaningful.
    """
    old_values = {}
    for option in previous:
        for code, text in option.get("label", {}).items():
            old_values.setdefault((code, text), option["value"])
    used = set()
    kept = []
    for option in options:
        value = next(
            (
                old_values[(code, text)]
                for code, text in option["label"].items()
                if (code, text) in old_values and old_values[(code, text)] not in used
            ),
            option["value"],
        )
        base, suffix = value, 2
        while value in used:
            value, suffix = f"{base}-{suffix}", suffix + 1
        used.add(value)
        kept.append({**option, "value": value})
    return kept


class QuestionForm(forms.ModelForm):
    """A registration question: its kind, text, options and the condition to ask it."""

    options = OptionsField(
        label=gettext_lazy("Options"),
        help_text=gettext_lazy(
            "For single and multiple choices: one option per line, in the same order in "
            "each language."
        ),
    )
    condition = forms.ChoiceField(
        label=gettext_lazy("Asked"),
        required=False,
        help_text=gettext_lazy(
            "A question can depend on the answer to an earlier choice or checkbox question."
        ),
    )

    class Meta:
        model = RegistrationQuestion
        fields = ["kind", "label", "help_text", "is_required"]
        labels = {"is_required": gettext_lazy("An answer is required")}

    def __init__(self, *args, setup: RegistrationSetup, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup = setup
        self.fields["label"].label = _("Question")
        self.earlier = self._earlier_questions()
        self.fields["condition"].choices = [
            ("", _("Always")),
            *self._condition_choices(),
        ]
        if self.instance.pk is not None:
            self.initial["options"] = self.instance.options
            if self.instance.depends_on_id is not None:
                self.initial["condition"] = (
                    f"{self.instance.depends_on_id}:{self.instance.depends_on_value}"
                )

    def _earlier_questions(self) -> list[RegistrationQuestion]:
        if self.setup.pk is None:
            return []
        questions = RegistrationQuestion.objects.filter(
            setup=self.setup, kind__in=[*CHOICE_KINDS, QuestionKind.CHECKBOX]
        ).order_by("position", "pk")
        if self.instance.pk is not None:
            questions = questions.filter(position__lt=self.instance.position)
        return list(questions)

    def _condition_choices(self) -> list:
        groups = []
        for question in self.earlier:
            if question.kind == QuestionKind.CHECKBOX:
                values = [("yes", _("Yes")), ("no", _("No"))]
            else:
                values = [(value, str(text)) for value, text in question.option_labels().items()]
            groups.append(
                (
                    _("Only if the answer to “%(question)s” is") % {"question": question.label},
                    [(f"{question.pk}:{value}", label) for value, label in values],
                )
            )
        return groups

    def clean_options(self):
        lines = self.cleaned_data["options"] or {}
        options = options_from_lines(dict(lines))
        previous = self.instance.options if self.instance.pk is not None else []
        return keep_option_values(options, previous)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        options = cleaned.get("options") or []
        if kind in CHOICE_KINDS and not options:
            self.add_error("options", _("Give at least one option, one per line."))
        if kind not in CHOICE_KINDS:
            cleaned["options"] = []
        self._clean_condition(cleaned)
        self._check_dependants(cleaned)
        return cleaned

    def _clean_condition(self, cleaned) -> None:
        cleaned["depends_on"], cleaned["depends_on_value"] = None, ""
        condition = cleaned.get("condition")
        if not condition:
            return
        parent_id, _colon, value = condition.partition(":")
        parent = next((q for q in self.earlier if str(q.pk) == parent_id), None)
        if parent is None:
            self.add_error("condition", _("Choose an earlier choice or checkbox question."))
            return
        cleaned["depends_on"], cleaned["depends_on_value"] = parent, value

    def _check_dependants(self, cleaned) -> None:
        """A question others depend on must keep the answers they wait for."""
        if self.instance.pk is None or not cleaned.get("kind"):
            return
        kind = cleaned["kind"]
        if kind == QuestionKind.CHECKBOX:
            values = {"yes", "no"}
        elif kind in CHOICE_KINDS:
            values = {option["value"] for option in cleaned.get("options") or []}
        else:
            values = set()
        for dependant in self.instance.dependants.all():
            if dependant.depends_on_value not in values:
                self.add_error(
                    None,
                    _(
                        "The question “%(question)s” is asked only for the answer "
                        "“%(value)s” to this one: keep that answer, or change that "
                        "question first."
                    )
                    % {"question": dependant.label, "value": dependant.depends_on_value},
                )

    @property
    def question_values(self) -> dict:
        names = ["kind", "label", "help_text", "is_required", "options"]
        values = {name: self.cleaned_data[name] for name in names}
        values["depends_on"] = self.cleaned_data["depends_on"]
        values["depends_on_value"] = self.cleaned_data["depends_on_value"]
        return values


class RegistrationFilterForm(forms.Form):
    """Search and filters of the registrations page; wrong values filter nothing."""

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Name, e-mail, organisation or registration code."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("registration", "Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *Status.choices],
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        choices=[("", gettext_lazy("Any category")), *Category.choices],
    )

    @property
    def filters(self) -> RegistrationFilters:
        if not self.is_valid():
            return RegistrationFilters()
        return RegistrationFilters(
            search=self.cleaned_data["q"].strip(),
            status=self.cleaned_data["status"],
            category=self.cleaned_data["category"],
        )


class AddRegistrationForm(QuestionsFormMixin, forms.Form):
    """An organiser registers someone; the event's questions may be left unanswered."""

    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=200, required=False
    )
    organisation_type = forms.ChoiceField(
        label=gettext_lazy("Organisation type"),
        required=False,
        choices=[("", "—"), *OrganisationType.choices],
        help_text=gettext_lazy("It gives the person’s category for quotas."),
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the e-mails"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, questions=(), **kwargs):
        questions = list(questions)
        for question in questions:
            # Not saved: the organiser may not know every answer.
            question.is_required = False
        super().__init__(*args, questions=questions, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=10_000,
        widget=forms.Textarea,
        help_text=gettext_lazy("Plain text. Each person receives their own copy."),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Registration code or name"),
        max_length=200,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )
