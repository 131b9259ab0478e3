"""Writes of the registration questions editor: add, change, delete, reorder.

Questions keep their order in `position`, numbered 0, 1, 2… after each change,
so that moving a question up or down swaps it with its neighbour.
"""

from django.db import transaction

from .models import RegistrationQuestion, RegistrationSetup

QUESTION_FIELDS = (
    "kind",
    "label",
    "help_text",
    "options",
    "is_required",
    "depends_on",
    "depends_on_value",
)


class QuestionOrderError(Exception):
    """A move that would ask a question before the one it depends on."""


def _ordered(setup: RegistrationSetup) -> list[RegistrationQuestion]:
    return list(
        RegistrationQuestion.objects.select_for_update()
        .filter(setup=setup)
        .order_by("position", "pk")
    )


def _renumber(questions: list[RegistrationQuestion]) -> None:
    changed = []
    for position, question in enumerate(questions):
        if question.position != position:
            question.position = position
            changed.append(question)
    RegistrationQuestion.objects.bulk_update(changed, ["position"])


def create_question(setup: RegistrationSetup, *, by, **fields) -> RegistrationQuestion:
    """Add a question after the event's other questions.

    Side effects: one question row written.
    """
    with transaction.atomic():
        last = len(_ordered(setup))
        return RegistrationQuestion.objects.create(setup=setup, position=last, **fields)


def update_question(question: RegistrationQuestion, *, by, **fields) -> RegistrationQuestion:
    """Change a question's text, kind, options or condition.

    Side effects: the question row saved. Answers already given are kept as
    they are: they are read with the question's current labels.
    """
    for name, value in fields.items():
        setattr(question, name, value)
    question.save(update_fields=list(fields))
    return question


def delete_question(question: RegistrationQuestion, *, by) -> None:
    """Delete a question; questions that depended on it are then always asked.

    Side effects: the question row deleted (its dependants lose their
    condition through SET_NULL), the remaining questions renumbered.
    """
    with transaction.atomic():
        setup = question.setup
        question.dependants.update(depends_on=None, depends_on_value="")
        question.delete()
        _renumber(_ordered(setup))


def move_question(question: RegistrationQuestion, *, up: bool, by) -> bool:
    """Swap a question with the one before (`up`) or after it.

    Returns False when it is already first or last. Raises QuestionOrderError
    when the move would put a question before the one it depends on.
    Side effects: the positions of the event's questions rewritten.
    """
    with transaction.atomic():
        questions = _ordered(question.setup)
        index = next(i for i, other in enumerate(questions) if other.pk == question.pk)
        neighbour = index - 1 if up else index + 1
        if not 0 <= neighbour < len(questions):
            return False
        first, second = sorted((index, neighbour))
        earlier, later = questions[first], questions[second]
        if later.depends_on_id == earlier.pk:
            raise QuestionOrderError
        questions[first], questions[second] = later, earlier
        _renumber(questions)
        return True
