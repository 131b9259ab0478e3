"""Forms of the toolbox. They check input; views pass `cleaned_data` to `domain.py`."""

from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cosummit.summits.forms import MARKDOWN_HELP

from . import domain, queries
from .models import (
    ARGUMENT_MAX_LENGTH,
    ArgumentSide,
    Card,
    CardKind,
    Collection,
    Licence,
    ReportReason,
    Tag,
)

_language_choices: dict[str, list[tuple[str, str]]] = {}


def language_choices() -> list[tuple[str, str]]:
    """Languages a tool may be available in, by name in the reader's language.

    Kept per reader's language: the names do not change while the process runs.
    """
    language = get_language() or ""
    if language not in _language_choices:
        _language_choices[language] = _sorted_language_choices()
    return _language_choices[language]


def _sorted_language_choices() -> list[tuple[str, str]]:
    choices = []
    for code in domain.known_language_codes():
        try:
            choices.append((code, str(get_language_info(code)["name_translated"])))
        except KeyError:
            continue
    return sorted(choices, key=lambda choice: queries.normalise(choice[1]))


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a domain function's errors on the form, on the fields they name when it has them."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class CardForm(forms.ModelForm):
    """A card's fields; the kind only when it is proposed."""

    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        max_length=300,
        help_text=_(
            "Languages the tool is available in, as codes separated by commas, such as fr, en, es."
        ),
    )

    class Meta:
        model = Card
        fields = ["kind", *domain.CARD_FIELDS]
        widgets = {"tags": forms.CheckboxSelectMultiple}
        help_texts = {
            "description": MARKDOWN_HELP,
            "website": _("An address starting with https://."),
            "repository": _("Where the source code can be read, such as a Git repository."),
            "country": _("For organisations: where they are based."),
        }

    def __init__(self, *args, summit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = Tag.objects.filter(summit=summit)
        if not self.fields["tags"].queryset.exists():
            del self.fields["tags"]
        if self.instance.pk is not None:
            del self.fields["kind"]
        self.fields["licence"].help_text = _(
            "Its SPDX identifier; choose “Other” and name it below when it is not listed."
        )

    def get_initial_for_field(self, field, field_name):
        if field_name == "languages":
            return ", ".join(self.instance.languages or [])
        return super().get_initial_for_field(field, field_name)

    def clean_languages(self):
        try:
            return domain.clean_languages(self.cleaned_data["languages"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["languages"]) from None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("licence") == Licence.OTHER and not cleaned.get("licence_other"):
            self.add_error("licence_other", _("Name the licence."))
        kind = cleaned.get("kind") or self.instance.kind
        if cleaned.get("country") and kind != CardKind.ORGANISATION:
            self.add_error("country", _("Only organisations have a country."))
        return cleaned

    def card_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in domain.CARD_FIELDS if name in self.fields}
        if "tags" in data:
            data["tags"] = list(data["tags"])
        return data


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=pgettext_lazy("card", "Kind"),
        required=False,
        choices=[("", _("All kinds")), *CardKind.choices],
    )
    tag = forms.ChoiceField(label=_("Theme"), required=False)
    licence = forms.ChoiceField(
        label=_("Licence"), required=False, choices=[("", _("Any licence")), *Licence.choices]
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=list(queries.SORTS.items())
    )

    def __init__(self, *args, tags: list[Tag], **kwargs):
        super().__init__(*args, **kwargs)
        self.tags = {tag.slug: tag for tag in tags}
        self.fields["tag"].choices = [("", _("All themes"))] + [
            (tag.slug, str(tag.name)) for tag in tags
        ]
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]

    def selects(self) -> list[dict]:
        """The choice fields with their options as HTML.

        The catalogue is the toolbox's busiest page: its ~150 options are
        written here at once rather than each through a widget template.
        """
        selects = []
        for name in ("kind", "tag", "licence", "language", "sort"):
            bound = self[name]
            current = str(bound.value() or "")
            options = "".join(
                f'<option value="{escape(str(value))}"'
                f"{' selected' if str(value) == current else ''}>{escape(str(label))}</option>"
                for value, label in self.fields[name].choices
            )
            # Escaped above: values and labels are texts, organiser themes included.
            options = mark_safe(options)
            selects.append({"field": bound, "options": options})
        return selects

    def filters(self) -> queries.CatalogueFilters:
        """The filters to apply; a field with a bad value is left out."""
        data = self.cleaned_data if self.is_bound else {}
        valid = {name: data.get(name) or "" for name in self.fields if name not in self.errors}
        return queries.CatalogueFilters(
            q=valid.get("q", ""),
            kind=valid.get("kind", ""),
            tag=self.tags.get(valid.get("tag", "")),
            licence=valid.get("licence", ""),
            language=valid.get("language", ""),
            sort=valid.get("sort", "") or "name",
        )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(score, str(score)) for score in range(1, 6)],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Give a rating from 1 to 5.")},
    )


class ArgumentForm(forms.Form):
    side = forms.ChoiceField(
        label=_("Your argument is"), choices=ArgumentSide.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Argument"),
        max_length=ARGUMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In a few sentences; one argument per person, which you can rewrite."),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Details (optional)"), required=False, max_length=500)


class LinkForm(forms.Form):
    link_type = forms.ChoiceField(label=_("This card"))
    target = forms.SlugField(label=_("Other card"), max_length=80)

    def __init__(self, *args, card: Card, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link_type"].choices = queries.link_choices_for(card)


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["title", "description", "visibility"]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {"description": MARKDOWN_HELP}


class CollectForm(forms.Form):
    collection = forms.ChoiceField(label=_("Collection"))
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        help_text=_("Why this card belongs in the collection."),
    )

    def __init__(self, *args, collections: list[Collection], **kwargs):
        super().__init__(*args, **kwargs)
        self.collections = {collection.token: collection for collection in collections}
        self.fields["collection"].choices = [
            (collection.token, collection.title) for collection in collections
        ]


class ItemNoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]
        help_texts = {"slug": _("Letters, digits and hyphens, such as open-contracting.")}

    def validate_unique(self):
        # The domain function checks the short name within the summit.
        pass


class SettingsForm(forms.Form):
    reports_to_hide = forms.IntegerField(
        label=_("Reports before content is hidden"),
        min_value=1,
        max_value=1000,
        help_text=_("A card or an argument is hidden once this many people have reported it."),
    )


class ModerationNoteForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=500)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Catalogue file"),
        help_text=_("A JSON or CSV file in the format of the toolbox’s export."),
    )
