"""The editor of organiser-defined questions, shared by registration and the call.

Each app keeps a thin layer on top: a subclass of `QuestionEditForm` that
names its model and says which questions share the form
(`sibling_questions()`), wrappers of the writes below that pass the sibling
questions as a queryset (the questions of one event's registration, or of one
call), and views that use the helpers of its pages: the list
(`question_rows()` for `core/questions/_list.html`), the confirmation of a
deletion and the move buttons.

Questions keep their order in `position`, numbered 0, 1, 2… after each
change, so that moving a question up or down swaps it with its neighbour.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .domain import apply_changes
from .i18n import TranslatedFormField, TranslatedWidget, language_codes
from .questions import CHOICE_KINDS, Question, QuestionKind, options_as_lines, options_from_lines

# The fields an organiser writes through the editor.
QUESTION_FIELDS = (
    "kind",
    "label",
    "help_text",
    "options",
    "is_required",
    "depends_on",
    "depends_on_value",
)
# The kinds another question may depend on.
CONDITION_KINDS = (*CHOICE_KINDS, QuestionKind.CHECKBOX)


class QuestionOrderError(Exception):
    """A move that would ask a question before the one it depends on."""


# The form


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


def answer_choices(question: Question) -> list[tuple[str, str]]:
    """The answers another question may wait for: options, or yes and no."""
    if question.kind == QuestionKind.CHECKBOX:
        return [("yes", _("Yes")), ("no", _("No"))]
    return [(value, str(text)) for value, text in question.option_labels().items()]


class QuestionEditForm(forms.ModelForm):
    """A question: its kind, text, options and the earlier answer it depends on.

    A subclass names its model in `Meta` (deriving from `QuestionEditForm.Meta`)
    and returns the questions of the same form from `sibling_questions()`;
    only earlier choice and checkbox questions among them can be a condition.
    Views pass `question_values` to the app's `update_question` or
    `create_question`.
    """

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
        fields = ["kind", "label", "help_text", "is_required"]
        labels = {"is_required": gettext_lazy("An answer is required")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label"].label = _("Question")
        self.earlier = self._earlier_questions()
        self.fields["condition"].choices = [("", _("Always")), *self._condition_choices()]
        if self.instance.pk is not None:
            self.initial["options"] = self.instance.options
            if self.instance.depends_on_id is not None:
                self.initial["condition"] = (
                    f"{self.instance.depends_on_id}:{self.instance.depends_on_value}"
                )

    def sibling_questions(self) -> QuerySet:
        """The questions of the same form, this one included once saved."""
        raise NotImplementedError

    def _earlier_questions(self) -> list:
        questions = self.sibling_questions().filter(kind__in=CONDITION_KINDS)
        if self.instance.pk is not None:
            questions = questions.filter(position__lt=self.instance.position)
        return list(questions.order_by("position", "pk"))

    def _condition_choices(self) -> list:
        groups = []
        for question in self.earlier:
            label = _("Only if the answer to “%(question)s” is") % {"question": question.label}
            values = answer_choices(question)
            groups.append((label, [(f"{question.pk}:{value}", text) for value, text in values]))
        return groups

    def clean_options(self):
        options = options_from_lines(dict(self.cleaned_data["options"] or {}))
        previous = self.instance.options if self.instance.pk is not None else []
        return keep_option_values(options, previous)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in CHOICE_KINDS and not cleaned.get("options"):
            self.add_error("options", _("Give at least one option, one per line."))
        if kind not in CHOICE_KINDS:
            cleaned["options"] = []
        self._clean_condition(cleaned)
        self._check_dependants(cleaned)
        return cleaned

    def _clean_condition(self, cleaned) -> None:
        cleaned["depends_on"], cleaned["depends_on_value"] = None, ""
        parent_id, _colon, value = (cleaned.get("condition") or "").partition(":")
        if not parent_id:
            return
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
        """The cleaned values of `QUESTION_FIELDS`, for the writes below."""
        return {name: self.cleaned_data[name] for name in QUESTION_FIELDS}


# The pages


def condition_text(question: Question) -> str:
    """When a dependent question is asked, in the organiser's words; "" when always."""
    parent = question.depends_on
    if parent is None:
        return ""
    answer = dict(answer_choices(parent)).get(question.depends_on_value)
    return _("If “%(question)s” is “%(answer)s”") % {
        "question": parent.label,
        "answer": answer or question.depends_on_value,
    }


