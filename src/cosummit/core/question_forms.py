"""Form fields for organiser-defined questions, and the checks on their answers.

`QuestionsFormMixin` adds one field per question to a form. Every field is
optional at the field level: whether an answer is required depends on the
answers to earlier questions, which `clean()` checks once all are known. A
dependent question carries a note saying when it applies, so that the form
reads well without JavaScript; `questions.js` hides it when it does not.
"""

from django import forms
from django.utils.translation import gettext as _
from django_countries import countries

from cosummit.accounts.models import OrganisationType

from .questions import QuestionKind, is_empty, visible_questions
from .widgets import QuickSelect


def question_field(question) -> forms.Field:
    label = str(question.label)
    help_text = str(question.help_text)
    if question.depends_on_id is not None:
        parent = question.depends_on
        expected = parent.option_labels().get(question.depends_on_value)
        if parent.kind == QuestionKind.CHECKBOX:
            expected = _("Yes") if question.depends_on_value == "yes" else _("No")
        condition = _("Only if you answered “%(answer)s” to “%(question)s”.") % {
            "answer": expected or question.depends_on_value,
            "question": parent.label,
        }
        help_text = f"{help_text} {condition}".strip()
    common = {"label": label, "help_text": help_text, "required": False}
    choices = [(value, str(text)) for value, text in question.option_labels().items()]
    match question.kind:
        case QuestionKind.SHORT_TEXT:
            return forms.CharField(max_length=300, **common)
        case QuestionKind.LONG_TEXT:
            return forms.CharField(max_length=5000, widget=forms.Textarea, **common)
        case QuestionKind.SINGLE_CHOICE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
        case QuestionKind.MULTIPLE_CHOICE:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        case QuestionKind.CHECKBOX:
            return forms.BooleanField(**common)
        case QuestionKind.COUNTRY:
            return forms.ChoiceField(choices=[("", "—"), *countries], widget=QuickSelect, **common)
        case QuestionKind.ORGANISATION_TYPE:
            return forms.ChoiceField(choices=[("", "—"), *OrganisationType.choices], **common)
    raise ValueError(f"Unknown question kind {question.kind!r}")


def answer_value(question, cleaned):
    """The JSON value stored for a cleaned form value."""
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return list(cleaned or [])
    if question.kind == QuestionKind.CHECKBOX:
        return bool(cleaned)
    return cleaned or ""


class QuestionsFormMixin:
    """Adds `questions` to a form; `cleaned_answers` holds the answers to keep."""

    def __init__(self, *args, questions=(), answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.cleaned_answers = {}
        answers = answers or {}
        for question in self.questions:
            field = question_field(question)
            field.widget.attrs.update(self.dependency_attrs(question))
            self.fields[question.field_name] = field
            if str(question.pk) in answers:
                self.initial.setdefault(question.field_name, answers[str(question.pk)])

    @staticmethod
    def dependency_attrs(question) -> dict:
        if question.depends_on_id is None:
            return {}
        return {
            "data-depends-on": f"question_{question.depends_on_id}",
            "data-depends-value": question.depends_on_value,
        }

    def clean(self):
        cleaned = super().clean()
        answers = {
            str(question.pk): answer_value(question, cleaned.get(question.field_name))
            for question in self.questions
        }
        asked = visible_questions(self.questions, answers)
        for question in asked:
            if question.is_required and is_empty(answers[str(question.pk)]):
                self.add_error(question.field_name, _("Answer this question."))
        self.cleaned_answers = {
            str(question.pk): answers[str(question.pk)]
            for question in asked
            if not is_empty(answers[str(question.pk)])
        }
        return cleaned
