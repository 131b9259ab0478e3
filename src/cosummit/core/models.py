from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutboxMessage(models.Model):
    """An e-mail the platform has accepted to send; the task worker delivers it.

    A message stays QUEUED until it is delivered (SENT) or its last attempt
    fails (FAILED); between attempts `next_attempt_at` says when it is due.
    A HELD message waits for an organiser to check it and send it; until then
    it is never delivered.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("mail status", "Queued")
        SENT = "sent", pgettext_lazy("mail status", "Sent")
        FAILED = "failed", pgettext_lazy("mail status", "Failed")
        HELD = "held", pgettext_lazy("mail status", "Held for checking")

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    from_email = models.CharField(_("from"), max_length=300)
    to = models.JSONField(_("to"), default=list)
    cc = models.JSONField(_("cc"), default=list, blank=True)
    bcc = models.JSONField(_("bcc"), default=list, blank=True)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    # Each: {"filename", "mimetype", "content" (base64)}.
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        pgettext_lazy("mail", "status"), max_length=10, choices=Status, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The summit a message belongs to, from its X-Cosummit-Summit header, so
    # that the summit's organisers can follow its delivery.
    summit_slug = models.CharField(_("summit"), max_length=100, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")

    def __str__(self) -> str:
        return self.subject


class Job(models.Model):
    """A long computation that the task worker runs while its page shows progress.

    `kind` names the runner (`core.jobs.RUNNERS`); `arguments` and `result`
    are JSON; `progress` holds what the runner last reported, such as its
    stage and the best value found so far.
    """

    class State(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job", "Waiting to start")
        RUNNING = "running", pgettext_lazy("job", "Running")
        DONE = "done", pgettext_lazy("job", "Done")
        FAILED = "failed", pgettext_lazy("job", "Failed")

    kind = models.CharField(pgettext_lazy("job", "kind"), max_length=50)
    summit_slug = models.CharField(_("summit"), max_length=100, blank=True, db_index=True)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    state = models.CharField(
        pgettext_lazy("job", "state"), max_length=10, choices=State, default=State.QUEUED
    )
    progress = models.JSONField(_("progress"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
