"""Writes of the registration questions editor: add, change, delete, reorder.

They are the writes of `cosummit.core.question_editing` applied to the
questions of one event's registration; moves that would ask a question before
the one it depends on raise its `QuestionOrderError`.
"""

from cosummit.core import question_editing as editing

from .models import RegistrationQuestion, RegistrationSetup


def _siblings(setup_id: int):
    return RegistrationQuestion.objects.filter(setup_id=setup_id)


def create_question(setup: RegistrationSetup, *, by, **fields) -> RegistrationQuestion:
    """Add a question after the event's others; side effects of `editing.create_question`."""
    return editing.create_question(_siblings(setup.pk), setup=setup, **fields)


def update_question(question: RegistrationQuestion, *, by, **fields) -> RegistrationQuestion:
    """Change a question and return it; side effects of `editing.update_question`."""
    editing.update_question(question, **fields)
    return question


def delete_question(question: RegistrationQuestion, *, by) -> None:
    """Delete a question, renumber the event's others; see `editing.delete_question`."""
    editing.delete_question(question, siblings=_siblings(question.setup_id))


def move_question(question: RegistrationQuestion, *, up: bool, by) -> bool:
    """Swap a question with a neighbour among the event's; see `editing.move_question`."""
    return editing.move_question(question, siblings=_siblings(question.setup_id), up=up)
