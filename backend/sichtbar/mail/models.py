"""The mail outbox: every e-mail the portal sends, written in the transaction of the event that causes it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class MailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")  # waiting for its first or next attempt (see next_attempt_at)
    SENDING = "sending", _("Sending")  # claimed by one sender; nobody else touches it
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")  # gave up (permanent refusal or too many attempts); an admin can re-send


class OutboxMail(TimeStampedModel):
    """One rendered message to one recipient. Subject and bodies are rendered at enqueue time in the
    recipient's language; the Message-ID is fixed then too, so every attempt sends the same message."""

    to = models.EmailField(_("recipient"), max_length=254)
    from_email = models.CharField(_("sender"), max_length=254, blank=True)
    reply_to = models.EmailField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    message_id = models.CharField(max_length=255, unique=True)
    template = models.CharField(_("kind"), max_length=100, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    reference = models.CharField(max_length=100, blank=True, db_index=True)  # e.g. "invitation:12"
    status = models.CharField(
        _("status"), max_length=16, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=64, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_outbox_due")]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.template} → {self.to} ({self.status})"
