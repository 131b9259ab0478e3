import pytest
from django.utils import timezone

from cosummit.api.models import ApiToken, hash_token
from cosummit.toolbox.models import Argument, Card, CardKind, LinkType, Rating
from tests.api.helpers import bearer
from tests.factories import BlockFactory, SummitFactory, UserFactory
from tests.toolbox.factories import (
    ArgumentFactory,
    CardFactory,
    CardLinkFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def token_of(user) -> str:
    """A token for anyone: the API page gives them to team members only, the API takes any."""
    raw = ApiToken.generate()
    ApiToken.objects.create(user=user, name="script", token_hash=hash_token(raw), prefix=raw[:8])
    return raw


def cards_url(summit) -> str:
    return f"/api/v1/summits/{summit.slug}/toolbox/cards"


@pytest.fixture
def tool(summit):
    return CardFactory(
        summit=summit,
        slug="consultation-tool",
        title={"fr": "Outil de consultation", "en": "Consultation tool"},
        licence="AGPL-3.0-or-later",
        languages=["fr", "en"],
        rating_count=2,
        rating_average=4.5,
    )


def test_anyone_lists_visible_cards_with_filters(client, summit, tool):
    theme = TagFactory(summit=summit, slug="participation")
    tool.tags.set([theme])
    CardFactory(summit=summit, kind=CardKind.ORGANISATION, title={"en": "Agency"}, country="FR")
    CardFactory(summit=summit, title={"en": "Hidden"}, hidden_at=timezone.now())

    everything = client.get(cards_url(summit)).json()
    tools = client.get(cards_url(summit), {"kind": "tool", "tag": "participation"}).json()
    searched = client.get(cards_url(summit), {"q": "CONSULTATION", "language": "fr"}).json()
    nothing = client.get(cards_url(summit), {"tag": "unknown"}).json()

    assert [card["title"]["en"] for card in everything["items"]] == ["Agency", "Consultation tool"]
    assert everything["count"] == 2
    assert tools["items"] == [
        {
            "slug": "consultation-tool",
            "kind": "tool",
            "kind_label": "Tool",
            "title": {"fr": "Outil de consultation", "en": "Consultation tool"},
            "description": {"fr": "Un outil pour ouvrir l’action publique.", "en": "A tool."},
            "tags": [{"slug": "participation", "name": theme.name}],
            "licence": "AGPL-3.0-or-later",
            "licence_other": "",
            "website": "",
            "repository": "",
            "languages": ["fr", "en"],
            "country": "",
            "rating": {"count": 2, "average": 4.5},
            "created_at": tool.created_at.isoformat(),
            "url": f"http://testserver/en/{summit.slug}/toolbox/cards/consultation-tool/",
        }
    ]
    assert [card["slug"] for card in searched["items"]] == ["consultation-tool"]
    assert nothing["count"] == 0


def test_list_is_sorted_and_paginated(client, summit):
    for number in range(3):
        CardFactory(summit=summit, title={"en": f"Tool {number}"}, rating_average=number)

    response = client.get(cards_url(summit), {"sort": "best", "limit": 2}).json()

    assert [card["title"]["en"] for card in response["items"]] == ["Tool 2", "Tool 1"]
    assert response["count"] == 3
    assert response["next"].endswith("limit=2&offset=2&sort=best")


@pytest.mark.parametrize(
    "params", [{"kind": "robot"}, {"licence": "WTFPL"}, {"sort": "random"}, {"limit": 0}]
)
def test_bad_filters_get_a_clear_error(client, summit, params):
    response = client.get(cards_url(summit), params)

    assert response.status_code == 422
    assert response.json()["detail"].startswith("“")


def test_unknown_or_unpublished_summit_is_not_found(client):
    draft = SummitFactory(is_published=False)

    assert client.get(cards_url(draft)).status_code == 404
    assert client.get("/api/v1/summits/nothing/toolbox/cards").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_list_makes_a_constant_number_of_queries(client, summit, django_assert_num_queries, count):
    CardFactory.create_batch(count, summit=summit, tags=TagFactory.create_batch(2, summit=summit))

    # The summit, the count, the cards, their themes.
    with django_assert_num_queries(4):
        response = client.get(cards_url(summit), {"q": "tool"})

    assert len(response.json()["items"]) == count


def test_card_detail_has_its_links_both_ways_and_its_arguments(client, summit, tool):
    organisation = CardFactory(summit=summit, kind=CardKind.ORGANISATION, slug="agency")
    other = CardFactory(summit=summit, slug="petitions")
    CardLinkFactory(source=organisation, link_type=LinkType.DEVELOPS, target=tool)
    CardLinkFactory(source=tool, link_type=LinkType.ALTERNATIVE, target=other)
    ArgumentFactory(card=tool, side="against", text="Needs a server.", author__name="Ada")
    ArgumentFactory(card=tool, text="Hidden", hidden_at=timezone.now())

    response = client.get(f"{cards_url(summit)}/consultation-tool")

    data = response.json()
    assert response.status_code == 200
    assert [(link["label"], link["direction"], link["card"]) for link in data["links"]] == [
        ("Developed by", "in", "agency"),
        ("Alternative to", "out", "petitions"),
    ]
    assert [(a["side"], a["text"], a["author"]) for a in data["arguments"]] == [
        ("against", "Needs a server.", "Ada")
    ]


def test_hidden_card_is_not_found(client, summit, tool):
    Card.objects.filter(pk=tool.pk).update(hidden_at=timezone.now())

    assert client.get(f"{cards_url(summit)}/consultation-tool").status_code == 404


def test_themes_are_listed(client, summit):
    TagFactory(summit=summit, slug="open-data", name={"fr": "Données", "en": "Data"})

    response = client.get(f"/api/v1/summits/{summit.slug}/toolbox/tags")

    assert response.json() == [{"slug": "open-data", "name": {"fr": "Données", "en": "Data"}}]


def new_card(**changes) -> dict:
    data = {
        "kind": "tool",
        "title": {"fr": "Carte des fontaines", "en": "Fountain map"},
        "description": {"en": "Where to drink."},
        "licence": "MIT",
        "website": "https://fountains.example.org/",
        "languages": ["fr", "en"],
    }
    data.update(changes)
    return data


def test_participant_creates_a_card_with_a_token(client, summit, participant):
    response = client.post(
        cards_url(summit),
        new_card(),
        content_type="application/json",
        headers=bearer(token_of(participant)),
    )

    assert response.status_code == 201
    assert response.json()["slug"] == "carte-des-fontaines"
    assert Card.objects.get().created_by == participant


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"website": "fountains"}, "website", "Enter a valid URL."),
        ({"licence": "Beerware"}, "licence", "Value 'Beerware' is not a valid choice."),
        (
            {"languages": ["elvish"]},
            "languages",
            "“elvish” is not a language code. Write codes such as fr, en.",
        ),
        ({"title": {}}, "title", "This field cannot be blank."),
    ],
)
def test_card_with_bad_input_is_refused(client, summit, participant, changes, field, message):
    response = client.post(
        cards_url(summit),
        new_card(**changes),
        content_type="application/json",
        headers=bearer(token_of(participant)),
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [{"location": "body", "field": field, "message": message}]
    assert Card.objects.count() == 0


def test_writing_needs_a_token(client, summit, tool):
    created = client.post(cards_url(summit), new_card(), content_type="application/json")
    rated = client.put(
        f"{cards_url(summit)}/consultation-tool/rating",
        {"score": 3},
        content_type="application/json",
    )

    assert (created.status_code, rated.status_code) == (401, 401)
    assert Card.objects.count() == 1


@pytest.mark.parametrize("kind", ["unverified", "blocked"])
def test_unverified_and_blocked_people_cannot_write(client, summit, tool, kind):
    person = UserFactory(verified=kind != "unverified")
    if kind == "blocked":
        BlockFactory(summit=summit, user=person)
    headers = bearer(token_of(person))

    created = client.post(
        cards_url(summit), new_card(), content_type="application/json", headers=headers
    )
    rated = client.put(
        f"{cards_url(summit)}/consultation-tool/rating",
        {"score": 3},
        content_type="application/json",
        headers=headers,
    )
    argued = client.put(
        f"{cards_url(summit)}/consultation-tool/argument",
        {"side": "for", "text": "Good."},
        content_type="application/json",
        headers=headers,
    )

    assert (created.status_code, rated.status_code, argued.status_code) == (403, 403, 403)
    assert created.json() == {
        "detail": "Only signed-in people with a verified e-mail address may do this."
    }
    assert (Card.objects.count(), Rating.objects.count(), Argument.objects.count()) == (1, 0, 0)


def test_a_second_rating_replaces_the_first(client, summit, participant):
    card = CardFactory(summit=summit, slug="map")
    headers = bearer(token_of(participant))
    url = f"{cards_url(summit)}/map/rating"

    client.put(url, {"score": 2}, content_type="application/json", headers=headers)
    response = client.put(url, {"score": 5}, content_type="application/json", headers=headers)

    assert response.json() == {"score": 5, "card_rating": {"count": 1, "average": 5.0}}
    assert list(Rating.objects.filter(card=card).values_list("score", flat=True)) == [5]


@pytest.mark.parametrize("score", [0, 6, -3])
def test_rating_out_of_range_is_refused(client, summit, participant, score):
    CardFactory(summit=summit, slug="map")

    response = client.put(
        f"{cards_url(summit)}/map/rating",
        {"score": score},
        content_type="application/json",
        headers=bearer(token_of(participant)),
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "body", "field": "score", "message": "Give a rating from 1 to 5."}
    ]
    assert Rating.objects.count() == 0


