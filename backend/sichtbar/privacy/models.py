"""Consent records: what a person agreed to, in which wording, and when (append-only)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    PUBLIC_PROFILE = "public_profile", _("Show my profile to visitors outside the company")
    PERSONAL_STATISTICS = "personal_statistics", _("Let managers see my personal statistics")
    LEADERBOARD = "leaderboard", _("Show me on leaderboards")
    DIGEST_EMAIL = "digest_email", _("Send me e-mail digests")


class ConsentRecord(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=32, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"))
    text_version = models.CharField(_("wording version"), max_length=32, default="1")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {'granted' if self.granted else 'withdrawn'}"
