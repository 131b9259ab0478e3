from django.db import transaction
from django.tasks import task

from .mail import deliver
from .models import OutboxMessage


@task
def deliver_outbox_message(message_id: int) -> None:
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(pk=message_id, status=OutboxMessage.Status.QUEUED)
            .first()
        )
        if message is not None:
            deliver(message)
