"""Reads of a summit's outbox: the mail sent about it, for its organisers."""

from django.db.models import Case, Count, F, QuerySet, TextField, Value, When
from django.http import Http404

from cosummit.core.models import OutboxMessage

from .models import Summit
from .queries import can_organise

# The list leaves out bodies and attachments, which can be large.
LIST_FIELDS = (
    "created_at",
    "to",
    "subject",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "sent_at",
    "summit_slug",
)


def summit_outbox(summit: Summit, *, status: str = "") -> QuerySet[OutboxMessage]:
    """The summit's messages, newest first, only those in `status` when it is given.

    Held messages come with their text as `held_body`, for the organisers to
    read before sending them; the others' bodies are left out.
    """
    messages = (
        OutboxMessage.objects.filter(summit_slug=summit.slug)
        .only(*LIST_FIELDS)
        .annotate(
            held_body=Case(
                When(status=OutboxMessage.Status.HELD, then=F("body")),
                default=Value(""),
                output_field=TextField(),
            )
        )
    )
    if status:
        messages = messages.filter(status=status)
    return messages.order_by("-created_at", "-pk")


def outbox_counts(summit: Summit) -> dict[str, int]:
    """How many of the summit's messages are in each status, every status listed."""
    counts = dict.fromkeys(OutboxMessage.Status.values, 0)
    rows = (
        OutboxMessage.objects.filter(summit_slug=summit.slug)
        .order_by()
        .values_list("status")
        .annotate(count=Count("pk"))
    )
    counts.update(dict(rows))
    return counts


def get_outbox_message_for_organiser(user, summit: Summit, message_id: int) -> OutboxMessage:
    """A message of the summit, for one of its organisers; anyone else gets 404."""
    message = OutboxMessage.objects.filter(summit_slug=summit.slug, pk=message_id).first()
    if message is None:
        raise Http404
    if not can_organise(user, summit):
        raise Http404
    return message