@dataclass(frozen=True)
class QuestionRow:
    """A line of the list of questions (`core/questions/_list.html`)."""

    question: Question
    condition: str
    edit_url: str
    move_url: str
    delete_url: str


def question_rows(questions, *, namespace: str, **url_kwargs) -> list[QuestionRow]:
    """The list's lines, with the links of the URL names `question_edit`,
    `question_move` and `question_delete` of `namespace`.

    `url_kwargs` are the arguments of those URLs other than the question.
    Load the questions with `.select_related("depends_on")`.
    """

    def url(name: str, question: Question) -> str:
        return reverse(f"{namespace}:{name}", kwargs={**url_kwargs, "question": question.pk})

    return [
        QuestionRow(
            question=question,
            condition=condition_text(question),
            edit_url=url("question_edit", question),
            move_url=url("question_move", question),
            delete_url=url("question_delete", question),
        )
        for question in questions
    ]


def dependants_consequences(question: Question) -> list[str]:
    """What deleting a question does to the questions that depend on it, if any."""
    count = question.dependants.count()
    if not count:
        return []
    return [
        ngettext(
            "%(count)d question is asked only for some answers to this one: it will "
            "then always be asked.",
            "%(count)d questions are asked only for some answers to this one: they "
            "will then always be asked.",
            count,
        )
        % {"count": count}
    ]


def move_as_posted(request, question: Question, move) -> None:
    """Move `question` the way the POSTed `direction` asks, with the app's
    `move(question, *, up, by)`.

    An unknown direction, or a move before the question it depends on,
    changes nothing and tells the organiser why in a message.
    """
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, _("Nothing was changed: the request was not understood."))
        return
    try:
        move(question, up=direction == "up", by=request.user)
    except QuestionOrderError:
        messages.error(
            request,
            _(
                "A question cannot come before the question it depends on. Change its "
                "condition first."
            ),
        )


# The writes


def _locked_in_order(siblings: QuerySet) -> list:
    return list(siblings.select_for_update().order_by("position", "pk"))


def _renumber(siblings: QuerySet, questions: list) -> None:
    changed = []
    for position, question in enumerate(questions):
        if question.position != position:
            question.position = position
            changed.append(question)
    siblings.model.objects.bulk_update(changed, ["position"])


def create_question(siblings: QuerySet, **fields):
    """Add a question after its siblings; `fields` name what it belongs to too.

    Side effects: the siblings locked, then one question row written.
    """
    with transaction.atomic():
        last = len(_locked_in_order(siblings))
        return siblings.model.objects.create(position=last, **fields)


def update_question(question: Question, **changes) -> list[str]:
    """Change a question's text, kind, options or condition; return the changed fields.

    Answers already given are kept as they are: they are read with the
    question's current labels. Raises TypeError for a field outside
    `QUESTION_FIELDS`. Side effects: the question row, changed fields only.
    """
    return apply_changes(question, changes, QUESTION_FIELDS)


def delete_question(question: Question, *, siblings: QuerySet) -> None:
    """Delete a question; questions that depended on it are then always asked.

    Side effects, in one transaction: the dependants' conditions cleared, the
    question row deleted, the remaining `siblings` renumbered.
    """
    with transaction.atomic():
        question.dependants.update(depends_on=None, depends_on_value="")
        question.delete()
        _renumber(siblings, _locked_in_order(siblings))


def move_question(question: Question, *, siblings: QuerySet, up: bool) -> bool:
    """Swap a question with the sibling before (`up`) or after it.

    Returns False when it is already first or last. Raises QuestionOrderError
    when the move would put a question before the one it depends on.
    Side effects, in one transaction: the siblings locked, their positions
    rewritten.
    """
    with transaction.atomic():
        questions = _locked_in_order(siblings)
        index = next(i for i, other in enumerate(questions) if other.pk == question.pk)
        neighbour = index - 1 if up else index + 1
        if not 0 <= neighbour < len(questions):
            return False
        first, second = sorted((index, neighbour))
        earlier, later = questions[first], questions[second]
        if later.depends_on_id == earlier.pk:
            raise QuestionOrderError
        questions[first], questions[second] = later, earlier
        _renumber(siblings, questions)
        return True
