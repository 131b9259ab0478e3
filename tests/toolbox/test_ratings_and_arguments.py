import pytest
from django.utils import timezone

from cosummit.toolbox.models import Argument, Card, Rating
from tests.factories import UserFactory
from tests.toolbox.conftest import logged_in

pytestmark = pytest.mark.django_db


def card_url(card, action: str = "") -> str:
    return f"/en/{card.summit.slug}/toolbox/cards/{card.slug}/{action}"


def counters(card) -> tuple[int, float]:
    card = Card.objects.get(pk=card.pk)
    return card.rating_count, card.rating_average


def test_ratings_are_counted_and_averaged_on_the_card(client, tool):
    for score in (5, 4, 4):
        logged_in(UserFactory()).post(card_url(tool, "rate/"), {"score": score})

    assert counters(tool) == (3, 4.33)
    assert "Rated 4.3 out of 5 by 3 people" in client.get(card_url(tool)).text


def test_a_second_rating_replaces_the_first(tool, participant):
    client = logged_in(participant)

    client.post(card_url(tool, "rate/"), {"score": 2})
    response = client.post(card_url(tool, "rate/"), {"score": 5})

    assert response.status_code == 302
    assert list(Rating.objects.values_list("user", "score")) == [(participant.pk, 5)]
    assert counters(tool) == (1, 5.0)


def test_a_rating_can_be_withdrawn(tool, participant):
    client = logged_in(participant)
    client.post(card_url(tool, "rate/"), {"score": 2})

    client.post(card_url(tool, "rate/withdraw/"))

    assert Rating.objects.count() == 0
    assert counters(tool) == (0, 0.0)


@pytest.mark.parametrize("score", ["0", "6", "-1", "4.5", "many", ""])
def test_rating_out_of_range_is_refused(tool, participant, score):
    response = logged_in(participant).post(card_url(tool, "rate/"), {"score": score})

    assert response.status_code == 400
    assert response.context["rating_form"].errors["score"] in (
        ["Give a rating from 1 to 5."],
        ["This field is required."],
    )
    assert Rating.objects.count() == 0


@pytest.mark.parametrize(
    ("person", "status"), [("unverified", 403), ("blocked", 403), ("anonymous", 302)]
)
def test_only_verified_unblocked_people_rate_and_argue(client, tool, request, person, status):
    if person != "anonymous":
        client = logged_in(request.getfixturevalue(person))

    rated = client.post(card_url(tool, "rate/"), {"score": 5})
    argued = client.post(card_url(tool, "argue/"), {"side": "for", "text": "Great."})

    assert (rated.status_code, argued.status_code) == (status, status)
    assert (Rating.objects.count(), Argument.objects.count()) == (0, 0)


def test_hidden_card_cannot_be_rated(tool, participant):
    Card.objects.filter(pk=tool.pk).update(hidden_at=timezone.now())

    response = logged_in(participant).post(card_url(tool, "rate/"), {"score": 5})

    assert response.status_code == 404
    assert Rating.objects.count() == 0


def test_rating_needs_a_post(tool, participant):
    assert logged_in(participant).get(card_url(tool, "rate/")).status_code == 405


def test_participant_argues_and_rewrites_their_argument(client, tool, participant):
    person = logged_in(participant)

    person.post(card_url(tool, "argue/"), {"side": "for", "text": "Easy to install."})
    response = person.post(card_url(tool, "argue/"), {"side": "against", "text": "Needs a server."})

    assert response.status_code == 302
    assert list(Argument.objects.values_list("author", "side", "text")) == [
        (participant.pk, "against", "Needs a server.")
    ]
    page = client.get(card_url(tool))
    assert [a.text for a in page.context["arguments_against"]] == ["Needs a server."]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"side": "maybe", "text": "Hmm."},
            "side",
            "Select a valid choice. maybe is not one of the available choices.",
        ),
        ({"side": "for", "text": "   "}, "text", "This field is required."),
        (
            {"side": "for", "text": "x" * 501},
            "text",
            "Ensure this value has at most 500 characters (it has 501).",
        ),
    ],
)
def test_bad_arguments_are_refused(tool, participant, data, field, message):
    response = logged_in(participant).post(card_url(tool, "argue/"), data)

    assert response.status_code == 400
    assert response.context["argument_form"].errors[field] == [message]
    assert Argument.objects.count() == 0


def test_an_argument_can_be_withdrawn(tool, participant):
    client = logged_in(participant)
    client.post(card_url(tool, "argue/"), {"side": "for", "text": "Easy."})

    client.post(card_url(tool, "argue/withdraw/"))

    assert Argument.objects.count() == 0
