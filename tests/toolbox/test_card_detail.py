import pytest
from django.utils import timezone

from cosummit.toolbox.models import ArgumentSide, CardKind, LinkType
from tests.toolbox.conftest import logged_in
from tests.toolbox.factories import ArgumentFactory, CardFactory, CardLinkFactory, TagFactory

pytestmark = pytest.mark.django_db


def url(card) -> str:
    return f"/en/{card.summit.slug}/toolbox/cards/{card.slug}/"


def groups(response) -> dict[str, list[str]]:
    return {
        group.label: [other.title["en"] for _link, other in group.entries]
        for group in response.context["link_groups"]
    }


def test_card_page_shows_its_facts_and_sanitised_markdown(client, summit):
    card = CardFactory(
        summit=summit,
        title={"en": "Consultation tool"},
        description={"en": "**Open** <script>alert(1)</script> [site](javascript:alert(1))"},
        licence="AGPL-3.0-or-later",
        website="https://consult.example.org/",
        repository="https://git.example.org/consult",
        languages=["fr", "en"],
        tags=[TagFactory(summit=summit, name={"en": "Participation"})],
    )

    response = client.get(url(card))

    assert response.status_code == 200
    assert "<strong>Open</strong>" in response.text
    assert "<script>alert" not in response.text
    assert 'href="javascript:' not in response.text
    assert "AGPL-3.0-or-later" in response.text
    assert '<a href="https://git.example.org/consult" rel="nofollow noopener">' in response.text
    assert '<span lang="fr">French</span>, <span lang="en">English</span>' in response.text
    assert "Participation" in response.text


def test_tool_page_shows_links_both_ways_with_the_wording_of_each_direction(
    client, summit, tool, organisation, use_case
):
    other_tool = CardFactory(summit=summit, title={"en": "Petition site"})
    CardLinkFactory(source=organisation, link_type=LinkType.DEVELOPS, target=tool)
    CardLinkFactory(source=organisation, link_type=LinkType.PROVIDES, target=tool)
    CardLinkFactory(source=use_case, link_type=LinkType.USES, target=tool)
    CardLinkFactory(source=tool, link_type=LinkType.ALTERNATIVE, target=other_tool)

    assert groups(client.get(url(tool))) == {
        "Developed by": ["Civic collective"],
        "Provided by": ["Civic collective"],
        "Used by": ["City vote"],
        "Alternative to": ["Petition site"],
    }
    assert groups(client.get(url(organisation))) == {
        "Develops": ["Consultation tool"],
        "Provides": ["Consultation tool"],
    }
    assert groups(client.get(url(use_case))) == {"Uses": ["Consultation tool"]}
    assert groups(client.get(url(other_tool))) == {"Alternative to": ["Consultation tool"]}


def test_links_to_hidden_cards_are_not_shown(client, summit, tool, organisation):
    organisation.hidden_at = timezone.now()
    organisation.save(update_fields=["hidden_at"])
    CardLinkFactory(source=organisation, link_type=LinkType.DEVELOPS, target=tool)

    assert groups(client.get(url(tool))) == {}


def test_arguments_are_shown_for_and_against_without_hidden_ones(client, summit, tool):
    ArgumentFactory(card=tool, side=ArgumentSide.FOR, text="Easy to install.")
    ArgumentFactory(card=tool, side=ArgumentSide.AGAINST, text="Needs a server.")
    ArgumentFactory(card=tool, side=ArgumentSide.AGAINST, text="Spam!", hidden_at=timezone.now())

    response = client.get(url(tool))

    assert [a.text for a in response.context["arguments_for"]] == ["Easy to install."]
    assert [a.text for a in response.context["arguments_against"]] == ["Needs a server."]
    assert "Spam!" not in response.text


def test_hidden_card_is_not_found_except_for_moderators(client, summit, tool, moderator, creator):
    tool.hidden_at = timezone.now()
    tool.save(update_fields=["hidden_at"])

    assert client.get(url(tool)).status_code == 404
    assert logged_in(creator).get(url(tool)).status_code == 404
    response = logged_in(moderator).get(url(tool))
    assert response.status_code == 200
    assert "Hidden by moderation: only moderators see this card." in response.text


def test_unknown_card_is_not_found(client, summit):
    assert client.get(f"/en/{summit.slug}/toolbox/cards/nothing/").status_code == 404


def test_anonymous_visitor_is_invited_to_log_in(client, tool):
    response = client.get(url(tool))

    assert "Log in to rate, argue and build collections." in response.text
    assert "Report this card" not in response.text


def test_unverified_person_is_asked_to_verify_their_address(tool, unverified):
    response = logged_in(unverified).get(url(tool))

    assert "Verify your e-mail address to rate, argue and build collections." in response.text


def test_creator_and_moderator_see_the_edit_button_others_do_not(
    tool, creator, moderator, organiser, participant
):
    for person, can_edit in [
        (creator, True),
        (moderator, True),
        (organiser, True),
        (participant, False),
    ]:
        response = logged_in(person).get(url(tool))
        assert response.context["can_edit"] is can_edit
        assert ("Edit the card" in response.text) is can_edit


@pytest.mark.parametrize("count", [1, 3])
def test_card_page_makes_a_constant_number_of_queries(
    client, summit, tool, django_assert_num_queries, count
):
    tool.tags.set(TagFactory.create_batch(count, summit=summit))
    for _ in range(count):
        CardLinkFactory(source=CardFactory(summit=summit, kind=CardKind.ORGANISATION), target=tool)
        CardLinkFactory(
            source=CardFactory(summit=summit, kind=CardKind.USE_CASE),
            target=tool,
            link_type=LinkType.USES,
        )
        ArgumentFactory(card=tool)

    # The summit, the card, its themes, links from it, links to it, arguments.
    with django_assert_num_queries(6):
        response = client.get(url(tool))

    assert len(response.context["arguments_for"]) == count
    assert len(response.context["tags"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_card_page_for_a_participant_makes_a_constant_number_of_queries(
    summit, tool, participant, django_assert_num_queries, count
):
    from tests.toolbox.factories import CollectionFactory

    CollectionFactory.create_batch(count, summit=summit, owner=participant)
    ArgumentFactory.create_batch(count, card=tool)
    client = logged_in(participant)

    # The session, the user, the summit, the card, its themes, the roles, the
    # e-mail address, blocks, the person's rating, argument and collections,
    # links from and to the card, arguments.
    with django_assert_num_queries(14):
        response = client.get(url(tool))

    assert len(response.context["collections"]) == count
