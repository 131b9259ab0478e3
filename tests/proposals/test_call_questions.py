"""Organisers add questions to the call, for some formats or tracks, with conditions."""

import pytest

from cosummit.core.questions import QuestionKind
from cosummit.proposals.models import ProposalQuestion
from tests.proposals.factories import SessionFormatFactory, TrackFactory
from tests.summits.factories_extra import NON_ORGANISERS, make_person, translated

pytestmark = pytest.mark.django_db


def questions_url(summit, tail=""):
    return f"/en/organise/{summit.slug}/call/questions/{tail}"


def question_data(**overrides):
    data = {
        "kind": "single_choice",
        **translated("label", fr="Public visé ?", en="Intended audience?"),
        **translated("help_text"),
        **translated("options", fr="Élus\nAssociations", en="Elected officials\nAssociations"),
        "is_required": "on",
        "condition": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def organiser_client(client, call):
    client.force_login(make_person("organiser", call.summit))
    return client


def test_an_organiser_adds_a_choice_question_for_one_format_and_one_track(organiser_client, call):
    workshop = SessionFormatFactory(call=call)
    track = TrackFactory(summit=call.summit)

    response = organiser_client.post(
        questions_url(call.summit, "new/"),
        question_data(formats=[workshop.pk], tracks=[track.pk]),
    )

    question = ProposalQuestion.objects.get()
    assert response["Location"] == questions_url(call.summit)
    assert (question.kind, question.label["en"], question.is_required, question.position) == (
        QuestionKind.SINGLE_CHOICE,
        "Intended audience?",
        True,
        0,
    )
    assert question.options == [
        {"value": "elus", "label": {"fr": "Élus", "en": "Elected officials"}},
        {"value": "associations", "label": {"fr": "Associations", "en": "Associations"}},
    ]
    assert (list(question.formats.all()), list(question.tracks.all())) == ([workshop], [track])


def test_a_question_may_depend_on_an_earlier_answer(organiser_client, call):
    parent = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.CHECKBOX, label={"en": "Need a room?"}, position=0
    )

    organiser_client.post(
        questions_url(call.summit, "new/"),
        question_data(kind="short_text", condition=f"{parent.pk}:yes", **translated("options")),
    )

    child = ProposalQuestion.objects.exclude(pk=parent.pk).get()
    assert (child.depends_on, child.depends_on_value, child.position, child.options) == (
        parent,
        "yes",
        1,
        [],
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({**translated("options")}, "Give at least one option, one per line."),
        ({**translated("label")}, "Fill this in, in at least one language."),
        ({"kind": "drawing"}, "Select a valid choice."),
        ({"condition": "999:yes"}, "Select a valid choice."),
    ],
)
def test_bad_questions_are_refused(organiser_client, call, overrides, message):
    response = organiser_client.post(questions_url(call.summit, "new/"), question_data(**overrides))

    assert message in response.text
    assert ProposalQuestion.objects.count() == 0


def test_questions_move_up_but_never_before_the_one_they_depend_on(organiser_client, call):
    first = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.CHECKBOX, label={"en": "First"}, position=0
    )
    second = ProposalQuestion.objects.create(
        call=call,
        kind=QuestionKind.SHORT_TEXT,
        label={"en": "Second"},
        position=1,
        depends_on=first,
        depends_on_value="yes",
    )
    third = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Third"}, position=2
    )

    refused = organiser_client.post(
        questions_url(call.summit, f"{second.pk}/move/"), {"direction": "up"}, follow=True
    )
    organiser_client.post(questions_url(call.summit, f"{third.pk}/move/"), {"direction": "up"})

    order = list(ProposalQuestion.objects.order_by("position").values_list("pk", flat=True))
    assert order == [first.pk, third.pk, second.pk]
    assert "A question cannot come before the question it depends on." in refused.text


def test_deleting_a_question_frees_the_questions_that_depended_on_it(organiser_client, call):
    parent = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.CHECKBOX, label={"en": "Parent"}, position=0
    )
    child = ProposalQuestion.objects.create(
        call=call,
        kind=QuestionKind.SHORT_TEXT,
        label={"en": "Child"},
        position=1,
        depends_on=parent,
        depends_on_value="yes",
    )

    organiser_client.post(questions_url(call.summit, f"{parent.pk}/delete/"))

    child.refresh_from_db()
    assert (child.depends_on, child.depends_on_value, child.position) == (None, "", 0)


