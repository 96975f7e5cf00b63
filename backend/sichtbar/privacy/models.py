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


class LegalHold(models.Model):
    """A person whose data must not be erased by retention (litigation, a labour-court case): set by an
    admin with the reason; an explicit erasure by an admin still works and is audit-logged."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="legal_hold")
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return f"legal hold {self.user_id}"


class ErasureKind(models.TextChoices):
    ACCOUNT = "account", _("account")
    CONTACT_SENDER = "contact_sender", _("contact request sender")


class ErasureRecord(models.Model):
    """The erasure ledger: pseudonymous ids only (an account id that no longer names anyone, a keyed hash
    of a visitor's e-mail address), so that `privacy_reapply_erasures` can erase again after a restore."""

    kind = models.CharField(max_length=16, choices=ErasureKind.choices)
    user_id = models.BigIntegerField(null=True, blank=True)
    email_hash = models.CharField(max_length=64, blank=True)
    erased_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["erased_at", "id"]
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id or self.email_hash[:8]} {self.erased_at:%Y-%m-%d}"


class RetentionSettings(models.Model):
    """Retention periods in days chosen by an admin, per rule; absent rules use the environment default."""

    periods = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention settings")
        verbose_name_plural = _("retention settings")

    def __str__(self) -> str:
        return "retention settings"
