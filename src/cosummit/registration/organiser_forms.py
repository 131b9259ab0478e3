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
from cosummit.core.question_editing import QuestionEditForm
from cosummit.core.question_forms import QuestionsFormMixin
from cosummit.summits.forms import LocalDateTimeField, in_time_zone

from .domain import SETUP_FIELDS
from .models import Category, RegistrationQuestion, RegistrationSetup, Status
from .organiser_queries import RegistrationFilters

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


class QuestionForm(QuestionEditForm):
    """A registration question: its kind, text, options and the condition to ask it."""

    class Meta(QuestionEditForm.Meta):
        model = RegistrationQuestion

    def __init__(self, *args, setup: RegistrationSetup, **kwargs):
        self.setup = setup
        super().__init__(*args, **kwargs)

    def sibling_questions(self):
        # Before registration is set up, the setup is not saved and has no question.
        if self.setup.pk is None:
            return RegistrationQuestion.objects.none()
        return RegistrationQuestion.objects.filter(setup=self.setup)


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