def test_the_list_shows_what_each_question_is_asked_for(organiser_client, call):
    workshop = SessionFormatFactory(call=call, name={"en": "Hands-on workshop"})
    question = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Equipment?"}
    )
    question.formats.set([workshop])

    page = organiser_client.get(questions_url(call.summit)).text

    assert "Equipment?" in page
    assert "Hands-on workshop" in page
    assert "Every track" in page


@pytest.mark.parametrize("kind", NON_ORGANISERS)
def test_only_organisers_manage_questions(client, call, kind):
    question = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Kept"}
    )
    user = make_person(kind, call.summit)
    if user.is_authenticated:
        client.force_login(user)

    responses = [
        client.get(questions_url(call.summit)),
        client.post(questions_url(call.summit, "new/"), question_data()),
        client.post(questions_url(call.summit, f"{question.pk}/"), question_data()),
        client.post(questions_url(call.summit, f"{question.pk}/move/"), {"direction": "up"}),
        client.post(questions_url(call.summit, f"{question.pk}/delete/")),
    ]

    expected = 302 if kind in ("anonymous", "inactive organiser") else 404
    assert {response.status_code for response in responses} == {expected}
    assert list(ProposalQuestion.objects.values_list("label", flat=True)) == [{"en": "Kept"}]


def test_the_list_says_in_words_when_a_question_is_asked(organiser_client, call):
    room = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.CHECKBOX, label={"en": "Need a room?"}, position=0
    )
    audience = ProposalQuestion.objects.create(
        call=call,
        kind=QuestionKind.SINGLE_CHOICE,
        label={"en": "Audience?"},
        options=[{"value": "elus", "label": {"en": "Elected officials"}}],
        position=1,
    )
    ProposalQuestion.objects.create(
        call=call,
        kind=QuestionKind.SHORT_TEXT,
        label={"en": "Which room?"},
        depends_on=room,
        depends_on_value="yes",
        position=2,
    )
    ProposalQuestion.objects.create(
        call=call,
        kind=QuestionKind.SHORT_TEXT,
        label={"en": "Which officials?"},
        depends_on=audience,
        depends_on_value="elus",
        position=3,
    )

    page = organiser_client.get(questions_url(call.summit)).text

    assert "If “Need a room?” is “Yes”" in page
    assert "If “Audience?” is “Elected officials”" in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_list_costs_the_same_queries_for_one_or_three_questions(
    organiser_client, call, count, django_assert_num_queries
):
    workshop = SessionFormatFactory(call=call)
    track = TrackFactory(summit=call.summit)
    parent = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.CHECKBOX, label={"en": "Parent"}, position=0
    )
    for position in range(1, count):
        question = ProposalQuestion.objects.create(
            call=call,
            kind=QuestionKind.SHORT_TEXT,
            label={"en": f"Question {position}"},
            depends_on=parent,
            depends_on_value="yes",
            position=position,
        )
        question.formats.set([workshop])
        question.tracks.set([track])

    with django_assert_num_queries(8):
        response = organiser_client.get(questions_url(call.summit))

    assert len(response.context["rows"]) == count


def test_an_unknown_move_changes_nothing(organiser_client, call):
    first = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "First"}, position=0
    )
    ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Second"}, position=1
    )

    response = organiser_client.post(
        questions_url(call.summit, f"{first.pk}/move/"), {"direction": "sideways"}, follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Nothing was changed: the request was not understood."
    ]
    assert list(ProposalQuestion.objects.values_list("label", "position")) == [
        ({"en": "First"}, 0),
        ({"en": "Second"}, 1),
    ]


def test_deleting_asks_first_and_counts_the_questions_that_depend_on_it(organiser_client, call):
    parent = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.CHECKBOX, label={"en": "Parent"}, position=0
    )
    alone = ProposalQuestion.objects.create(
        call=call, kind=QuestionKind.SHORT_TEXT, label={"en": "Alone"}, position=1
    )
    for position in (2, 3):
        ProposalQuestion.objects.create(
            call=call,
            kind=QuestionKind.SHORT_TEXT,
            label={"en": f"Child {position}"},
            depends_on=parent,
            depends_on_value="yes",
            position=position,
        )

    parent_page = organiser_client.get(questions_url(call.summit, f"{parent.pk}/delete/"))
    alone_page = organiser_client.get(questions_url(call.summit, f"{alone.pk}/delete/"))

    assert parent_page.context["consequences"] == [
        "Answers already given to it are kept with the proposals, but no longer shown.",
        "2 questions are asked only for some answers to this one: they will then always be asked.",
    ]
    assert alone_page.context["consequences"] == [
        "Answers already given to it are kept with the proposals, but no longer shown."
    ]
    assert ProposalQuestion.objects.count() == 4
