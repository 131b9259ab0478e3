import pytest

from cosummit.toolbox.models import CardKind, CardLink, LinkType
from tests.toolbox.conftest import logged_in
from tests.toolbox.factories import CardFactory, CardLinkFactory

pytestmark = pytest.mark.django_db


def url(card) -> str:
    return f"/en/{card.summit.slug}/toolbox/cards/{card.slug}/links/"


def links() -> list[tuple[str, str, str]]:
    return [
        (link.source.slug, link.link_type, link.target.slug)
        for link in CardLink.objects.select_related("source", "target")
    ]


def test_link_choices_are_worded_from_the_card_side(tool, organisation, use_case, creator):
    client = logged_in(creator)

    tool_choices = client.get(url(tool)).context["form"].fields["link_type"].choices
    organisation_choices = client.get(url(organisation)).context["form"].fields["link_type"].choices
    use_case_choices = client.get(url(use_case)).context["form"].fields["link_type"].choices

    assert tool_choices == [
        ("develops:in", "Developed by"),
        ("provides:in", "Provided by"),
        ("uses:in", "Used by"),
        ("alternative_to:out", "Alternative to"),
    ]
    assert organisation_choices == [
        ("develops:out", "Develops"),
        ("provides:out", "Provides"),
        ("uses:out", "Uses"),
    ]
    assert use_case_choices == [("uses:out", "Uses")]


def test_search_offers_only_cards_of_kinds_that_fit(summit, tool, organisation, use_case, creator):
    CardFactory(summit=summit, kind=CardKind.ORGANISATION, title={"en": "Other collective"})

    response = logged_in(creator).get(url(organisation), {"q": "o"})

    assert [card.slug for card in response.context["candidates"]] == ["consultation-tool"]


def test_creator_links_a_tool_to_the_organisation_that_develops_it(tool, organisation, creator):
    response = logged_in(creator).post(
        url(tool), {"link_type": "develops:in", "target": organisation.slug}
    )

    assert response.status_code == 302
    assert links() == [("civic-collective", "develops", "consultation-tool")]


def test_moderator_links_cards_they_did_not_create(tool, use_case, moderator):
    response = logged_in(moderator).post(
        url(use_case), {"link_type": "uses:out", "target": tool.slug}
    )

    assert response.status_code == 302
    assert links() == [("city-vote", "uses", "consultation-tool")]


@pytest.mark.parametrize(
    ("card", "choice", "target", "message"),
    [
        (
            "tool",
            "alternative_to:out",
            "civic-collective",
            "This kind of link cannot join a card of kind “Tool” to one of kind “Organisation”.",
        ),
        ("tool", "alternative_to:out", "consultation-tool", "A card cannot be linked to itself."),
        (
            "use_case",
            "develops:out",
            "consultation-tool",
            "Select a valid choice. develops:out is not one of the available choices.",
        ),
        (
            "tool",
            "develops:in",
            "city-vote",
            "This kind of link cannot join a card of kind “Use case” to one of kind “Tool”.",
        ),
        ("tool", "develops:in", "nothing-here", "There is no card with this short name."),
    ],
)
def test_links_between_wrong_kinds_or_to_itself_are_refused(
    request, tool, organisation, use_case, creator, card, choice, target, message
):
    card = request.getfixturevalue(card)

    response = logged_in(creator).post(url(card), {"link_type": choice, "target": target})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert [*errors.get("target", []), *errors.get("link_type", [])] == [message]
    assert links() == []


def test_the_same_link_twice_is_refused(tool, organisation, creator):
    CardLinkFactory(source=organisation, link_type=LinkType.DEVELOPS, target=tool)

    response = logged_in(creator).post(
        url(tool), {"link_type": "develops:in", "target": organisation.slug}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["target"] == ["These cards are already linked this way."]
    assert len(links()) == 1


def test_an_alternative_is_the_same_link_both_ways(summit, tool, creator):
    other = CardFactory(summit=summit, slug="other-tool", created_by=creator)
    CardLinkFactory(source=other, link_type=LinkType.ALTERNATIVE, target=tool)

    response = logged_in(creator).post(
        url(tool), {"link_type": "alternative_to:out", "target": "other-tool"}
    )

    assert response.status_code == 400
    assert links() == [("other-tool", "alternative_to", "consultation-tool")]


def test_other_participants_cannot_link_or_unlink(tool, organisation, participant):
    link = CardLinkFactory(source=organisation, link_type=LinkType.DEVELOPS, target=tool)
    client = logged_in(participant)

    assert client.get(url(tool)).status_code == 404
    assert (
        client.post(url(tool), {"link_type": "uses:in", "target": "civic-collective"}).status_code
        == 404
    )
    assert client.post(f"{url(tool)}{link.pk}/remove/").status_code == 404
    assert len(links()) == 1


def test_creator_removes_a_link(tool, organisation, creator):
    link = CardLinkFactory(source=organisation, link_type=LinkType.DEVELOPS, target=tool)

    response = logged_in(creator).post(f"{url(tool)}{link.pk}/remove/")

    assert response.status_code == 302
    assert links() == []


@pytest.mark.parametrize("count", [1, 3])
def test_link_page_makes_a_constant_number_of_queries(
    summit, organisation, creator, django_assert_num_queries, count
):
    for number in range(count):
        CardLinkFactory(
            source=organisation,
            target=CardFactory(summit=summit, title={"en": f"Tool {number}"}),
        )
        CardFactory(summit=summit, title={"en": f"Spare tool {number}"})
    client = logged_in(creator)

    # Session, user, summit, card, its themes, roles, address, blocks,
    # candidates, links from and to the card.
    with django_assert_num_queries(11):
        response = client.get(url(organisation), {"q": "tool"})

    assert len(response.context["candidates"]) == 2 * count
