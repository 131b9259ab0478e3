"""The whole catalogue of a toolbox as JSON or CSV: export for everyone, import for organisers.

Both formats carry the same records: themes (tags), cards and links between
cards, each named by its short name (slug). The import is idempotent: a theme
or card whose slug exists is updated, a link that exists is kept. It checks
every record first and writes nothing when one is wrong, saying which line
(CSV) or which item (JSON) and why.

JSON: ``{"format": "cosummit-toolbox", "version": 1, "tags": [{"slug", "name":
{"fr", "en"}}], "cards": [{"slug", "kind", "title": {…}, "description": {…},
"tags": [slug, …], "licence", "licence_other", "website", "repository",
"languages": [code, …], "country"}], "links": [{"source", "type", "target"}]}``.

CSV: one record a line, its first column `record` saying tag, card or link;
texts in columns per language (`title_fr`, `title_en`, `name_fr`, …); lists
(tags, languages) separated by spaces.
"""

import csv
import io
import json
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cosummit.core.i18n import clean_translations, language_codes
from cosummit.summits.models import Summit

from . import domain, queries
from .models import Card, CardKind, CardLink, LinkType, Tag

FORMAT_NAME = "cosummit-toolbox"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 10 * 1024 * 1024
CARD_TEXT_FIELDS = ("licence", "licence_other", "website", "repository", "country")


def csv_columns() -> list[str]:
    codes = language_codes()
    return [
        "record",
        "slug",
        "kind",
        *[f"title_{code}" for code in codes],
        *[f"description_{code}" for code in codes],
        "tags",
        "licence",
        "licence_other",
        "website",
        "repository",
        "languages",
        "country",
        *[f"name_{code}" for code in codes],
        "source",
        "link_type",
        "target",
    ]


# Export.


def exported_catalogue(summit: Summit) -> dict:
    """The public catalogue: hidden cards, and links to them, left out. Four queries."""
    tags = [{"slug": tag.slug, "name": dict(tag.name)} for tag in Tag.objects.filter(summit=summit)]
    cards = []
    for card in queries.public_cards(summit).prefetch_related("tags").order_by("slug"):
        cards.append(
            {
                "slug": card.slug,
                "kind": card.kind,
                "title": dict(card.title),
                "description": dict(card.description),
                "tags": sorted(tag.slug for tag in card.tags.all()),
                "licence": card.licence,
                "licence_other": card.licence_other,
                "website": card.website,
                "repository": card.repository,
                "languages": list(card.languages),
                "country": card.country.code or "",
            }
        )
    links = [
        {"source": source, "type": link_type, "target": target}
        for source, link_type, target in CardLink.objects.filter(
            summit=summit, source__hidden_at__isnull=True, target__hidden_at__isnull=True
        )
        .order_by("source__slug", "link_type", "target__slug")
        .values_list("source__slug", "link_type", "target__slug")
    ]
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "summit": summit.slug,
        "tags": tags,
        "cards": cards,
        "links": links,
    }


def export_json(summit: Summit) -> str:
    return json.dumps(exported_catalogue(summit), ensure_ascii=False, indent=2)


def export_csv(summit: Summit) -> str:
    catalogue = exported_catalogue(summit)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=csv_columns())
    writer.writeheader()
    codes = language_codes()
    for tag in catalogue["tags"]:
        writer.writerow(
            {
                "record": "tag",
                "slug": tag["slug"],
                **{f"name_{code}": tag["name"].get(code, "") for code in codes},
            }
        )
    for card in catalogue["cards"]:
        writer.writerow(
            {
                "record": "card",
                "slug": card["slug"],
                "kind": card["kind"],
                **{f"title_{code}": card["title"].get(code, "") for code in codes},
                **{f"description_{code}": card["description"].get(code, "") for code in codes},
                "tags": " ".join(card["tags"]),
                "languages": " ".join(card["languages"]),
                **{name: card[name] for name in CARD_TEXT_FIELDS},
            }
        )
    for link in catalogue["links"]:
        writer.writerow(
            {
                "record": "link",
                "source": link["source"],
                "link_type": link["type"],
                "target": link["target"],
            }
        )
    return out.getvalue()


# Import.


class UnreadableFile(Exception):
    """The file could not be read at all."""


