"""`publish_to_toolbox`, the one step the hackathon calls to publish a project."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cosummit.toolbox.domain import publish_to_toolbox
from cosummit.toolbox.models import Card, CardKind
from tests.toolbox.factories import TagFactory

pytestmark = pytest.mark.django_db


def publish(summit, by, **changes):
    fields = {
        "summit": summit,
        "kind": CardKind.TOOL,
        "title": {"fr": "Carte des fontaines", "en": "Drinking fountain map"},
        "description": {"en": "Made at the **hackathon**."},
        "website": "https://fountains.example.org/",
        "repository": "https://git.example.org/fountains",
        "licence": "MIT",
        "tags": ["open-data"],
        "by": by,
    }
    fields.update(changes)
    return publish_to_toolbox(**fields)


def test_a_project_is_published_as_a_public_card_in_one_step(client, summit, participant):
    theme = TagFactory(summit=summit, slug="open-data")

    card = publish(summit, participant)

    assert (card.slug, card.kind, card.created_by, card.licence) == (
        "carte-des-fontaines",
        "tool",
        participant,
        "MIT",
    )
    assert list(card.tags.all()) == [theme]
    response = client.get(f"/en/{summit.slug}/toolbox/", {"q": "fountain"})
    assert [found.slug for found in response.context["cards"]] == ["carte-des-fontaines"]


def test_publishing_again_makes_another_card_with_a_numbered_slug(summit, participant):
    TagFactory(summit=summit, slug="open-data")

    publish(summit, participant)
    second = publish(summit, participant)

    assert second.slug == "carte-des-fontaines-2"


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"licence": "Beerware"}, {"licence": ["Value 'Beerware' is not a valid choice."]}),
        ({"website": "fountains"}, {"website": ["Enter a valid URL."]}),
        ({"tags": ["nope"]}, {"tags": ["Unknown themes: nope."]}),
        ({"kind": "app"}, {"kind": ["Value 'app' is not a valid choice."]}),
    ],
)
def test_bad_input_raises_and_writes_nothing(summit, participant, changes, errors):
    TagFactory(summit=summit, slug="open-data")

    with pytest.raises(ValidationError) as raised:
        publish(summit, participant, **changes)

    assert raised.value.message_dict == errors
    assert Card.objects.count() == 0


@pytest.mark.parametrize("person", ["unverified", "blocked"])
def test_people_who_may_not_take_part_cannot_publish(summit, request, person):
    with pytest.raises(PermissionDenied):
        publish(summit, request.getfixturevalue(person), tags=[])

    assert Card.objects.count() == 0
