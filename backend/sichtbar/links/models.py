"""Tracked short links (employee × content × network), the clicks on them and conversions they brought."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TrackedLink(models.Model):
    code = models.CharField(max_length=16, unique=True)
    share = models.OneToOneField(
        "sharing.Share", null=True, blank=True, on_delete=models.SET_NULL, related_name="link"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tracked_links",
    )
    content = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="tracked_links")
    network = models.CharField(max_length=16)
    # The only place a redirect may go: the content URL with UTM parameters, fixed when the link is made.
    destination = models.URLField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "content", "network"], name="links_link_unique")
        ]

    def __str__(self) -> str:
        return self.code


class DeviceClass(models.TextChoices):
    DESKTOP = "desktop", _("Desktop")
    MOBILE = "mobile", _("Mobile")
    TABLET = "tablet", _("Tablet")
    OTHER = "other", _("Other")


class Click(models.Model):
    """A counted human click: bots and repeats of the same visitor within 30 minutes are not stored."""

    # Assigned at the redirect; the unique key makes recording idempotent across retries and replays.
    event_id = models.UUIDField(unique=True)
    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="clicks")
    occurred_at = models.DateTimeField(db_index=True)
    # Denormalised for analytics: the link's dimensions at click time.
    user_id_at_click = models.BigIntegerField(null=True, blank=True)
    content_id_at_click = models.BigIntegerField(null=True, blank=True)
    network = models.CharField(max_length=16)
    visitor_hash = models.CharField(max_length=64, blank=True, help_text=_("Daily-salted; never an IP."))
    referrer_host = models.CharField(max_length=255, blank=True)
    device_class = models.CharField(max_length=8, choices=DeviceClass.choices, default=DeviceClass.OTHER)
    # The visitor's first counted click on this link that (UTC) day: summed, the daily unique visitors.
    # Kept when the visitor hash is blanked by retention.
    unique_of_day = models.BooleanField(default=True)

    class Meta:
        indexes = [
            models.Index(fields=["link", "occurred_at"], name="links_click_link_time"),
            models.Index(fields=["link", "visitor_hash", "occurred_at"], name="links_click_visitor"),
        ]

    def __str__(self) -> str:
        return str(self.event_id)


class Conversion(models.Model):
    """An outcome (e.g. a job application) attributed to the link that brought the visitor."""

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="conversions")
    key = models.CharField(max_length=200, help_text=_("Client-supplied idempotency key."))
    kind = models.CharField(max_length=40, default="application")
    occurred_at = models.DateTimeField(db_index=True)
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    created_by_token = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "key"], name="links_conversion_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.key}"


class DailySalt(models.Model):
    """The secret mixed into visitor hashes for one UTC day; deleted a day later, so hashes of different
    days cannot be linked and a hash can never be turned back into an IP address."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.day.isoformat()
