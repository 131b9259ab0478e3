from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from cosummit.core.i18n import TranslatedText, in_sentence, language_name
from cosummit.core.markdown import render_markdown

register = template.Library()


def _fallback_note(localized) -> str:
    if not localized.is_fallback:
        return ""
    return format_html(
        ' <small class="fallback-note">{}</small>',
        _("(shown in %(language)s: no translation yet)")
        % {"language": in_sentence(language_name(localized.language))},
    )


@register.simple_tag
def translated(value) -> str:
    """A translated text in the reader's language, marked with its language.

    When the text is shown in a fallback language, a short note says so.
    """
    if not isinstance(value, TranslatedText):
        value = TranslatedText(value or {})
    localized = value.localize()
    if not localized.text:
        return ""
    return format_html(
        '<span lang="{}">{}</span>{}', localized.language, localized.text, _fallback_note(localized)
    )


@register.simple_tag
def translated_markdown(value) -> str:
    """A translated Markdown text rendered as sanitised HTML in a block."""
    if not isinstance(value, TranslatedText):
        value = TranslatedText(value or {})
    localized = value.localize()
    if not localized.text:
        return ""
    note = ""
    if localized.is_fallback:
        note = format_html(
            '<p class="fallback-note">{}</p>',
            _("This text is shown in %(language)s: it has no translation yet.")
            % {"language": in_sentence(language_name(localized.language))},
        )
    return format_html(
        '{}<div class="prose" lang="{}">{}</div>',
        note,
        localized.language,
        render_markdown(localized.text),
    )


@register.filter
def plain(value) -> str:
    """A translated text as plain text in the reader's language (for titles, attributes)."""
    if isinstance(value, TranslatedText):
        return value.localize().text
    return str(value or "")
