"""Questions that organisers add to a form: registration, call for proposals.

`Question` is an abstract model; each app makes a concrete one tied to what it
asks about (an event's registration, a call's format or track). A question may
depend on an earlier one: it is asked only when that question's answer has a
given value. Answers are stored as a JSON object keyed by question id, holding
only the answers to the questions that were asked.

Answer values by kind: text kinds and single choice hold a string, multiple
choice a list of strings, a checkbox a boolean, a country its ISO code and an
organisation type its code from `accounts.OrganisationType`.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .i18n import TranslatedField, TranslatedText


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    CHECKBOX = "checkbox", _("Checkbox")
    COUNTRY = "country", _("Country")
    ORGANISATION_TYPE = "organisation_type", _("Organisation type")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})


class Question(models.Model):
    kind = models.CharField(pgettext_lazy("question", "kind"), max_length=20, choices=QuestionKind)
    label = TranslatedField(_("question"), max_length=300)
    help_text = TranslatedField(_("help text"), max_length=500, blank=True)
    options = models.JSONField(
        _("options"),
        default=list,
        blank=True,
        help_text=_("For choices: a list of {value, label: {language: text}}."),
    )
    is_required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    depends_on = models.ForeignKey(
        "self",
        verbose_name=_("asked only if the answer to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
    )
    depends_on_value = models.CharField(_("is"), max_length=100, blank=True)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def field_name(self) -> str:
        return f"question_{self.pk}"

    def option_labels(self) -> dict[str, TranslatedText]:
        return {option["value"]: TranslatedText(option.get("label", {})) for option in self.options}


def options_from_lines(lines_by_language: dict[str, str]) -> list[dict]:
    """Build choice options from one option per line in each language.

    Lines are matched by position; an option's value is the slug of its first
    label, so that answers keep their meaning when labels are reworded.
    """
    split = {
        code: [line.strip() for line in text.splitlines() if line.strip()]
        for code, text in lines_by_language.items()
    }
    count = max((len(lines) for lines in split.values()), default=0)
    options, seen = [], set()
    for index in range(count):
        label = {code: lines[index] for code, lines in split.items() if index < len(lines)}
        base = slugify(next(iter(label.values()), "")) or f"option-{index + 1}"
        value, suffix = base, 2
        while value in seen:
            value, suffix = f"{base}-{suffix}", suffix + 1
        seen.add(value)
        options.append({"value": value, "label": label})
    return options


def options_as_lines(options: list[dict], language: str) -> str:
    return "\n".join(option.get("label", {}).get(language, "") for option in options)


def answer_matches(answer, expected: str) -> bool:
    """Whether an answer has the value a dependent question waits for."""
    if isinstance(answer, list):
        return expected in answer
    if isinstance(answer, bool):
        return expected == ("yes" if answer else "no")
    return answer == expected


def visible_questions(questions, answers: dict) -> list:
    """The questions to ask given the answers so far, in order.

    A question is asked when it depends on nothing, or when the question it
    depends on is asked and its answer matches.
    """
    asked = {}
    for question in questions:
        parent = question.depends_on_id
        asked_after_parent = parent in asked and answer_matches(
            answers.get(str(parent)), question.depends_on_value
        )
        if parent is None or asked_after_parent:
            asked[question.pk] = question
    return list(asked.values())


def is_empty(answer) -> bool:
    return answer in (None, "", [], False)


def display_answer(question, answer, language: str | None = None) -> str:
    """An answer as a reader sees it, in `language` or the active one."""
    from django_countries import countries

    from cosummit.accounts.models import OrganisationType

    if answer is None:
        return ""
    match question.kind:
        case QuestionKind.CHECKBOX:
            return str(_("Yes") if answer else _("No"))
        case QuestionKind.SINGLE_CHOICE | QuestionKind.MULTIPLE_CHOICE:
            labels = question.option_labels()
            values = answer if isinstance(answer, list) else [answer]
            return ", ".join(
                labels[value].localize(language).text if value in labels else value
                for value in values
            )
        case QuestionKind.COUNTRY:
            return str(dict(countries).get(answer, answer))
        case QuestionKind.ORGANISATION_TYPE:
            return str(dict(OrganisationType.choices).get(answer, answer))
    return str(answer)
