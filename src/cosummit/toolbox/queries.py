"""Who may see and do what in a summit's toolbox, and the reads that depend on it."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from cosummit.accounts.queries import has_verified_email
from cosummit.core.i18n import fallback_order
from cosummit.core.text import normalise
from cosummit.summits.models import Summit
from cosummit.summits.queries import (
    blocked_people,
    can_moderate,
    can_organise,
    get_summit_for_user,
    is_blocked,
)

from .models import (
    SORT_LANGUAGES,
    Argument,
    Card,
    CardKind,
    CardLink,
    Collection,
    CollectionItem,
    LinkType,
    ModerationAction,
    Rating,
    Tag,
    ToolboxSettings,
)

__all__ = ["blocked_people", "can_moderate", "can_organise", "get_summit_for_user", "is_blocked"]

# Which kinds of card each link type joins, as (source kind, target kind).
ALLOWED_LINKS = {
    LinkType.DEVELOPS: {(CardKind.ORGANISATION, CardKind.TOOL)},
    LinkType.PROVIDES: {(CardKind.ORGANISATION, CardKind.TOOL)},
    LinkType.USES: {(CardKind.ORGANISATION, CardKind.TOOL), (CardKind.USE_CASE, CardKind.TOOL)},
    LinkType.ALTERNATIVE: {(CardKind.TOOL, CardKind.TOOL)},
}

# How a link reads from each of its ends: from its source, then from its target.
LINK_WORDING = {
    LinkType.DEVELOPS: (_("Develops"), _("Developed by")),
    LinkType.PROVIDES: (_("Provides"), _("Provided by")),
    LinkType.USES: (_("Uses"), _("Used by")),
    LinkType.ALTERNATIVE: (_("Alternative to"), _("Alternative to")),
}

SORTS = {
    "name": _("Name"),
    "best": _("Best rated"),
    "newest": _("Newest"),
}


def settings_for(summit: Summit) -> ToolboxSettings:
    """The summit's toolbox settings; the defaults when none were saved."""
    return ToolboxSettings.objects.filter(summit=summit).first() or ToolboxSettings(summit=summit)


# Who may do what.


def can_take_part(user, summit: Summit) -> bool:
    """Proposing cards, rating, arguing, reporting and collecting need a verified,
    unblocked account.

    The answer is kept on the user object, which lives for one request.
    """
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    known = user.__dict__.setdefault("_toolbox_can_take_part", {})
    if summit.pk not in known:
        known[summit.pk] = has_verified_email(user) and not is_blocked(user, summit)
    return known[summit.pk]


def forget_take_part(user) -> None:
    """Drop the answer kept on `user`, after a block changed during the request."""
    user.__dict__.pop("_toolbox_can_take_part", None)


def is_creator(user, card: Card) -> bool:
    if not user.is_authenticated:
        return False
    return card.created_by_id == user.pk


def can_edit_card(user, card: Card) -> bool:
    """A card is edited by the summit's moderators, and by its creator while not blocked."""
    if can_moderate(user, card.summit):
        return True
    if not is_creator(user, card):
        return False
    return can_take_part(user, card.summit)


def can_import(user, summit: Summit) -> bool:
    return can_organise(user, summit)


def can_manage_tags(user, summit: Summit) -> bool:
    return can_moderate(user, summit)


# Cards.


def public_cards(summit: Summit) -> QuerySet[Card]:
    """The cards everyone may read: those not hidden by moderation."""
    return Card.objects.filter(summit=summit, hidden_at__isnull=True)


def tags_of(summit: Summit) -> list[Tag]:
    return list(Tag.objects.filter(summit=summit))


@dataclass
class CatalogueFilters:
    q: str = ""
    kind: str = ""
    tag: Tag | None = None
    licence: str = ""
    language: str = ""
    sort: str = "name"


def sort_language(language: str) -> str:
    """The language whose sort column orders cards by name for a reader of `language`."""
    return next(code for code in fallback_order(language) if code in SORT_LANGUAGES)


def search_words(q: str) -> list[str]:
    return normalise(q).split()[:10]


