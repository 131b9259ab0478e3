"""Forms a participant fills in: registering for an event, changing the answers."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from cosummit.core.question_forms import QuestionsFormMixin
from cosummit.core.widgets import QuickSelect

from . import protection
from .models import Registration

_field = Registration._meta.get_field

NOT_A_PERSON = _("We could not check that this form was sent by a person. Please try again.")


class ErrorSummaryMixin:
    """Lists a form's errors with links to the fields they belong to."""

    def error_summary(self) -> list[dict]:
        items = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS or name not in self.fields:
                continue
            bound = self[name]
            anchor = bound.auto_id
            # A group of radio buttons or checkboxes: the link goes to the first one.
            if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                anchor = f"{anchor}_0"
            items.append({"anchor": anchor, "label": bound.label, "errors": errors})
        return items


class ParticipantFieldsMixin:
    """Who the person is: the fields a registration keeps besides the answers."""

    def add_participant_fields(self, *, category_required: bool) -> None:
        self.fields["name"] = _field("name").formfield(
            required=True, widget=forms.TextInput(attrs={"autocomplete": "name"})
        )
        self.fields["organisation"] = _field("organisation").formfield(
            widget=forms.TextInput(attrs={"autocomplete": "organization"})
        )
        self.fields["organisation_type"] = _field("organisation_type").formfield(
            required=category_required,
            help_text=_("Seats are shared fairly between governments, civil society and others."),
        )
        self.fields["country"] = _field("country").formfield(widget=QuickSelect)

    def participant_fields(self):
        names = ["name", "email", "organisation", "organisation_type", "country"]
        return [self[name] for name in names if name in self.fields]

    def question_fields(self):
        return [self[question.field_name] for question in self.questions]


class RegistrationForm(ErrorSummaryMixin, ParticipantFieldsMixin, QuestionsFormMixin, forms.Form):
    """Registering for an event, as a guest or signed in.

    A signed-in person's e-mail address is their account's and cannot be
    changed here. The last fields keep robots out (see `protection`): they
    are checked in `clean()`, and `protection` holds the solution to spend
    once everything else is valid.
    """

    def __init__(
        self, data=None, *, questions=(), user=None, consent=False, category_required=False
    ):
        initial = {}
        if user is not None:
            initial = {
                "name": user.name,
                "email": user.email,
                "organisation": user.organisation,
                "organisation_type": user.organisation_type,
                "country": user.country.code or "",
            }
        super().__init__(data, initial=initial, questions=questions)
        self.user = user
        self.protection = None
        questions_fields = {name: self.fields.pop(name) for name in list(self.fields)}
        self.add_participant_fields(category_required=category_required)
        self.fields["email"] = _field("email").formfield(
            required=True,
            disabled=user is not None,
            help_text=(
                _("The e-mail address of your account.")
                if user is not None
                else _("We send the confirmation link to this address.")
            ),
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )
        self.order_fields(["name", "email", "organisation", "organisation_type", "country"])
        self.fields.update(questions_fields)
        if consent:
            self.fields["consent"] = forms.BooleanField(
                label=_("I agree to this use of my personal data."),
                required=True,
                error_messages={"required": _("Tick this box to register.")},
                widget=forms.CheckboxInput(attrs={"aria-describedby": "consent-text"}),
            )
        self.fields["website"] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields["altcha"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.fields["question_token"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.fields["question_answer"] = forms.CharField(
            label=_("A question to check that you are a person"),
            required=False,
            max_length=10,
            help_text=_("Answer in digits, for example 12."),
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
        self.challenge = None
        self.question = None
        if not self.is_bound:
            self.prepare_checks()

    def prepare_checks(self) -> None:
        """A new challenge and question to show; a solution still valid is kept.

        Call it before showing a form that was sent back with errors.
        """
        kept = ""
        if self.is_bound and self.protection is not None and self.protection.kind == "pow":
            kept = self.data.get("altcha", "")
        self.challenge = protection.challenge_json()
        self.fields["altcha"].widget.attrs["data-challenge"] = self.challenge
        self.question = protection.new_question()
        self.fields["question_answer"].label = self.question.text
        # A bound field keeps the label it was made with: make it again.
        self._bound_fields_cache.pop("question_answer", None)
        # Bound forms show their data, not their initial values: the new
        # question replaces the old one in what is shown.
        if self.is_bound:
            self.data = self.data.copy()
            self.data["question_token"] = self.question.signed
            self.data["question_answer"] = ""
            self.data["altcha"] = kept
        else:
            self.initial["question_token"] = self.question.signed

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            # Quietly: the same message as a failed check, nothing to learn from.
            raise forms.ValidationError(NOT_A_PERSON, code="not_a_person")
        checked = protection.check_solution(cleaned.get("altcha", ""))
        answer = cleaned.get("question_answer", "")
        if checked is None and answer:
            checked = protection.check_answer(cleaned.get("question_token", ""), answer)
            if checked is None:
                self.add_error(
                    "question_answer",
                    _("This is not the answer. Please answer the new question."),
                )
        elif checked is None and not cleaned.get("altcha"):
            self.add_error(
                "question_answer", _("Answer this question so that we know you are a person.")
            )
        elif checked is None:
            raise forms.ValidationError(NOT_A_PERSON, code="not_a_person")
        self.protection = checked
        return cleaned

    def spend_check(self) -> bool:
        """Use up the solution; False if it was used meanwhile (a replay)."""
        spent = self.protection is not None and self.protection.spend()
        # Spent or refused, the solution cannot serve again.
        self.protection = None
        if not spent:
            self.add_error(None, NOT_A_PERSON)
        return spent


class EditRegistrationForm(
    ErrorSummaryMixin, ParticipantFieldsMixin, QuestionsFormMixin, forms.Form
):
    """The details and answers of an existing registration."""

    def __init__(self, data=None, *, registration, questions=(), category_required=False):
        initial = {
            "name": registration.name,
            "organisation": registration.organisation,
            "organisation_type": registration.organisation_type,
            "country": registration.country.code or "",
        }
        super().__init__(data, initial=initial, questions=questions, answers=registration.answers)
        questions_fields = {name: self.fields.pop(name) for name in list(self.fields)}
        self.add_participant_fields(category_required=category_required)
        self.fields.update(questions_fields)
