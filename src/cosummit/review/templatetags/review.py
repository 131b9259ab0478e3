"""Template helpers of the review: `{% load review %}`."""

from django import template

from cosummit.summits.queries import can_review

from ..reviewer_forms import criterion_field

register = template.Library()


@register.simple_tag(takes_context=True)
def is_reviewer(context, summit) -> bool:
    """Whether the reader holds the reviewer role in `summit`.

    The reader's roles are remembered for the request (`summits.queries.roles_of`):
    on a page that already asked about them, this costs no query.
    """
    user = context.get("user")
    if user is None or summit is None:
        return False
    return can_review(user, summit)


@register.filter
def review_field(form, criterion):
    """The review form's field for `criterion`."""
    return form[criterion_field(criterion)]


@register.filter
def review_score(review, criterion):
    """The score a review gives `criterion`, or None."""
    return (review.scores or {}).get(str(criterion.pk))
