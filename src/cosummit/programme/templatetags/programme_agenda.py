"""Template tags for pages outside the programme that point to it."""

from django import template

from cosummit.programme.queries import latest_release

register = template.Library()


@register.simple_tag
def latest_programme_release(summit):
    """The summit's latest release, or None while the programme is not published (one query)."""
    return latest_release(summit)
