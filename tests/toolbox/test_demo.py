import pytest

from cosummit.summits.models import Role
from cosummit.toolbox.demo import build_demo_toolbox
from cosummit.toolbox.models import Card, CardKind, CardLink, Tag
from tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db


def test_demo_toolbox_has_linked_cards_in_both_languages_and_is_idempotent(client, summit):
    TeamMembershipFactory.create_batch(3, summit=summit, role=Role.MODERATOR)

    build_demo_toolbox(summit)
    build_demo_toolbox(summit)

    cards = Card.objects.filter(summit=summit)
    assert cards.count() == 10
    assert sorted(set(cards.values_list("kind", flat=True))) == sorted(CardKind.values)
    assert all(set(card.title) == {"fr", "en"} for card in cards)
    assert CardLink.objects.count() == 10
    assert Tag.objects.filter(summit=summit).count() == 5
    budget = cards.get(slug="participatory-budgeting-platform")
    assert (budget.rating_count, budget.rating_average) == (3, 4.33)
    response = client.get(f"/en/{summit.slug}/toolbox/", {"q": "budget"})
    assert [card.slug for card in response.context["cards"]] == [
        "city-budget-vote",
        "participatory-budgeting-platform",
    ]
