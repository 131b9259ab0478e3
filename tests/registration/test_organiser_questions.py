"""The registration questions editor: add, edit, delete, reorder, conditions."""

import pytest

from cosummit.core.questions import QuestionKind
from cosummit.registration.models import RegistrationQuestion, RegistrationSetup
from tests.factories import EventFactory, SummitFactory
from tests.registration.factories import RegistrationQuestionFactory, RegistrationSetupFactory
from tests.summits.factories_extra import translated

from .organiser_helpers import organiser_of, registration_rows, shown_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    event = EventFactory(summit=SummitFactory(slug="ogp"), slug="launch")
    return RegistrationSetupFactory(event=event)


@pytest.fixture
def logged_in(client, setup):
    client.force_login(organiser_of(setup.event.summit))
    return client


BASE = "/en/organise/ogp/registrations/launch/questions/"


def question_data(**overrides) -> dict[str, str]:
    data = {
        "kind": "single_choice",
        **translated("label", en="How do you come?", fr="Comment venez-vous ?"),
        **translated("help_text"),
        **translated("options", en="By train\nBy plane", fr="En train\nEn avion"),
        "is_required": "on",
        "condition": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def labels(setup) -> list[str]:
    return [
        question.label["en"]
        for question in RegistrationQuestion.objects.filter(setup=setup).order_by("position", "pk")
    ]


def test_adding_a_choice_question_keeps_its_options_in_both_languages(logged_in, setup):
    response = logged_in.post(f"{BASE}new/", question_data(), follow=True)

    question = RegistrationQuestion.objects.get()
    assert shown_messages(response) == ["The question “How do you come?” was added."]
    assert (question.setup, question.kind, question.is_required) == (setup, "single_choice", True)
    assert question.options == [
        {"value": "en-train", "label": {"fr": "En train", "en": "By train"}},
        {"value": "en-avion", "label": {"fr": "En avion", "en": "By plane"}},
    ]


def test_a_question_can_be_added_before_registration_is_set_up(client):
    event = EventFactory(summit=SummitFactory(slug="ogp"), slug="launch")
    client.force_login(organiser_of(event.summit))

    client.post(f"{BASE}new/", question_data(kind="short_text"))

    assert RegistrationQuestion.objects.get().setup == RegistrationSetup.objects.get(event=event)


def test_new_questions_come_last(logged_in, setup):
    RegistrationQuestionFactory(setup=setup, label={"en": "First"}, position=0)

    logged_in.post(f"{BASE}new/", question_data(kind="short_text"))

    assert labels(setup) == ["First", "How do you come?"]


def test_options_are_ignored_for_kinds_without_choices(logged_in, setup):
    logged_in.post(f"{BASE}new/", question_data(kind="long_text"))

    assert RegistrationQuestion.objects.get().options == []


def test_the_list_shows_questions_in_order_with_their_condition(logged_in, setup):
    parent = RegistrationQuestionFactory(
        setup=setup,
        kind=QuestionKind.CHECKBOX,
        label={"en": "Do you need a visa?"},
        position=0,
    )
    RegistrationQuestionFactory(
        setup=setup,
        label={"en": "Passport number"},
        depends_on=parent,
        depends_on_value="yes",
        position=1,
    )

    response = logged_in.get(BASE)

    assert [question.label["en"] for question in response.context["questions"]] == [
        "Do you need a visa?",
        "Passport number",
    ]
    assert "If “Do you need a visa?” is “Yes”" in response.text


@pytest.mark.parametrize(
    ("overrides", "field", "error"),
    [
        ({"label_en": "", "label_fr": ""}, "label", "Fill this in, in at least one language."),
        (
            {"options_en": "", "options_fr": ""},
            "options",
            "Give at least one option, one per line.",
        ),
        (
            {"kind": "essay"},
            "kind",
            "Select a valid choice. essay is not one of the available choices.",
        ),
        (
            {"condition": "999:yes"},
            "condition",
            "Select a valid choice. 999:yes is not one of the available choices.",
        ),
        (
            {"label_en": "x" * 301},
            "label",
            "Ensure this value has at most 300 characters (it has 301).",
        ),
    ],
)
def test_bad_questions_are_refused_and_change_nothing(logged_in, setup, overrides, field, error):
    before = registration_rows()

    response = logged_in.post(f"{BASE}new/", question_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [error]
    assert registration_rows() == before


def test_a_question_can_depend_on_an_earlier_choice(logged_in, setup):
    logged_in.post(f"{BASE}new/", question_data())
    parent = RegistrationQuestion.objects.get()

    response = logged_in.get(f"{BASE}new/")
    choices = response.context["form"].fields["condition"].choices
    logged_in.post(
        f"{BASE}new/",
        question_data(
            kind="short_text", label_en="Train station", condition=f"{parent.pk}:en-train"
        ),
    )

    assert choices == [
        ("", "Always"),
        (
            "Only if the answer to “How do you come?” is",
            [(f"{parent.pk}:en-train", "By train"), (f"{parent.pk}:en-avion", "By plane")],
        ),
    ]
    child = RegistrationQuestion.objects.get(label__en="Train station")
    assert (child.depends_on, child.depends_on_value) == (parent, "en-train")


def test_a_condition_offers_yes_and_no_for_a_checkbox(logged_in, setup):
    parent = RegistrationQuestionFactory(setup=setup, kind=QuestionKind.CHECKBOX)

    response = logged_in.get(f"{BASE}new/")

    assert response.context["form"].fields["condition"].choices[1][1] == [
        (f"{parent.pk}:yes", "Yes"),
        (f"{parent.pk}:no", "No"),
    ]


def test_a_condition_cannot_use_a_later_question_or_a_text_question(logged_in, setup):
    first = RegistrationQuestionFactory(setup=setup, position=0)
    later = RegistrationQuestionFactory(setup=setup, kind=QuestionKind.CHECKBOX, position=1)
    RegistrationQuestionFactory(setup=setup, kind=QuestionKind.SHORT_TEXT, position=2)

    response = logged_in.post(
        f"{BASE}{first.pk}/", question_data(kind="short_text", condition=f"{later.pk}:yes")
    )

    assert response.context["form"].fields["condition"].choices == [("", "Always")]
    assert response.context["form"].errors["condition"] == [
        f"Select a valid choice. {later.pk}:yes is not one of the available choices."
    ]


def test_editing_a_question_shows_its_options_one_per_line(logged_in, setup):
    logged_in.post(f"{BASE}new/", question_data())
    question = RegistrationQuestion.objects.get()

    response = logged_in.get(f"{BASE}{question.pk}/")

    assert (
        '<textarea name="options_en" cols="40" rows="10" lang="en" '
        'id="id_options_en">\nBy train\nBy plane</textarea>' in response.text
    )
    assert (
        '<textarea name="options_fr" cols="40" rows="10" lang="fr" '
        'id="id_options_fr">\nEn train\nEn avion</textarea>' in response.text
    )


def test_rewording_an_option_in_one_language_keeps_its_value(logged_in, setup):
    logged_in.post(f"{BASE}new/", question_data())
    question = RegistrationQuestion.objects.get()

    logged_in.post(
        f"{BASE}{question.pk}/",
        question_data(
            options_fr="Par le train\nEn avion\nÀ pied", options_en="By train\nBy plane\nOn foot"
        ),
    )

    question.refresh_from_db()
    assert [option["value"] for option in question.options] == ["en-train", "en-avion", "a-pied"]
    assert question.options[0]["label"] == {"fr": "Par le train", "en": "By train"}


def test_removing_an_option_a_later_question_waits_for_is_refused(logged_in, setup):
    logged_in.post(f"{BASE}new/", question_data())
    parent = RegistrationQuestion.objects.get()
    logged_in.post(
        f"{BASE}new/",
        question_data(
            kind="short_text", label_en="Train station", condition=f"{parent.pk}:en-train"
        ),
    )
    before = registration_rows()

    response = logged_in.post(
        f"{BASE}{parent.pk}/", question_data(options_en="By plane", options_fr="En avion")
    )

    assert response.context["form"].non_field_errors() == [
        "The question “Train station” is asked only for the answer “en-train” to this one: "
        "keep that answer, or change that question first."
    ]
    assert registration_rows() == before


def test_editing_saves_the_question(logged_in, setup):
    question = RegistrationQuestionFactory(setup=setup, label={"en": "Old"})

    logged_in.post(
        f"{BASE}{question.pk}/",
        question_data(kind="country", label_en="Nationality", is_required=""),
    )

    question.refresh_from_db()
    assert (question.kind, question.label["en"], question.is_required) == (
        "country",
        "Nationality",
        False,
    )


def test_questions_move_up_and_down(logged_in, setup):
    for position, label in enumerate(["A", "B", "C"]):
        RegistrationQuestionFactory(setup=setup, label={"en": label}, position=position)
    b = RegistrationQuestion.objects.get(label__en="B")

    logged_in.post(f"{BASE}{b.pk}/move/", {"direction": "up"})
    after_up = labels(setup)
    logged_in.post(f"{BASE}{b.pk}/move/", {"direction": "down"})
    logged_in.post(f"{BASE}{b.pk}/move/", {"direction": "down"})
    after_down = labels(setup)
    logged_in.post(f"{BASE}{b.pk}/move/", {"direction": "down"})

    assert (after_up, after_down, labels(setup)) == (
        ["B", "A", "C"],
        ["A", "C", "B"],
        ["A", "C", "B"],
    )


def test_a_question_cannot_move_above_the_one_it_depends_on(logged_in, setup):
    parent = RegistrationQuestionFactory(
        setup=setup, kind=QuestionKind.CHECKBOX, label={"en": "Visa?"}, position=0
    )
    child = RegistrationQuestionFactory(
        setup=setup, label={"en": "Passport"}, depends_on=parent, depends_on_value="yes", position=1
    )

    response = logged_in.post(f"{BASE}{child.pk}/move/", {"direction": "up"}, follow=True)

    assert labels(setup) == ["Visa?", "Passport"]
    assert shown_messages(response) == [
        "A question cannot come before the question it depends on. Change its condition first."
    ]


def test_an_unknown_move_changes_nothing(logged_in, setup):
    question = RegistrationQuestionFactory(setup=setup)
    before = registration_rows()

    response = logged_in.post(f"{BASE}{question.pk}/move/", {"direction": "sideways"}, follow=True)

    assert shown_messages(response) == ["Nothing was changed: the request was not understood."]
    assert registration_rows() == before


def test_deleting_a_question_asks_first_then_frees_its_dependants(logged_in, setup):
    parent = RegistrationQuestionFactory(
        setup=setup, kind=QuestionKind.CHECKBOX, label={"en": "Visa?"}, position=0
    )
    child = RegistrationQuestionFactory(
        setup=setup, label={"en": "Passport"}, depends_on=parent, depends_on_value="yes", position=1
    )

    confirm = logged_in.get(f"{BASE}{parent.pk}/delete/")
    response = logged_in.post(f"{BASE}{parent.pk}/delete/", follow=True)

    assert "1 question is asked only for some answers to this one" in confirm.text
    assert shown_messages(response) == ["The question “Visa?” was deleted."]
    child.refresh_from_db()
    assert (child.depends_on, child.depends_on_value, child.position) == (None, "", 0)


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_for_one_or_three_questions(
    logged_in, setup, count, django_assert_num_queries
):
    parent = RegistrationQuestionFactory(setup=setup, kind=QuestionKind.CHECKBOX, position=0)
    for position in range(1, count):
        RegistrationQuestionFactory(
            setup=setup, depends_on=parent, depends_on_value="yes", position=position
        )

    with django_assert_num_queries(5):
        response = logged_in.get(BASE)

    assert len(response.context["rows"]) == count