def catalogue(summit: Summit, filters: CatalogueFilters, *, language: str) -> QuerySet[Card]:
    """Public cards matching `filters`, sorted, with their tags; one query for the
    page and one for the tags of its cards."""
    cards = public_cards(summit)
    if filters.kind:
        cards = cards.filter(kind=filters.kind)
    if filters.tag is not None:
        cards = cards.filter(tags=filters.tag)
    if filters.licence:
        cards = cards.filter(licence=filters.licence)
    if filters.language:
        cards = cards.filter(languages_key__contains=f",{filters.language},")
    for word in search_words(filters.q):
        cards = cards.filter(search_text__contains=word)
    if filters.sort == "best":
        cards = cards.order_by("-rating_average", "-rating_count", "pk")
    elif filters.sort == "newest":
        cards = cards.order_by("-created_at", "-pk")
    else:
        cards = cards.order_by(f"sort_title_{sort_language(language)}", "pk")
    return cards.prefetch_related("tags")


def get_card_for_user(user, summit: Summit, slug: str) -> Card:
    """A card `user` may read, or 404: hidden cards only for the summit's moderators."""
    card = (
        Card.objects.filter(summit=summit, slug=slug)
        .select_related("summit", "created_by")
        .prefetch_related("tags")
        .first()
    )
    if card is None:
        raise Http404
    if card.hidden_at is None:
        return card
    if can_moderate(user, summit):
        return card
    raise Http404


def get_card_for_editor(user, summit: Summit, slug: str) -> Card:
    card = get_card_for_user(user, summit, slug)
    if not can_edit_card(user, card):
        raise Http404
    return card


@dataclass
class LinkGroup:
    """The cards a card is linked to in one way, worded from the card's side."""

    label: str
    entries: list[tuple[CardLink, Card]] = field(default_factory=list)


def link_groups(card: Card) -> list[LinkGroup]:
    """The card's links both ways, grouped by their wording; hidden cards left out.

    Two queries: links from the card, links to it.
    """
    groups: dict[str, LinkGroup] = {}
    outgoing = (
        CardLink.objects.filter(source=card, target__hidden_at__isnull=True)
        .select_related("target__summit")
        .order_by("link_type", "pk")
    )
    incoming = (
        CardLink.objects.filter(target=card, source__hidden_at__isnull=True)
        .select_related("source__summit")
        .order_by("link_type", "pk")
    )
    entries = [(link, link.target, 0) for link in outgoing]
    entries += [(link, link.source, 1) for link in incoming]
    order = list(LinkType.values)
    entries.sort(key=lambda entry: (order.index(entry[0].link_type), entry[2]))
    for link, other, direction in entries:
        label = str(LINK_WORDING[link.link_type][direction])
        groups.setdefault(label, LinkGroup(label=label)).entries.append((link, other))
    return list(groups.values())


def link_choices_for(card: Card) -> list[tuple[str, str]]:
    """The ways this card can be linked to another: (value, label) pairs.

    A value is "<type>:out" when the card is the link's source, "<type>:in"
    when it is the target.
    """
    choices = []
    for link_type, pairs in ALLOWED_LINKS.items():
        wording = LINK_WORDING[link_type]
        if any(source == card.kind for source, _target in pairs):
            choices.append((f"{link_type}:out", str(wording[0])))
        if link_type != LinkType.ALTERNATIVE and any(
            target == card.kind for _source, target in pairs
        ):
            choices.append((f"{link_type}:in", str(wording[1])))
    return choices


def link_candidates(card: Card, q: str, *, limit: int = 20) -> list[Card]:
    """Public cards of kinds that may be linked to `card`, matching `q`."""
    kinds = set()
    for pairs in ALLOWED_LINKS.values():
        for source, target in pairs:
            if source == card.kind:
                kinds.add(target)
            if target == card.kind:
                kinds.add(source)
    cards = public_cards(card.summit).filter(kind__in=kinds).exclude(pk=card.pk)
    for word in search_words(q):
        cards = cards.filter(search_text__contains=word)
    return list(cards.select_related("summit").order_by("slug")[:limit])


def get_link_for_editor(user, card: Card, link_id: int) -> CardLink:
    """A link of `card` that `user` may remove: they may edit the card."""
    link = (
        CardLink.objects.filter(Q(source=card) | Q(target=card), pk=link_id)
        .select_related("source__summit", "target__summit")
        .first()
    )
    if link is None:
        raise Http404
    if not can_edit_card(user, card):
        raise Http404
    return link


