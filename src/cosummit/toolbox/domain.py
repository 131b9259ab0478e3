"""Writes to a summit's toolbox: cards, links, ratings, arguments, collections, moderation.

Views, the API, the import and the hackathon call these functions. Each checks
that the person acting (`by`) may do it, raising `PermissionDenied`, and
validates what it writes, raising `ValidationError` with translated messages,
so that every way in keeps the same rules.
"""

import logging
import re
from collections.abc import Iterable

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cosummit.core.i18n import TranslatedText, clean_translations, language_codes
from cosummit.summits import domain as summits_domain
from cosummit.summits.models import Block, Summit

from . import queries
from .models import (
    SORT_LANGUAGES,
    Argument,
    ArgumentSide,
    Card,
    CardKind,
    CardLink,
    Collection,
    CollectionItem,
    Licence,
    LinkType,
    ModerationAction,
    Rating,
    Report,
    ReportReason,
    Tag,
    ToolboxSettings,
)

logger = logging.getLogger(__name__)

# The fields a card's creator and moderators may change, in the order forms show them.
CARD_FIELDS = (
    "title",
    "description",
    "tags",
    "licence",
    "licence_other",
    "website",
    "repository",
    "languages",
    "country",
)
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
# The columns `index_card` fills.
INDEX_FIELDS = (
    "search_text",
    *(f"sort_title_{code}" for code in SORT_LANGUAGES),
    "languages_key",
)


def _require_participant(user, summit: Summit) -> None:
    if not queries.can_take_part(user, summit):
        raise PermissionDenied(
            _("Only signed-in people with a verified e-mail address may do this.")
        )


def _require_moderator(user, summit: Summit) -> None:
    if not queries.can_moderate(user, summit):
        raise PermissionDenied(_("Only the summit’s moderators may do this."))


# Cards.


def known_language_codes() -> set[str]:
    """Language codes a tool may be available in: ISO 639 codes Django knows."""
    return {code for code in LANG_INFO if LANGUAGE_CODE.fullmatch(code)}


