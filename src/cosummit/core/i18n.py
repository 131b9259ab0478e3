"""Organiser content translated per field.

A `TranslatedField` stores one text per language code in a JSON object, such as
``{"fr": "Sommet mondial", "en": "Global Summit"}``. Reading it gives a
`TranslatedText`, which picks the reader's language and, when that language is
missing, the first one of `settings.LANGUAGE_FALLBACKS` that has a text, telling
the template that it did so.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


# Languages that write the name of a language in lower case inside a sentence
# ("l'original est en anglais"), though menus capitalise it ("Anglais").
LOWER_CASE_LANGUAGE_NAMES = frozenset({"fr", "es", "it", "pt"})


def in_sentence(name: str) -> str:
    """A language's name as the reader's language writes it inside a sentence."""
    reader = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return name.lower() if reader in LOWER_CASE_LANGUAGE_NAMES else name


def fallback_order(language: str) -> list[str]:
    """Languages to try, in order, for a reader of `language`."""
    base = (language or settings.LANGUAGE_CODE).split("-")[0]
    order = [base, *settings.LANGUAGE_FALLBACKS.get(base, []), *language_codes()]
    return list(dict.fromkeys(order))


@dataclass(frozen=True)
class Localized:
    """A text chosen for a reader: the text, its language and whether it is a fallback."""

    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


class TranslatedText(dict):
    """A mapping of language code to text that prints in the active language."""

    def localize(self, language: str | None = None) -> Localized:
        wanted = language or get_language() or settings.LANGUAGE_CODE
        order = fallback_order(wanted)
        for code in order:
            text = self.get(code, "")
            if text:
                return Localized(text=text, language=code, is_fallback=code != order[0])
        return Localized(text="", language=order[0], is_fallback=False)

    def __str__(self) -> str:
        return self.localize().text

    def __bool__(self) -> bool:
        return any(self.values())


def clean_translations(value) -> TranslatedText:
    """Turn a string or a mapping into a TranslatedText of known languages only."""
    if value is None:
        return TranslatedText()
    if isinstance(value, str):
        return TranslatedText({settings.LANGUAGE_CODE: value}) if value else TranslatedText()
    if not isinstance(value, dict):
        raise ValidationError(_("A translated text must be a mapping of language to text."))
    known = set(language_codes())
    return TranslatedText(
        {code: str(text).strip() for code, text in value.items() if code in known and text}
    )


class TranslatedWidget(forms.MultiWidget):
    template_name = "core/widgets/translated.html"

    def __init__(self, base_widget: type[forms.Widget] = forms.TextInput, attrs=None):
        self.languages = language_codes()
        # Keyed by language, so that inputs are named name_fr, name_en, …
        super().__init__(
            {code: base_widget(attrs={"lang": code}) for code in self.languages}, attrs
        )

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, subwidget in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            subwidget["language_name"] = language_name(code)
            if attrs and attrs.get("id"):
                subwidget["attrs"]["id"] = f"{attrs['id']}_{code}"
        return context

    def id_for_label(self, id_):
        return f"{id_}_{self.languages[0]}" if id_ else id_


class TranslatedFormField(forms.MultiValueField):
    """One input per language; required means at least one language is filled in."""

    default_error_messages = {
        "required": _("Fill this in, in at least one language."),
    }

    def __init__(self, *, max_length=None, widget=None, required=True, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(max_length=max_length, required=False) for _ in language_codes()]
        widget = widget or TranslatedWidget(forms.TextInput)
        super().__init__(
            fields=fields,
            widget=widget,
            required=required,
            require_all_fields=False,
            **kwargs,
        )

    def compress(self, data_list):
        return TranslatedText(
            {code: text for code, text in zip(language_codes(), data_list, strict=False) if text}
        )

    def clean(self, value):
        result = super().clean(value)
        if self.required and not result:
            raise ValidationError(self.error_messages["required"], code="required")
        return result if result is not None else TranslatedText()


class TranslatedTextAttribute(DeferredAttribute):
    """Turns whatever is assigned (a mapping, a string) into a TranslatedText."""

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = clean_translations(value)


class TranslatedField(models.JSONField):
    """A JSON object of language code to text, read as a `TranslatedText`."""

    descriptor_class = TranslatedTextAttribute

    def __init__(self, *args, max_length: int | None = None, multiline: bool = False, **kwargs):
        self.text_max_length = max_length
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def to_python(self, value):
        return clean_translations(value)

    def get_prep_value(self, value):
        # Strings reach here as the right-hand side of key lookups (name__fr="…").
        if isinstance(value, dict):
            value = dict(clean_translations(value))
        return super().get_prep_value(value)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not self.blank and not clean_translations(value):
            raise ValidationError(TranslatedFormField.default_error_messages["required"])
        if self.text_max_length:
            for text in clean_translations(value).values():
                if len(text) > self.text_max_length:
                    raise ValidationError(
                        _("Keep each translation under %(limit)d characters."),
                        params={"limit": self.text_max_length},
                    )

    def formfield(self, **kwargs):
        label = kwargs.get("label") or capfirst(self.verbose_name)
        return TranslatedFormField(
            max_length=self.text_max_length,
            widget=TranslatedWidget(forms.Textarea if self.multiline else forms.TextInput),
            required=not self.blank,
            label=label,
            help_text=kwargs.get("help_text", self.help_text),
        )