@dataclass
class Record:
    where: str
    data: dict


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    tags_created: int = 0
    tags_updated: int = 0
    cards_created: int = 0
    cards_updated: int = 0
    links_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _split(value) -> list[str]:
    if isinstance(value, list):
        return [_text(item) for item in value if _text(item)]
    return [item for item in _text(value).replace(",", " ").split() if item]


def read_json(content: str) -> tuple[list[Record], list[Record], list[Record]]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        raise UnreadableFile(
            _("The file is not valid JSON (line %(line)d: %(message)s).")
            % {"line": error.lineno, "message": error.msg}
        ) from None
    if not isinstance(data, dict):
        raise UnreadableFile(_("The JSON file must hold an object with tags, cards and links."))
    groups = []
    for key, label in (("tags", _("Theme")), ("cards", _("Card")), ("links", _("Link"))):
        items = data.get(key, [])
        if not isinstance(items, list):
            raise UnreadableFile(_("“%(key)s” must be a list.") % {"key": key})
        records = []
        for number, item in enumerate(items, start=1):
            where = _("%(label)s %(number)d") % {"label": label, "number": number}
            records.append(Record(where, item if isinstance(item, dict) else {"_invalid": True}))
        groups.append(records)
    for record in groups[2]:
        if "type" in record.data:
            record.data["link_type"] = record.data["type"]
    return groups[0], groups[1], groups[2]


def read_csv(content: str) -> tuple[list[Record], list[Record], list[Record]]:
    reader = csv.DictReader(io.StringIO(content))
    if not reader.fieldnames or "record" not in reader.fieldnames:
        raise UnreadableFile(
            _("The CSV file must start with a header line with a “record” column.")
        )
    codes = language_codes()
    tags, cards, links = [], [], []
    try:
        for row in reader:
            where = _("Line %(number)d") % {"number": reader.line_num}
            kind = _text(row.get("record"))
            if kind == "tag":
                name = {code: _text(row.get(f"name_{code}")) for code in codes}
                tags.append(Record(where, {"slug": _text(row.get("slug")), "name": name}))
            elif kind == "card":
                data = {
                    "slug": _text(row.get("slug")),
                    "kind": _text(row.get("kind")),
                    "title": {code: _text(row.get(f"title_{code}")) for code in codes},
                    "description": {code: _text(row.get(f"description_{code}")) for code in codes},
                    "tags": _split(row.get("tags")),
                    "languages": _split(row.get("languages")),
                    **{name: _text(row.get(name)) for name in CARD_TEXT_FIELDS},
                }
                cards.append(Record(where, data))
            elif kind == "link":
                links.append(
                    Record(
                        where,
                        {name: _text(row.get(name)) for name in ("source", "link_type", "target")},
                    )
                )
            else:
                tags.append(Record(where, {"_record": kind}))
    except csv.Error as error:
        raise UnreadableFile(
            _("The CSV file cannot be read (line %(line)d: %(message)s).")
            % {"line": reader.line_num, "message": str(error)}
        ) from None
    return tags, cards, links


