import re

from django import template
from django.utils.text import Truncator

from cosummit.core.i18n import TranslatedText
from cosummit.core.markdown import render_markdown

register = template.Library()

# Markdown marks that mean nothing in a one-paragraph excerpt.
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+[.)])\s+|[*_`~]+", re.MULTILINE)


@register.filter
def markdown(text: str) -> str:
    """Markdown written by a participant, as sanitised HTML."""
    return render_markdown(text)


@register.filter
def excerpt(value, words: int = 30) -> str:
    """The start of a Markdown text, as plain text without its marks (escaped by the template)."""
    if isinstance(value, TranslatedText):
        value = value.localize().text
    text = _MARKS.sub(r"\1", _LINK.sub(r"\1", str(value or "")))
    return Truncator(" ".join(text.split())).words(words, truncate=" …")
