import pytest
from django.utils import timezone

from cosummit.toolbox.models import Collection, CollectionItem
from tests.toolbox.conftest import logged_in
from tests.toolbox.factories import (
    CardFactory,
    CollectionFactory,
    CollectionItemFactory,
)

pytestmark = pytest.mark.django_db


def base(summit) -> str:
    return f"/en/{summit.slug}/toolbox/collections/"


def collection_url(collection, action: str = "") -> str:
    return f"{base(collection.summit)}{collection.token}/{action}"


def items(collection) -> list[tuple[str, str]]:
    return list(
        CollectionItem.objects.filter(collection=collection)
        .order_by("position", "pk")
        .values_list("card__slug", "note")
    )


def test_participant_creates_a_collection_and_adds_cards_with_notes(summit, tool, participant):
    client = logged_in(participant)
    other = CardFactory(summit=summit, slug="portal")

    response = client.post(
        f"{base(summit)}new/",
        {"title": "Starter kit", "description": "For *cities*.", "visibility": "unlisted"},
    )
    collection = Collection.objects.get()
    client.post(
        f"/en/{summit.slug}/toolbox/cards/{tool.slug}/collect/",
        {"collection": collection.token, "note": "Start here."},
    )
    client.post(
        f"/en/{summit.slug}/toolbox/cards/portal/collect/", {"collection": collection.token}
    )

    assert response.status_code == 302
    assert (collection.owner, collection.visibility) == (participant, "unlisted")
    assert items(collection) == [("consultation-tool", "Start here."), ("portal", "")]
    assert other.collections.get() == collection


def test_adding_a_card_again_changes_its_note(summit, tool, participant):
    collection = CollectionFactory(summit=summit, owner=participant)
    CollectionItemFactory(collection=collection, card=tool, note="Old note")

    logged_in(participant).post(
        f"/en/{summit.slug}/toolbox/cards/{tool.slug}/collect/",
        {"collection": collection.token, "note": "New note"},
    )

    assert items(collection) == [("consultation-tool", "New note")]


def test_nobody_adds_to_a_collection_of_someone_else(summit, tool, participant):
    foreign = CollectionFactory(summit=summit)

    response = logged_in(participant).post(
        f"/en/{summit.slug}/toolbox/cards/{tool.slug}/collect/", {"collection": foreign.token}
    )

    assert response.status_code == 400
    assert items(foreign) == []


@pytest.mark.parametrize("person", ["unverified", "blocked"])
def test_unverified_and_blocked_people_cannot_build_collections(summit, request, person):
    response = logged_in(request.getfixturevalue(person)).post(
        f"{base(summit)}new/", {"title": "Mine", "visibility": "public"}
    )

    assert response.status_code == 403
    assert Collection.objects.count() == 0


def test_bad_collection_input_is_refused(summit, participant):
    response = logged_in(participant).post(
        f"{base(summit)}new/", {"title": "", "visibility": "secret"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "title": ["This field is required."],
        "visibility": ["Select a valid choice. secret is not one of the available choices."],
    }


def test_public_collections_are_listed_unlisted_ones_only_reachable_by_link(client, summit):
    public = CollectionFactory(summit=summit, title="Open for all")
    unlisted = CollectionFactory(summit=summit, title="Among friends", visibility="unlisted")

    listing = client.get(base(summit))

    assert [c.title for c in listing.context["collections"]] == ["Open for all"]
    assert client.get(collection_url(unlisted)).status_code == 200
    assert client.get(collection_url(public)).status_code == 200
    assert client.get(f"{base(summit)}not-a-token/").status_code == 404


def test_collection_page_shows_cards_in_order_with_notes_without_hidden_ones(client, summit):
    collection = CollectionFactory(summit=summit, description="<b>bold</b> **strong**")
    CollectionItemFactory(collection=collection, card__title={"en": "Second"}, position=2)
    CollectionItemFactory(
        collection=collection, card__title={"en": "First"}, position=1, note="Why"
    )
    CollectionItemFactory(
        collection=collection, card__title={"en": "Gone"}, card__hidden_at=timezone.now()
    )

    response = client.get(collection_url(collection))

    assert [item.card.title["en"] for item in response.context["items"]] == ["First", "Second"]
    assert "<strong>strong</strong>" in response.text
    assert "<b>bold</b>" not in response.text
    assert "Why" in response.text


def test_owner_reorders_removes_and_annotates_items(summit, participant):
    collection = CollectionFactory(summit=summit, owner=participant)
    first = CollectionItemFactory(collection=collection, card__slug="a")
    second = CollectionItemFactory(collection=collection, card__slug="b")
    third = CollectionItemFactory(collection=collection, card__slug="c")
    client = logged_in(participant)

    client.post(collection_url(collection, f"items/{third.pk}/move/"), {"step": "up"})
    client.post(collection_url(collection, f"items/{first.pk}/note/"), {"note": "Best"})
    client.post(collection_url(collection, f"items/{second.pk}/remove/"))

    assert items(collection) == [("a", "Best"), ("c", "")]


def test_others_cannot_change_a_collection(summit, participant, moderator):
    collection = CollectionFactory(summit=summit)
    item = CollectionItemFactory(collection=collection)

    for person in (participant, moderator):
        client = logged_in(person)
        assert client.get(collection_url(collection, "edit/")).status_code == 404
        assert client.post(collection_url(collection, "delete/")).status_code == 404
        assert (
            client.post(collection_url(collection, f"items/{item.pk}/remove/")).status_code == 404
        )
    assert Collection.objects.count() == 1
    assert CollectionItem.objects.count() == 1


def test_owner_edits_and_deletes_their_collection(summit, participant):
    collection = CollectionFactory(summit=summit, owner=participant)
    client = logged_in(participant)

    client.post(
        collection_url(collection, "edit/"),
        {"title": "Renamed", "description": "", "visibility": "unlisted"},
    )
    collection.refresh_from_db()
    assert (collection.title, collection.visibility) == ("Renamed", "unlisted")

    response = client.post(collection_url(collection, "delete/"))
    assert response.status_code == 302
    assert Collection.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_collection_list_makes_a_constant_number_of_queries(
    client, summit, django_assert_num_queries, count
):
    CollectionFactory.create_batch(count, summit=summit)

    # The summit, the count, the collections with their owners.
    with django_assert_num_queries(3):
        response = client.get(base(summit))

    assert len(response.context["collections"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_collection_page_makes_a_constant_number_of_queries(
    client, summit, django_assert_num_queries, count
):
    collection = CollectionFactory(summit=summit)
    CollectionItemFactory.create_batch(count, collection=collection)

    # The summit, the collection, its items with their cards, the cards' themes.
    with django_assert_num_queries(4):
        response = client.get(collection_url(collection))

    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_collections_makes_a_constant_number_of_queries(
    summit, participant, django_assert_num_queries, count
):
    CollectionFactory.create_batch(count, summit=summit, owner=participant)
    client = logged_in(participant)

    with django_assert_num_queries(5):
        response = client.get(f"{base(summit)}mine/")

    assert len(response.context["collections"]) == count
