"""The open-government toolbox: cards of tools, use cases and organisations.

A summit's toolbox is a public catalogue of cards, linked to each other,
rated and argued about by the community, gathered into collections, and
looked after by the summit's moderators.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from cosummit.core.i18n import TranslatedField
from cosummit.summits.models import ReportReason, Summit

# The languages with a sort column on cards (`sort_title_<code>`); a language
# added to settings.LANGUAGES needs its column and a migration.
SORT_LANGUAGES = ("fr", "en")


class CardKind(models.TextChoices):
    TOOL = "tool", _("Tool")
    USE_CASE = "use_case", _("Use case")
    ORGANISATION = "organisation", _("Organisation")


class Licence(models.TextChoices):
    """Licences by their SPDX identifier, the common ones for tools and content."""

    AGPL_3 = "AGPL-3.0-or-later", "AGPL-3.0-or-later"
    GPL_3 = "GPL-3.0-or-later", "GPL-3.0-or-later"
    GPL_2 = "GPL-2.0-or-later", "GPL-2.0-or-later"
    LGPL_3 = "LGPL-3.0-or-later", "LGPL-3.0-or-later"
    EUPL = "EUPL-1.2", "EUPL-1.2"
    MPL = "MPL-2.0", "MPL-2.0"
    APACHE = "Apache-2.0", "Apache-2.0"
    MIT = "MIT", "MIT"
    BSD_3 = "BSD-3-Clause", "BSD-3-Clause"
    BSD_2 = "BSD-2-Clause", "BSD-2-Clause"
    CC_BY = "CC-BY-4.0", "CC-BY-4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC-BY-SA-4.0"
    CC0 = "CC0-1.0", "CC0-1.0"
    ODBL = "ODbL-1.0", "ODbL-1.0"
    OTHER = "other", pgettext_lazy("licence", "Other")


class ToolboxSettings(models.Model):
    """A summit's rules for its toolbox; a summit without a row uses the defaults."""

    summit = models.OneToOneField(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="toolbox_settings"
    )
    reports_to_hide = models.PositiveSmallIntegerField(
        _("reports before content is hidden"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("A card or an argument is hidden once this many people have reported it."),
    )

    class Meta:
        verbose_name = _("toolbox settings")
        verbose_name_plural = _("toolbox settings")

    def __str__(self) -> str:
        return str(self.summit)


class Tag(models.Model):
    """An open-government theme, such as open contracting or participatory budgeting."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="toolbox_tags"
    )
    slug = models.SlugField(_("short name in addresses"), max_length=60)
    name = TranslatedField(_("name"), max_length=100)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="toolbox_tag_slug_unique")
        ]

    def __str__(self) -> str:
        return str(self.name)


class Card(models.Model):
    """A tool, a use case or an organisation in the toolbox."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="toolbox_cards"
    )
    kind = models.CharField(pgettext_lazy("card", "kind"), max_length=20, choices=CardKind)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    title = TranslatedField(_("title"), max_length=200)
    description = TranslatedField(_("description"), multiline=True, blank=True, max_length=10000)
    tags = models.ManyToManyField(Tag, verbose_name=_("themes"), blank=True, related_name="cards")
    licence = models.CharField(_("licence"), max_length=40, choices=Licence, blank=True)
    licence_other = models.CharField(
        _("other licence"),
        max_length=100,
        blank=True,
        help_text=_("The licence's name, when it is not in the list."),
    )
    website = models.URLField(_("website"), max_length=500, blank=True)
    repository = models.URLField(_("source repository"), max_length=500, blank=True)
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Languages the tool is available in, as codes such as fr, en, es."),
    )
    country = CountryField(_("country"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="toolbox_cards",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    hidden_at = models.DateTimeField(_("hidden by moderation at"), null=True, blank=True)
    # Kept in step by the domain functions, so that lists sort and show
    # ratings without joins.
    rating_count = models.PositiveIntegerField(_("ratings"), default=0)
    rating_average = models.FloatField(_("average rating"), default=0)
    reports_count = models.PositiveIntegerField(_("open reports"), default=0)
    # Titles and descriptions in every language, lower-cased without accents.
    search_text = models.TextField(editable=False, blank=True)
    # The title in each language of the site (or its fallback when missing),
    # lower-cased without accents, so that sorting by name follows the
    # reader's language and reads an index: one column per language.
    sort_title_fr = models.CharField(max_length=200, editable=False, blank=True)
    sort_title_en = models.CharField(max_length=200, editable=False, blank=True)
    # The language codes between commas (",en,fr,"), for a portable filter.
    languages_key = models.CharField(max_length=300, editable=False, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        constraints = [
            models.UniqueConstraint(fields=["summit", "slug"], name="toolbox_card_slug_unique")
        ]
        indexes = [
            models.Index(fields=["summit", "hidden_at", "kind"], name="toolbox_card_catalogue"),
            models.Index(
                fields=["summit", "-created_at", "-id"],
                name="toolbox_card_newest",
                condition=models.Q(hidden_at__isnull=True),
            ),
            models.Index(
                fields=["summit", "-rating_average", "-rating_count", "id"],
                name="toolbox_card_best",
                condition=models.Q(hidden_at__isnull=True),
            ),
            # Sorting by name in each language reads an index, not every row.
            *[
                models.Index(
                    fields=["summit", f"sort_title_{code}", "id"],
                    name=f"toolbox_card_name_{code}",
                    condition=models.Q(hidden_at__isnull=True),
                )
                for code in SORT_LANGUAGES
            ],
        ]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("toolbox:card", kwargs={"summit": self.summit.slug, "card": self.slug})

    @property
    def licence_label(self) -> str:
        if self.licence == Licence.OTHER:
            return self.licence_other or str(Licence.OTHER.label)
        return self.licence


class LinkType(models.TextChoices):
    DEVELOPS = "develops", _("develops")
    PROVIDES = "provides", _("provides")
    USES = "uses", _("uses")
    ALTERNATIVE = "alternative_to", _("is an alternative to")


class CardLink(models.Model):
    """A typed link from one card to another: `source` develops `target`, …"""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="+"
    )
    source = models.ForeignKey(
        Card, verbose_name=_("from"), on_delete=models.CASCADE, related_name="links_out"
    )
    link_type = models.CharField(pgettext_lazy("link", "type"), max_length=20, choices=LinkType)
    target = models.ForeignKey(
        Card, verbose_name=_("to"), on_delete=models.CASCADE, related_name="links_in"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("link between cards")
        verbose_name_plural = _("links between cards")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "link_type", "target"], name="toolbox_link_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="toolbox_link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_link_type_display()} {self.target}"


class Rating(models.Model):
    """A person's rating of a card, from 1 to 5; they may change it."""

    card = models.ForeignKey(
        Card, verbose_name=_("card"), on_delete=models.CASCADE, related_name="ratings"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="toolbox_ratings",
    )
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["card", "user"], name="toolbox_rating_once"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="toolbox_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.card}: {self.score}"


class ArgumentSide(models.TextChoices):
    FOR = "for", pgettext_lazy("argument", "For")
    AGAINST = "against", pgettext_lazy("argument", "Against")


ARGUMENT_MAX_LENGTH = 500


class Argument(models.Model):
    """A person's short argument for or against a card; one per person and card."""

    card = models.ForeignKey(
        Card, verbose_name=_("card"), on_delete=models.CASCADE, related_name="arguments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="toolbox_arguments",
    )
    side = models.CharField(_("side"), max_length=10, choices=ArgumentSide)
    text = models.TextField(_("argument"), max_length=ARGUMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)
    hidden_at = models.DateTimeField(_("hidden by moderation at"), null=True, blank=True)
    reports_count = models.PositiveIntegerField(_("open reports"), default=0)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("argument")
        verbose_name_plural = _("arguments")
        constraints = [
            models.UniqueConstraint(fields=["card", "author"], name="toolbox_argument_once")
        ]

    def __str__(self) -> str:
        return self.text[:60]


def new_collection_token() -> str:
    return secrets.token_urlsafe(16)


class Collection(models.Model):
    """Cards gathered and ordered by a person, shared publicly or by link only."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: listed with the toolbox’s collections")
        UNLISTED = "unlisted", _("Unlisted: only people with the link can see it")

    summit = models.ForeignKey(
        Summit,
        verbose_name=_("summit"),
        on_delete=models.CASCADE,
        related_name="toolbox_collections",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curated by"),
        on_delete=models.CASCADE,
        related_name="toolbox_collections",
    )
    token = models.CharField(
        max_length=40, unique=True, default=new_collection_token, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility, default=Visibility.PUBLIC
    )
    cards = models.ManyToManyField(
        Card, verbose_name=_("cards"), through="CollectionItem", related_name="collections"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "toolbox:collection", kwargs={"summit": self.summit.slug, "token": self.token}
        )


class CollectionItem(models.Model):
    collection = models.ForeignKey(
        Collection, verbose_name=_("collection"), on_delete=models.CASCADE, related_name="items"
    )
    card = models.ForeignKey(
        Card, verbose_name=_("card"), on_delete=models.CASCADE, related_name="collection_items"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("card in a collection")
        verbose_name_plural = _("cards in collections")
        constraints = [
            models.UniqueConstraint(fields=["collection", "card"], name="toolbox_collect_once")
        ]

    def __str__(self) -> str:
        return f"{self.collection} – {self.card}"


# Moderation, as for proposals: reports and a log of decisions. Blocked people
# are on the summit's one list (`summits.models.Block`).


class Report(models.Model):
    """Someone's report of a card or an argument to the summit's moderators."""

    summit = models.ForeignKey(
        Summit, verbose_name=_("summit"), on_delete=models.CASCADE, related_name="toolbox_reports"
    )
    card = models.ForeignKey(
        Card,
        verbose_name=_("card"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    argument = models.ForeignKey(
        Argument,
        verbose_name=_("argument"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason)
    note = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(card__isnull=True) ^ models.Q(argument__isnull=True),
                name="toolbox_report_targets_one_thing",
            ),
            models.UniqueConstraint(
                fields=["reporter", "card"],
                condition=models.Q(card__isnull=False),
                name="toolbox_report_once_per_card",
            ),
            models.UniqueConstraint(
                fields=["reporter", "argument"],
                condition=models.Q(argument__isnull=False),
                name="toolbox_report_once_per_argument",
            ),
        ]

    def __str__(self) -> str:
        return self.get_reason_display()


class ModerationAction(models.Model):
    """The log of every moderation decision in a summit's toolbox."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS = "dismiss", _("Reports dismissed")
        BLOCK = "block", _("User blocked")
        UNBLOCK = "unblock", _("User unblocked")
        AUTO_HIDE = "auto_hide", _("Hidden after reports")

    summit = models.ForeignKey(
        Summit,
        verbose_name=_("summit"),
        on_delete=models.CASCADE,
        related_name="toolbox_moderation_log",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    card = models.ForeignKey(
        Card, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    argument = models.ForeignKey(
        Argument, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return self.get_action_display()