def clean_languages(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = re.split(r"[,;\s]+", value)
    if not isinstance(value, list | tuple):
        raise ValidationError({"languages": _("Give a list of language codes, such as fr, en.")})
    codes = list(dict.fromkeys(str(code).strip().lower() for code in value if str(code).strip()))
    known = known_language_codes()
    for code in codes:
        if code not in known:
            raise ValidationError(
                {
                    "languages": _("“%(code)s” is not a language code. Write codes such as fr, en.")
                    % {"code": code}
                }
            )
    return codes


def index_card(card: Card) -> None:
    """Fill the card's search, sort and language columns from its fields."""
    # In the order of the site's languages: PostgreSQL does not keep the keys' order.
    codes = language_codes()
    texts = [card.title.get(code, "") for code in codes]
    texts += [card.description.get(code, "") for code in codes]
    card.search_text = queries.normalise(" ".join(text for text in texts if text))
    for code in SORT_LANGUAGES:
        sort_title = queries.normalise(card.title.localize(code).text)[:200]
        setattr(card, f"sort_title_{code}", sort_title)
    card.languages_key = f",{','.join(card.languages)}," if card.languages else ""


def unique_card_slug(summit: Summit, title: TranslatedText, *, wanted: str = "") -> str:
    """A free short name for a card, from `wanted` or else the title, numbered when taken."""
    base = slugify(wanted or title.localize(settings.LANGUAGE_CODE).text)[:70].strip("-")
    base = base or "card"
    taken = set(
        Card.objects.filter(summit=summit, slug__startswith=base).values_list("slug", flat=True)
    )
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _tags_of_summit(summit: Summit, tags: Iterable) -> list[Tag]:
    """Tags given as Tag rows or slugs, all of `summit`'s toolbox."""
    tags = list(tags or [])
    slugs = [tag if isinstance(tag, str) else tag.slug for tag in tags]
    found = {tag.slug: tag for tag in Tag.objects.filter(summit=summit, slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            {"tags": _("Unknown themes: %(slugs)s.") % {"slugs": ", ".join(unknown)}}
        )
    return [found[slug] for slug in dict.fromkeys(slugs)]


def _validate_card(card: Card) -> None:
    """Check every field of `card` with the model's rules, raising one ValidationError."""
    errors = {}
    try:
        card.full_clean(exclude=["summit", "slug", "created_by", "tags"], validate_unique=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if card.licence == Licence.OTHER and not card.licence_other.strip():
        errors.setdefault("licence_other", []).append(_("Name the licence."))
    if card.licence != Licence.OTHER and card.licence_other:
        card.licence_other = ""
    if card.kind != CardKind.ORGANISATION and card.country:
        errors.setdefault("country", []).append(_("Only organisations have a country."))
    if errors:
        raise ValidationError(errors)


def create_card(
    summit: Summit,
    *,
    by,
    kind: str,
    title,
    description=None,
    tags: Iterable = (),
    licence: str = "",
    licence_other: str = "",
    website: str = "",
    repository: str = "",
    languages=(),
    country: str = "",
    slug: str = "",
) -> Card:
    """Add a card to `summit`'s toolbox, proposed by `by`; it is public at once.

    Side effects, in order:
    1. one Card row written, with its search and sort columns;
    2. its themes set (rows of the tags table);
    3. an INFO log entry.
    """
    _require_participant(by, summit)
    card = Card(
        summit=summit,
        kind=kind,
        title=clean_translations(title),
        description=clean_translations(description),
        licence=licence or "",
        licence_other=licence_other or "",
        website=website or "",
        repository=repository or "",
        languages=clean_languages(languages),
        country=country or "",
        created_by=by,
    )
    _validate_card(card)
    tag_rows = _tags_of_summit(summit, tags)
    index_card(card)
    with transaction.atomic():
        card.slug = unique_card_slug(summit, card.title, wanted=slug)
        card.save()
        card.tags.set(tag_rows)
    logger.info("Toolbox card %s (%s) created by user %s.", card.pk, card.kind, by.pk)
    return card


def update_card(card: Card, *, by, **changes) -> list[str]:
    """Change the card's fields named in CARD_FIELDS; return the names changed.

    Side effects, in order:
    1. the changed fields and the search and sort columns saved;
    2. its themes replaced, when they changed.
    """
    if not queries.can_edit_card(by, card):
        raise PermissionDenied(_("Only the card’s creator and the moderators may edit it."))
    unknown = set(changes) - set(CARD_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")
    tag_rows = None
    if "tags" in changes:
        tag_rows = _tags_of_summit(card.summit, changes.pop("tags"))
    for name in ("title", "description"):
        if name in changes:
            changes[name] = clean_translations(changes[name])
    if "languages" in changes:
        changes["languages"] = clean_languages(changes["languages"])
    for name in ("licence", "licence_other", "website", "repository", "country"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    # The licence's name is cleared with a listed licence, even when not given.
    before = {name: getattr(card, name) for name in {*changes, "licence_other"}}
    for name, value in changes.items():
        setattr(card, name, value)
    try:
        _validate_card(card)
    except ValidationError:
        for name, value in before.items():
            setattr(card, name, value)
        raise
    changed = sorted(name for name in before if before[name] != getattr(card, name))
    with transaction.atomic():
        if changed:
            index_card(card)
            card.save(update_fields=[*changed, *INDEX_FIELDS, "updated_at"])
        if tag_rows is not None and {tag.pk for tag in tag_rows} != {
            tag.pk for tag in card.tags.all()
        }:
            card.tags.set(tag_rows)
            changed.append("tags")
    return changed


def publish_to_toolbox(
    *,
    summit: Summit,
    kind: str,
    title,
    description,
    website: str,
    repository: str,
    licence: str,
    tags: Iterable,
    by,
) -> Card:
    """Publish something made elsewhere, such as a hackathon project, as a toolbox card.

    This is the one step the hackathon calls: the card is public at once and
    `by` becomes its creator, who may then edit it like any card they proposed.

    - `kind`: a `CardKind` value, usually `CardKind.TOOL`;
    - `title`, `description`: `{"fr": …, "en": …}` mappings (a plain string is
      taken as the site's default language); the description is Markdown;
    - `website`, `repository`: addresses, or "";
    - `licence`: an SPDX identifier of `Licence`, or "";
    - `tags`: Tag rows or slugs of tags of the summit's toolbox;
    - `by`: a person who may take part (verified e-mail, not blocked).

    Raises `PermissionDenied` when `by` may not propose cards, and
    `ValidationError` (a message per field) on bad input, writing nothing.

    Side effects: those of `create_card`.
    """
    return create_card(
        summit,
        by=by,
        kind=kind,
        title=title,
        description=description,
        website=website,
        repository=repository,
        licence=licence,
        tags=tags,
    )


# Links.


def parse_link_choice(card: Card, choice: str, other: Card) -> tuple[Card, str, Card]:
    """(source, type, target) from a choice "<type>:out" or "<type>:in" made on `card`."""
    link_type, _sep, direction = choice.partition(":")
    if link_type not in LinkType.values or direction not in ("out", "in"):
        raise ValidationError({"link_type": _("Choose how the cards are linked.")})
    if direction == "out":
        return card, link_type, other
    return other, link_type, card


def validate_link(source: Card, link_type: str, target: Card) -> None:
    if link_type not in LinkType.values:
        raise ValidationError({"link_type": _("Choose how the cards are linked.")})
    if source.summit_id != target.summit_id:
        raise ValidationError({"target": _("Both cards must be in the same toolbox.")})
    if source.pk == target.pk:
        raise ValidationError({"target": _("A card cannot be linked to itself.")})
    if (source.kind, target.kind) not in queries.ALLOWED_LINKS[LinkType(link_type)]:
        raise ValidationError(
            {
                "target": _(
                    "This kind of link cannot join a card of kind “%(source)s” to one of "
                    "kind “%(target)s”."
                )
                % {"source": CardKind(source.kind).label, "target": CardKind(target.kind).label}
            }
        )
    same = CardLink.objects.filter(source=source, link_type=link_type, target=target)
    if link_type == LinkType.ALTERNATIVE:
        same = same | CardLink.objects.filter(source=target, link_type=link_type, target=source)
    if same.exists():
        raise ValidationError({"target": _("These cards are already linked this way.")})


def add_link(*, source: Card, link_type: str, target: Card, by) -> CardLink:
    """Link two cards; `by` must be able to edit one of them.

    Side effects: one CardLink row written.
    """
    if not (queries.can_edit_card(by, source) or queries.can_edit_card(by, target)):
        raise PermissionDenied(_("Only those who may edit one of the cards may link them."))
    validate_link(source, link_type, target)
    try:
        with transaction.atomic():
            return CardLink.objects.create(
                summit=source.summit,
                source=source,
                link_type=link_type,
                target=target,
                created_by=by,
            )
    except IntegrityError:
        raise ValidationError({"target": _("These cards are already linked this way.")}) from None


def remove_link(link: CardLink, *, by) -> None:
    """Side effects: the CardLink row deleted."""
    if not (queries.can_edit_card(by, link.source) or queries.can_edit_card(by, link.target)):
        raise PermissionDenied(_("Only those who may edit one of the cards may unlink them."))
    link.delete()


# Ratings and arguments.


def refresh_rating_counters(card: Card) -> None:
    """Recount the card's ratings into its counters; the card row must be locked."""
    totals = Rating.objects.filter(card=card).aggregate(count=Count("pk"), average=Avg("score"))
    card.rating_count = totals["count"]
    card.rating_average = round(float(totals["average"] or 0), 2)
    card.save(update_fields=["rating_count", "rating_average"])


def rate_card(card: Card, *, by, score) -> Rating:
    """Give or change `by`'s rating of `card`, from 1 to 5.

    Side effects, in order:
    1. the card row locked, so that concurrent ratings count right;
    2. the person's Rating row written or changed;
    3. the card's rating count and average saved.
    """
    _require_participant(by, card.summit)
    if card.hidden_at is not None:
        raise PermissionDenied(_("This card is hidden."))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Give a rating from 1 to 5.")})
    with transaction.atomic():
        locked = Card.objects.select_for_update().get(pk=card.pk)
        rating, _created = Rating.objects.update_or_create(
            card=locked, user=by, defaults={"score": score}
        )
        refresh_rating_counters(locked)
    card.rating_count, card.rating_average = locked.rating_count, locked.rating_average
    return rating


def withdraw_rating(card: Card, *, by) -> None:
    """Side effects: the person's Rating row deleted, the card's counters saved."""
    with transaction.atomic():
        locked = Card.objects.select_for_update().get(pk=card.pk)
        Rating.objects.filter(card=locked, user=by).delete()
        refresh_rating_counters(locked)
    card.rating_count, card.rating_average = locked.rating_count, locked.rating_average


def argue(card: Card, *, by, side: str, text: str) -> Argument:
    """Write or rewrite `by`'s short argument for or against `card`.

    A rewritten argument stays hidden if moderators hid it.

    Side effects: the person's Argument row written or changed.
    """
    _require_participant(by, card.summit)
    if card.hidden_at is not None:
        raise PermissionDenied(_("This card is hidden."))
    errors = {}
    if side not in ArgumentSide.values:
        errors["side"] = _("Say whether the argument is for or against.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Write the argument.")
    elif len(text) > Argument._meta.get_field("text").max_length:
        errors["text"] = _("Keep the argument under %(limit)d characters.") % {
            "limit": Argument._meta.get_field("text").max_length
        }
    if errors:
        raise ValidationError(errors)
    argument, _created = Argument.objects.update_or_create(
        card=card, author=by, defaults={"side": side, "text": text}
    )
    return argument


def withdraw_argument(card: Card, *, by) -> None:
    """Side effects: the person's Argument row deleted, with its reports."""
    Argument.objects.filter(card=card, author=by).delete()


# Collections.


def _validate_collection(collection: Collection) -> None:
    collection.full_clean(exclude=["summit", "owner", "token"], validate_unique=False)


def create_collection(
    summit: Summit, *, by, title: str, description: str = "", visibility: str = "public"
) -> Collection:
    """Side effects: one Collection row written."""
    _require_participant(by, summit)
    collection = Collection(
        summit=summit, owner=by, title=title, description=description, visibility=visibility
    )
    _validate_collection(collection)
    collection.save()
    return collection


def update_collection(collection: Collection, *, by, **changes) -> None:
    """Side effects: the collection's title, description and visibility saved."""
    if collection.owner_id != by.pk:
        raise PermissionDenied
    _require_participant(by, collection.summit)
    unknown = set(changes) - {"title", "description", "visibility"}
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")
    for name, value in changes.items():
        setattr(collection, name, value)
    _validate_collection(collection)
    collection.save(update_fields=[*changes, "updated_at"])


def delete_collection(collection: Collection, *, by) -> None:
    """Side effects: the collection and its items deleted."""
    if collection.owner_id != by.pk:
        raise PermissionDenied
    collection.delete()


def add_to_collection(collection: Collection, *, card: Card, note: str = "", by) -> CollectionItem:
    """Add `card` at the end of the collection, or change its note when it is there.

    Side effects, in order:
    1. the collection row locked, so that positions stay distinct;
    2. one CollectionItem row written or its note changed;
    3. the collection's updated_at saved.
    """
    if collection.owner_id != by.pk:
        raise PermissionDenied
    _require_participant(by, collection.summit)
    if card.summit_id != collection.summit_id or card.hidden_at is not None:
        raise ValidationError({"card": _("This card cannot be added to this collection.")})
    note = (note or "").strip()
    if len(note) > CollectionItem._meta.get_field("note").max_length:
        raise ValidationError({"note": _("Keep the note under 500 characters.")})
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        item = CollectionItem.objects.filter(collection=collection, card=card).first()
        if item is None:
            last = collection.items.aggregate(last=Max("position"))["last"]
            item = CollectionItem.objects.create(
                collection=collection,
                card=card,
                note=note,
                position=0 if last is None else last + 1,
            )
        elif item.note != note:
            item.note = note
            item.save(update_fields=["note"])
        collection.save(update_fields=["updated_at"])
    return item


def remove_from_collection(item: CollectionItem, *, by) -> None:
    """Side effects: the CollectionItem row deleted."""
    if item.collection.owner_id != by.pk:
        raise PermissionDenied
    item.delete()


def move_collection_item(item: CollectionItem, *, by, step: int) -> None:
    """Swap the item with its neighbour, one place up (step=-1) or down (step=1).

    Side effects: the positions of both items saved.
    """
    if item.collection.owner_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=item.collection_id).first()
        items = list(item.collection.items.order_by("position", "pk"))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        neighbour = index + (1 if step > 0 else -1)
        if not 0 <= neighbour < len(items):
            return
        items[index], items[neighbour] = items[neighbour], items[index]
        for position, row in enumerate(items):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position"])


# Tags and settings.


def save_tag(summit: Summit, *, by, slug: str, name, tag: Tag | None = None) -> Tag:
    """Create a theme, or change `tag`.

    Side effects: one Tag row written.
    """
    if not queries.can_manage_tags(by, summit):
        raise PermissionDenied
    tag = tag or Tag(summit=summit)
    tag.slug, tag.name = slug, clean_translations(name)
    tag.full_clean(exclude=["summit"], validate_unique=False)
    clash = Tag.objects.filter(summit=summit, slug=slug).exclude(pk=tag.pk)
    if clash.exists():
        raise ValidationError({"slug": _("Another theme already uses this short name.")})
    tag.save()
    return tag


def set_toolbox_settings(summit: Summit, *, by, reports_to_hide: int) -> ToolboxSettings:
    """Side effects: the summit's ToolboxSettings row written."""
    if not queries.can_organise(by, summit):
        raise PermissionDenied
    if not isinstance(reports_to_hide, int) or reports_to_hide < 1:
        raise ValidationError({"reports_to_hide": _("Give a number of 1 or more.")})
    toolbox_settings, _created = ToolboxSettings.objects.update_or_create(
        summit=summit, defaults={"reports_to_hide": reports_to_hide}
    )
    return toolbox_settings


# Moderation.


def _report(summit: Summit, target, *, by, reason: str, note: str, **target_field) -> Report:
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    note = (note or "").strip()[:500]
    model = type(target)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=target.pk)
        if Report.objects.filter(reporter=by, **target_field).exists():
            raise ValidationError({"reason": _("You have already reported this.")})
        report = Report.objects.create(
            summit=summit, reporter=by, reason=reason, note=note, **target_field
        )
        model.objects.filter(pk=target.pk).update(reports_count=F("reports_count") + 1)
        locked.refresh_from_db(fields=["reports_count", "hidden_at"])
        if locked.hidden_at is None and (
            locked.reports_count >= queries.settings_for(summit).reports_to_hide
        ):
            locked.hidden_at = timezone.now()
            locked.save(update_fields=["hidden_at"])
            ModerationAction.objects.create(
                summit=summit,
                action=ModerationAction.Action.AUTO_HIDE,
                reason=str(ReportReason(reason).label),
                user=_author_of(locked),
                **target_field,
            )
    target.reports_count, target.hidden_at = locked.reports_count, locked.hidden_at
    return report


def report_card(card: Card, *, by, reason: str, note: str = "") -> Report:
    """Report `card` to the moderators; it is hidden once enough people did.

    Side effects, in order:
    1. the card row locked;
    2. one Report row written, the card's open report count increased;
    3. when the count reaches the summit's threshold, the card hidden and an
       AUTO_HIDE entry written to the moderation log.
    """
    _require_participant(by, card.summit)
    return _report(card.summit, card, by=by, reason=reason, note=note, card=card)


def report_argument(argument: Argument, *, by, reason: str, note: str = "") -> Report:
    """Report an argument; as `report_card`, for the argument."""
    summit = argument.card.summit
    _require_participant(by, summit)
    return _report(summit, argument, by=by, reason=reason, note=note, argument=argument)


def _log(summit: Summit, action: str, *, by, reason: str = "", **target) -> None:
    ModerationAction.objects.create(
        summit=summit, action=action, moderator=by, reason=reason[:500], **target
    )


def _target_field(target) -> dict:
    return {"card": target} if isinstance(target, Card) else {"argument": target}


def _author_of(target):
    return target.created_by if isinstance(target, Card) else target.author


def _summit_of(target) -> Summit:
    return target.summit if isinstance(target, Card) else target.card.summit


def hide(target: Card | Argument, *, by, reason: str = "") -> None:
    """Hide a card or an argument from everyone but the moderators.

    Side effects, in order:
    1. its hidden_at saved and its open reports resolved;
    2. a HIDE entry in the moderation log.
    """
    summit = _summit_of(target)
    _require_moderator(by, summit)
    now = timezone.now()
    with transaction.atomic():
        if target.hidden_at is None:
            target.hidden_at = now
            target.save(update_fields=["hidden_at"])
        _resolve_reports(target, now)
        _log(
            summit,
            ModerationAction.Action.HIDE,
            by=by,
            reason=reason,
            user=_author_of(target),
            **_target_field(target),
        )


def restore(target: Card | Argument, *, by, reason: str = "") -> None:
    """Show a hidden card or argument again, its reports resolved.

    Side effects, in order:
    1. its hidden_at cleared and its open reports resolved;
    2. a RESTORE entry in the moderation log.
    """
    summit = _summit_of(target)
    _require_moderator(by, summit)
    with transaction.atomic():
        target.hidden_at = None
        target.save(update_fields=["hidden_at"])
        _resolve_reports(target, timezone.now())
        _log(
            summit,
            ModerationAction.Action.RESTORE,
            by=by,
            reason=reason,
            user=_author_of(target),
            **_target_field(target),
        )


def dismiss_reports(target: Card | Argument, *, by, reason: str = "") -> None:
    """Resolve the open reports of a card or argument, leaving it as it is.

    Side effects, in order:
    1. its open reports resolved and its report count set to 0;
    2. a DISMISS entry in the moderation log.
    """
    summit = _summit_of(target)
    _require_moderator(by, summit)
    with transaction.atomic():
        _resolve_reports(target, timezone.now())
        _log(
            summit,
            ModerationAction.Action.DISMISS,
            by=by,
            reason=reason,
            user=_author_of(target),
            **_target_field(target),
        )


def _resolve_reports(target, now) -> None:
    Report.objects.filter(resolved_at__isnull=True, **_target_field(target)).update(resolved_at=now)
    target.reports_count = 0
    target.save(update_fields=["reports_count"])


def block_person(summit: Summit, *, user, by, reason: str = "") -> Block:
    """Stop `user` from writing in the summit's toolbox, and anywhere else in the summit.

    The block is the summit's (`summits.domain.block_person`): the person
    cannot take part in the call for proposals either. Raises
    `ValidationError` for oneself and for members of the summit's team.

    Side effects, in order:
    1. one Block row written (or the existing one kept) and a log entry;
    2. a BLOCK entry in the moderation log;
    3. the answer kept for this request on whether `user` may take part is forgotten.
    """
    _require_moderator(by, summit)
    with transaction.atomic():
        block, _created = summits_domain.block_person(summit, user=user, by=by, reason=reason)
        _log(summit, ModerationAction.Action.BLOCK, by=by, reason=reason, user=user)
    queries.forget_take_part(user)
    return block


def unblock_person(summit: Summit, *, user, by) -> None:
    """Let `user` write again in the summit's toolbox, and anywhere else in the summit.

    Side effects, in order:
    1. the summit's Block row deleted and a log entry (`summits.domain.unblock_person`);
    2. an UNBLOCK entry in the moderation log;
    3. the answer kept for this request on whether `user` may take part is forgotten.
    """
    _require_moderator(by, summit)
    with transaction.atomic():
        summits_domain.unblock_person(summit, user=user, by=by)
        _log(summit, ModerationAction.Action.UNBLOCK, by=by, user=user)
    queries.forget_take_part(user)
