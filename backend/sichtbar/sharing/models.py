"""Shares: an employee passing a content item on to one network, through the API or a share intent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel
from sichtbar.core.networks import Network


class ShareMethod(models.TextChoices):
    API = "api", _("Posted through the network's API")
    INTENT = "intent", _("Share intent / copied text")


class ShareStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    QUEUED = "queued", _("Queued")
    POSTED = "posted", _("Posted")
    OPENED = "opened", _("Share intent opened")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class Share(TimeStampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares")
    content = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="shares")
    network = models.CharField(_("network"), max_length=16, choices=Network.choices)
    method = models.CharField(_("method"), max_length=8, choices=ShareMethod.choices)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ShareStatus.choices, db_index=True)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True, db_index=True)
    shared_at = models.DateTimeField(_("shared at"), null=True, blank=True, db_index=True)
    external_id = models.CharField(max_length=300, blank=True, help_text=_("e.g. the LinkedIn post URN."))
    external_url = models.URLField(max_length=1000, blank=True)
    error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Potential reach: followers on that network at share time, when known.
    followers_at_share = models.PositiveIntegerField(null=True, blank=True)
    # Added after 0001: why it failed (a stable code for the client) and which warnings the person accepted.
    error_code = models.CharField(max_length=40, blank=True)
    acknowledged_warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "content"], name="sharing_share_user_content"),
            models.Index(fields=["content", "network"], name="sharing_share_content_net"),
            # the analytics rollups' change probe ("a share changed since the last run"), every 30 s
            models.Index(fields=["updated_at"], name="sharing_share_updated"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.network}: {self.content_id}"