def visible_arguments(card: Card) -> list[Argument]:
    return list(
        Argument.objects.filter(card=card, hidden_at__isnull=True)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def rating_of(user, card: Card) -> Rating | None:
    if not user.is_authenticated:
        return None
    return Rating.objects.filter(card=card, user=user).first()


def argument_of(user, card: Card) -> Argument | None:
    if not user.is_authenticated:
        return None
    return Argument.objects.filter(card=card, author=user).first()


def get_argument_for_user(user, summit: Summit, argument_id: int) -> Argument:
    """A visible argument on a visible card, as anyone may read it."""
    argument = (
        Argument.objects.filter(card__summit=summit, pk=argument_id)
        .select_related("card__summit", "author")
        .first()
    )
    if argument is None:
        raise Http404
    if argument.hidden_at is not None or argument.card.hidden_at is not None:
        raise Http404
    return argument


# Collections.


def public_collections(summit: Summit) -> QuerySet[Collection]:
    return (
        Collection.objects.filter(summit=summit, visibility=Collection.Visibility.PUBLIC)
        .select_related("owner", "summit")
        .order_by("-updated_at", "-pk")
    )


def collections_of(user, summit: Summit) -> QuerySet[Collection]:
    if not user.is_authenticated:
        return Collection.objects.none()
    return (
        Collection.objects.filter(summit=summit, owner=user)
        .select_related("owner", "summit")
        .order_by("-updated_at", "-pk")
    )


def get_collection_for_user(user, summit: Summit, token: str) -> Collection:
    """A collection anyone with its address may read, public or unlisted."""
    collection = (
        Collection.objects.filter(summit=summit, token=token)
        .select_related("owner", "summit")
        .first()
    )
    if collection is None:
        raise Http404
    return collection


def get_collection_for_owner(user, summit: Summit, token: str) -> Collection:
    collection = get_collection_for_user(user, summit, token)
    if not user.is_authenticated:
        raise Http404
    if collection.owner_id != user.pk:
        raise Http404
    if not can_take_part(user, summit):
        raise Http404
    return collection


def collection_items(collection: Collection) -> list[CollectionItem]:
    """The collection's cards in order; hidden cards left out."""
    return list(
        CollectionItem.objects.filter(collection=collection, card__hidden_at__isnull=True)
        .select_related("card__summit")
        .prefetch_related("card__tags")
        .order_by("position", "pk")
    )


def get_item_for_owner(user, collection: Collection, item_id: int) -> CollectionItem:
    item = (
        CollectionItem.objects.filter(collection=collection, pk=item_id)
        .select_related("card", "collection")
        .first()
    )
    if item is None:
        raise Http404
    if collection.owner_id != user.pk:
        raise Http404
    return item


# Moderation.


def reported_cards(summit: Summit) -> QuerySet[Card]:
    """Cards with open reports or hidden, most reported first."""
    return (
        Card.objects.filter(summit=summit)
        .filter(Q(reports_count__gt=0) | Q(hidden_at__isnull=False))
        .select_related("summit", "created_by")
        .order_by("-reports_count", "-pk")
    )


def reported_arguments(summit: Summit) -> QuerySet[Argument]:
    return (
        Argument.objects.filter(card__summit=summit)
        .filter(Q(reports_count__gt=0) | Q(hidden_at__isnull=False))
        .select_related("card__summit", "author")
        .order_by("-reports_count", "-pk")
    )


def moderation_log(summit: Summit) -> QuerySet[ModerationAction]:
    return ModerationAction.objects.filter(summit=summit).select_related(
        "moderator", "card", "argument", "user"
    )


def get_summit_for_moderator(user, slug: str) -> Summit:
    summit = get_summit_for_user(user, slug)
    if not can_moderate(user, summit):
        raise Http404
    return summit


def get_summit_for_organiser(user, slug: str) -> Summit:
    summit = get_summit_for_user(user, slug)
    if not can_organise(user, summit):
        raise Http404
    return summit


def get_reported_card(summit: Summit, card_id: int) -> Card:
    card = Card.objects.filter(summit=summit, pk=card_id).select_related("summit").first()
    if card is None:
        raise Http404
    return card


def get_reported_argument(summit: Summit, argument_id: int) -> Argument:
    argument = (
        Argument.objects.filter(card__summit=summit, pk=argument_id)
        .select_related("card__summit", "author")
        .first()
    )
    if argument is None:
        raise Http404
    return argument


def get_tag_for_manager(user, summit: Summit, slug: str) -> Tag:
    if not can_manage_tags(user, summit):
        raise Http404
    tag = Tag.objects.filter(summit=summit, slug=slug).first()
    if tag is None:
        raise Http404
    return tag
