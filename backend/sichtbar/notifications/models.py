"""In-app notifications (the bell), the e-mail digest preference and the digests sent. The tables were
created by the content app and keep their names (`db_table`): moving the models moved no data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class Notification(models.Model):
    """An in-app notification (the bell)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500, blank=True)
    # Callers that may run twice (tasks) pass a key so the same notification is stored once.
    dedup_key = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        db_table = "content_notification"  # created by the content app; the rows stayed where they were
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="content_notif_user_read")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedup_key"],
                condition=~models.Q(dedup_key=""),
                name="content_notification_dedup",
            )
        ]

    def __str__(self) -> str:
        return self.title


class DigestFrequency(models.TextChoices):
    OFF = "off", _("Off")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class NotificationPreference(TimeStampedModel):
    """How often the person gets the e-mail digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest = models.CharField(
        _("e-mail digest"), max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )

    class Meta:
        db_table = "content_notificationpreference"

    def __str__(self) -> str:
        return f"{self.user_id}: {self.digest}"


class DigestDelivery(models.Model):
    """One digest for one person and period ("daily:2026-11-22", "weekly:2026-W47"): never sent twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)
    item_count = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "content_digestdelivery"
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="content_digest_unique_period")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.period}"
