"""Factories for the toolbox. Rows are written as they are, without the rules:
use the domain functions of `cosummit.toolbox.domain` to test the rules.
Cards get their search and sort columns filled, as the domain would.
"""

import factory

from cosummit.toolbox.domain import index_card
from cosummit.toolbox.models import (
    Argument,
    ArgumentSide,
    Card,
    CardKind,
    CardLink,
    Collection,
    CollectionItem,
    Rating,
    Tag,
)
from tests.factories import SummitFactory, UserFactory


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    summit = factory.SubFactory(SummitFactory)
    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: {"fr": f"Thème {n}", "en": f"Theme {n}"})


class CardFactory(factory.django.DjangoModelFactory):
    """A tool by default; pass `kind=CardKind.ORGANISATION`, `tags=[…]`."""

    class Meta:
        model = Card
        skip_postgeneration_save = True

    summit = factory.SubFactory(SummitFactory)
    kind = CardKind.TOOL
    slug = factory.Sequence(lambda n: f"card-{n}")
    title = factory.Sequence(lambda n: {"fr": f"Outil {n}", "en": f"Tool {n}"})
    description = {"fr": "Un outil pour ouvrir l’action publique.", "en": "A tool."}
    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        card = model_class(*args, **kwargs)
        index_card(card)
        card.save()
        return card

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.set(extracted)


class CardLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CardLink

    source = factory.SubFactory(CardFactory, kind=CardKind.ORGANISATION)
    target = factory.SubFactory(CardFactory, summit=factory.SelfAttribute("..source.summit"))
    summit = factory.SelfAttribute("source.summit")
    link_type = "develops"


class RatingFactory(factory.django.DjangoModelFactory):
    """A rating row; the card's counters are not updated (use the domain for that)."""

    class Meta:
        model = Rating

    card = factory.SubFactory(CardFactory)
    user = factory.SubFactory(UserFactory)
    score = 4


class ArgumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Argument

    card = factory.SubFactory(CardFactory)
    author = factory.SubFactory(UserFactory)
    side = ArgumentSide.FOR
    text = factory.Sequence(lambda n: f"It saved our city weeks of work ({n}).")


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    summit = factory.SubFactory(SummitFactory)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Tools for local participation {n}")
    description = "Our *favourite* tools."


class CollectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectionItem

    collection = factory.SubFactory(CollectionFactory)
    card = factory.SubFactory(CardFactory, summit=factory.SelfAttribute("..collection.summit"))
    position = factory.Sequence(lambda n: n)
    note = ""