def _field_label(name: str) -> str:
    try:
        return capfirst(str(Card._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def _messages(error: ValidationError) -> list[str]:
    """The messages of a model's ValidationError, each after its field's name."""
    if hasattr(error, "error_dict"):
        return [
            f"{_field_label(name)}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def _line_error(where: str, problems: list) -> str:
    sentences = "; ".join(str(problem).rstrip(".") for problem in problems)
    return _("%(where)s: %(problems)s.") % {"where": where, "problems": sentences}


def import_catalogue(summit: Summit, *, by, content: bytes, filename: str = "") -> ImportResult:
    """Check and then write a catalogue file into `summit`'s toolbox, or nothing.

    Side effects, when every record is valid, in one transaction:
    1. Tag rows created or updated by slug;
    2. Card rows created (their creator is `by`) or updated by slug, with
       their search and sort columns and their themes;
    3. CardLink rows created for the links not already there.
    """
    if not queries.can_import(by, summit):
        raise PermissionDenied
    result = ImportResult()
    if len(content) > MAX_IMPORT_BYTES:
        result.errors.append(_("The file is larger than 10 MB."))
        return result
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(_("The file is not in UTF-8."))
        return result
    is_json = filename.lower().endswith(".json") or text.lstrip().startswith("{")
    try:
        tag_records, card_records, link_records = (read_json if is_json else read_csv)(text)
    except UnreadableFile as error:
        result.errors.append(str(error))
        return result

    existing_tags = {tag.slug: tag for tag in Tag.objects.filter(summit=summit)}
    existing_cards = {card.slug: card for card in Card.objects.filter(summit=summit)}
    tags = _check_tags(tag_records, result)
    # Themes named in the file count as known even when wrong themselves, so
    # that each mistake is reported once, on its own line.
    tag_slugs = set(existing_tags) | {_text(record.data.get("slug")) for record in tag_records}
    cards = _check_cards(summit, card_records, tag_slugs, result)
    kinds = {slug: card.kind for slug, card in existing_cards.items()}
    kinds.update({card.slug: card.kind for card, _tags in cards})
    links = _check_links(link_records, kinds, result)
    if result.errors:
        return result

    with transaction.atomic():
        _write_tags(summit, tags, existing_tags, result)
        ids = _write_cards(summit, by, cards, existing_cards, result)
        _write_links(summit, by, links, ids, result)
    return result


def _check_tags(records: list[Record], result: ImportResult) -> list[dict]:
    tags, seen = [], set()
    for record in records:
        data = record.data
        if "_record" in data:
            result.errors.append(
                _("%(where)s: “%(record)s” is not a record type; use tag, card or link.")
                % {"where": record.where, "record": data["_record"]}
            )
            continue
        if data.get("_invalid"):
            result.errors.append(_("%(where)s: not an object.") % {"where": record.where})
            continue
        problems = []
        slug = _text(data.get("slug"))
        try:
            validate_slug(slug)
        except ValidationError:
            problems.append(_("the short name must be letters, digits and hyphens"))
        if slug in seen:
            problems.append(_("the short name “%(slug)s” appears twice") % {"slug": slug})
        name = data.get("name")
        name = clean_translations(name if isinstance(name, dict | str) else None)
        if not name:
            problems.append(_("the name is missing"))
        elif any(len(text) > 100 for text in name.values()):
            problems.append(_("the name is longer than 100 characters"))
        if problems:
            result.errors.append(_line_error(record.where, problems))
            continue
        seen.add(slug)
        tags.append({"slug": slug, "name": name})
    return tags


def _check_cards(
    summit: Summit, records: list[Record], tag_slugs: set[str], result: ImportResult
) -> list[tuple[Card, list[str]]]:
    cards, seen = [], set()
    for record in records:
        data = record.data
        if data.get("_invalid"):
            result.errors.append(_("%(where)s: not an object.") % {"where": record.where})
            continue
        problems = []
        slug = _text(data.get("slug"))
        try:
            validate_slug(slug)
            if len(slug) > 80:
                raise ValidationError("too long")
        except ValidationError:
            problems.append(_("the short name must be letters, digits and hyphens"))
        if slug in seen:
            problems.append(_("the short name “%(slug)s” appears twice") % {"slug": slug})
        tags = _split(data.get("tags"))
        unknown = [tag for tag in tags if tag not in tag_slugs]
        if unknown:
            problems.append(_("unknown themes: %(slugs)s") % {"slugs": ", ".join(unknown)})
        title, description = data.get("title"), data.get("description")
        card = Card(
            summit=summit,
            slug=slug,
            kind=_text(data.get("kind")),
            title=clean_translations(title if isinstance(title, dict | str) else None),
            description=clean_translations(
                description if isinstance(description, dict | str) else None
            ),
            **{name: _text(data.get(name)) for name in CARD_TEXT_FIELDS},
        )
        try:
            card.languages = domain.clean_languages(_split(data.get("languages")))
        except ValidationError as error:
            problems.extend(_messages(error))
            card.languages = []
        try:
            domain._validate_card(card)
        except ValidationError as error:
            problems.extend(_messages(error))
        if problems:
            result.errors.append(_line_error(record.where, problems))
            continue
        seen.add(slug)
        cards.append((card, list(dict.fromkeys(tags))))
    return cards


def _check_links(
    records: list[Record], kinds: dict[str, str], result: ImportResult
) -> list[tuple[str, str, str]]:
    links = []
    for record in records:
        data = record.data
        if data.get("_invalid"):
            result.errors.append(_("%(where)s: not an object.") % {"where": record.where})
            continue
        source, link_type, target = (
            _text(data.get(name)) for name in ("source", "link_type", "target")
        )
        problems = []
        for slug in (source, target):
            if slug not in kinds:
                problems.append(_("there is no card “%(slug)s”") % {"slug": slug})
        if link_type not in LinkType.values:
            problems.append(
                _("“%(type)s” is not a link type; use %(types)s")
                % {"type": link_type, "types": ", ".join(LinkType.values)}
            )
        elif not problems:
            if source == target:
                problems.append(_("a card cannot be linked to itself"))
            elif (kinds[source], kinds[target]) not in queries.ALLOWED_LINKS[LinkType(link_type)]:
                problems.append(
                    _(
                        "this kind of link cannot join a card of kind “%(source)s” to one "
                        "of kind “%(target)s”"
                    )
                    % {
                        "source": CardKind(kinds[source]).label,
                        "target": CardKind(kinds[target]).label,
                    }
                )
        if problems:
            result.errors.append(_line_error(record.where, problems))
            continue
        links.append((source, link_type, target))
    return list(dict.fromkeys(links))


def _write_tags(summit: Summit, tags: list[dict], existing: dict, result: ImportResult) -> None:
    new, changed = [], []
    for data in tags:
        tag = existing.get(data["slug"])
        if tag is None:
            tag = Tag(summit=summit, slug=data["slug"], name=data["name"])
            new.append(tag)
            existing[tag.slug] = tag
        elif dict(tag.name) != dict(data["name"]):
            tag.name = data["name"]
            changed.append(tag)
    Tag.objects.bulk_create(new)
    Tag.objects.bulk_update(changed, ["name"])
    if new:
        existing.update({tag.slug: tag for tag in Tag.objects.filter(summit=summit)})
    result.tags_created, result.tags_updated = len(new), len(changed)


CARD_IMPORT_FIELDS = [
    "kind",
    "title",
    "description",
    *CARD_TEXT_FIELDS,
    "languages",
    *domain.INDEX_FIELDS,
]


def _write_cards(summit: Summit, by, cards, existing: dict, result: ImportResult) -> dict[str, int]:
    """Write the cards and their themes; return the id of every card of the summit by slug."""
    new, changed = [], []
    for card, _tags in cards:
        domain.index_card(card)
        current = existing.get(card.slug)
        if current is None:
            card.created_by = by
            new.append(card)
            continue
        card.pk = current.pk
        if any(getattr(current, name) != getattr(card, name) for name in CARD_IMPORT_FIELDS):
            changed.append(card)
    Card.objects.bulk_create(new, batch_size=500)
    Card.objects.bulk_update(changed, CARD_IMPORT_FIELDS, batch_size=500)
    result.cards_created, result.cards_updated = len(new), len(changed)
    ids = {card.slug: card.pk for card in Card.objects.filter(summit=summit).only("pk", "slug")}
    tags = {tag.slug: tag.pk for tag in Tag.objects.filter(summit=summit)}
    through = Card.tags.through
    imported = [ids[card.slug] for card, _tags in cards]
    wanted = {(ids[card.slug], tags[slug]) for card, slugs in cards for slug in slugs}
    current = set(through.objects.filter(card_id__in=imported).values_list("card_id", "tag_id"))
    if wanted != current:
        through.objects.filter(card_id__in=imported).delete()
        through.objects.bulk_create(
            [through(card_id=card_id, tag_id=tag_id) for card_id, tag_id in sorted(wanted)],
            batch_size=1000,
        )
        changed_ids = {card_id for card_id, _tag in wanted ^ current}
        result.cards_updated += len(
            changed_ids - {card.pk for card in changed} - {card.pk for card in new}
        )
    return ids


def _write_links(summit: Summit, by, links, ids: dict[str, int], result: ImportResult) -> None:
    existing = set(
        CardLink.objects.filter(summit=summit).values_list("source_id", "link_type", "target_id")
    )
    new = []
    for source, link_type, target in links:
        key = (ids[source], link_type, ids[target])
        reverse = (ids[target], link_type, ids[source])
        if key in existing or (link_type == LinkType.ALTERNATIVE and reverse in existing):
            continue
        existing.add(key)
        new.append(
            CardLink(
                summit=summit,
                source_id=key[0],
                link_type=link_type,
                target_id=key[2],
                created_by=by,
            )
        )
    CardLink.objects.bulk_create(new, batch_size=1000)
    result.links_created = len(new)
