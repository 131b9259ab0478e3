"""Forms a participant fills in: registering for an event, changing the answers."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cosummit.core.question_forms import QuestionsFormMixin
from cosummit.core.widgets import QuickSelect, html_attributes

from . import protection
from .models import Registration

_field = Registration._meta.get_field

NOT_A_PERSON = _("We could not check that this form was sent by a person. Please try again.")


# Django's templates for a field group, a label and an `<input>`: `QuickBoundField`
# writes the same markup in Python for these, and leaves any other to Django.
FIELD_TEMPLATE = "django/forms/field.html"
LABEL_TEMPLATE = "django/forms/label.html"
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{kind}.html"
    for kind in ("input", "text", "email", "hidden", "number", "url", "password", "checkbox")
)


class QuickBoundField(BoundField):
    """A bound field whose group, label and `<input>` are written in Python.

    The registration page is the busiest page of a summit: rendering each of
    its fields through three or four of Django's templates costs most of its
    time. The markup is that of Django's templates (`field.html`,
    `label.html`, `input.html` and `attrs.html`), newlines aside.
    """

    def as_field_group(self):
        if self.template_name != FIELD_TEMPLATE:
            return super().as_field_group()
        parts = []
        if self.use_fieldset:
            describedby = self.aria_describedby
            describedby = (
                f' aria-describedby="{conditional_escape(describedby)}"' if describedby else ""
            )
            parts.append(f"<fieldset{describedby}>")
            if self.label:
                parts.append(self.legend_tag())
        elif self.label:
            parts.append(self.label_tag())
        if self.help_text:
            help_id = f' id="{self.auto_id}_helptext"' if self.auto_id else ""
            parts.append(f'<div class="helptext"{help_id}>{self.help_text}</div>')
        if self.errors:
            parts.append(str(self.errors))
        parts.append(str(self))
        if self.use_fieldset:
            parts.append("</fieldset>")
        return mark_safe("\n".join(parts))

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if self.form.template_name_label != LABEL_TEMPLATE:
            return super().label_tag(contents, attrs, label_suffix, tag)
        # As `BoundField.label_tag`, with the template written out.
        contents = contents or self.label
        if label_suffix is None:
            label_suffix = (
                self.field.label_suffix
                if self.field.label_suffix is not None
                else self.form.label_suffix
            )
        if label_suffix and contents and contents[-1] not in gettext(":?.!"):
            contents = format_html("{}{}", contents, label_suffix)
        widget = self.field.widget
        id_ = widget.attrs.get("id") or self.auto_id
        if not id_:
            return mark_safe(conditional_escape(contents))
        attrs = {**(attrs or {})}
        id_for_label = widget.id_for_label(id_)
        if id_for_label and tag != "legend":
            attrs["for"] = id_for_label
        if self.field.required and hasattr(self.form, "required_css_class"):
            if "class" in attrs:
                attrs["class"] += " " + self.form.required_css_class
            else:
                attrs["class"] = self.form.required_css_class
        tag = tag or "label"
        return mark_safe(f"<{tag}{html_attributes(attrs)}>{conditional_escape(contents)}</{tag}>")

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        widget = widget or self.field.widget
        if (
            only_initial
            or self.field.localize
            or widget.template_name not in INPUT_TEMPLATES
            or type(widget).render is not forms.Widget.render
        ):
            return super().as_widget(widget, attrs, only_initial)
        # As `BoundField.as_widget` and `Widget.render`, with `input.html` written out.
        attrs = self.build_widget_attrs(attrs or {}, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        context = widget.get_context(self.html_name, self.value(), attrs)["widget"]
        value = context["value"]
        value = "" if value is None else f' value="{conditional_escape(value)}"'
        name = conditional_escape(context["name"])
        return mark_safe(
            f'<input type="{conditional_escape(context["type"])}" name="{name}"{value}'
            f"{html_attributes(context['attrs'])}>"
        )


class CountrySelect(QuickSelect):
    """The registrations' country list, rendered once per language and value.

    Its 250 options are the same for every visitor reading the page in one
    language: the `<select>` is kept per process, keyed by everything its
    markup depends on (language, name, value, attributes).
    """

    cache: dict = {}
    CACHE_SIZE = 1000

    def render(self, name, value, attrs=None, renderer=None):
        key = (get_language(), name, str(value), tuple((attrs or {}).items()))
        key += tuple(self.attrs.items())
        try:
            return self.cache[key]
        except KeyError:
            pass
        except TypeError:  # An attribute that cannot be a key: no cache.
            return super().render(name, value, attrs, renderer)
        rendered = super().render(name, value, attrs, renderer)
        if len(self.cache) >= self.CACHE_SIZE:
            self.cache.clear()
        self.cache[key] = rendered
        return rendered


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
        self.fields["country"] = _field("country").formfield(widget=CountrySelect)

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

    bound_field_class = QuickBoundField

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

    bound_field_class = QuickBoundField

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