def test_participant_argues_and_rewrites(client, summit, participant):
    CardFactory(summit=summit, slug="map")
    headers = bearer(token_of(participant))
    url = f"{cards_url(summit)}/map/argument"

    client.put(
        url, {"side": "for", "text": "Handy."}, content_type="application/json", headers=headers
    )
    response = client.put(
        url,
        {"side": "against", "text": "Out of date."},
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 200
    assert list(Argument.objects.values_list("side", "text")) == [("against", "Out of date.")]


@pytest.mark.parametrize(
    ("payload", "status"),
    [({"side": "maybe", "text": "x"}, 422), ({"side": "for", "text": "  "}, 422)],
)
def test_bad_arguments_are_refused(client, summit, participant, payload, status):
    CardFactory(summit=summit, slug="map")

    response = client.put(
        f"{cards_url(summit)}/map/argument",
        payload,
        content_type="application/json",
        headers=bearer(token_of(participant)),
    )

    assert response.status_code == status
    assert Argument.objects.count() == 0


def test_rating_a_hidden_or_unknown_card_is_not_found(client, summit, participant):
    CardFactory(summit=summit, slug="map", hidden_at=timezone.now())
    headers = bearer(token_of(participant))

    for slug in ("map", "nothing"):
        response = client.put(
            f"{cards_url(summit)}/{slug}/rating",
            {"score": 4},
            content_type="application/json",
            headers=headers,
        )
        assert response.status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_card_detail_makes_a_constant_number_of_queries(
    client, summit, tool, django_assert_num_queries, count
):
    tool.tags.set(TagFactory.create_batch(count, summit=summit))
    for _ in range(count):
        CardLinkFactory(source=CardFactory(summit=summit, kind=CardKind.ORGANISATION), target=tool)
        ArgumentFactory(card=tool)

    # The summit, the card, its themes, links from and to it, arguments.
    with django_assert_num_queries(6):
        response = client.get(f"{cards_url(summit)}/consultation-tool")

    assert len(response.json()["links"]) == count
    assert len(response.json()["arguments"]) == count
