"""The social-media guidelines (versions and who accepted which) and the confidentiality rules every share
text is checked against. The tables were created by the content app and keep their names (`db_table`):
moving the models moved no data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class GuidelineVersion(TimeStampedModel):
    """One version of the social-media guidelines; the newest published one is current."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title_de = models.CharField(_("title (German)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    text_de = models.TextField(_("text (German)"), help_text=_("Sanitised HTML."))
    text_en = models.TextField(_("text (English)"), help_text=_("Sanitised HTML."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "content_guidelineversion"  # created by the content app; the rows stayed where they were
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"v{self.version}"


class GuidelineAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guideline_acceptances"
    )
    version = models.ForeignKey(GuidelineVersion, on_delete=models.CASCADE, related_name="acceptances")
    accepted_at = models.DateTimeField(_("accepted at"))

    class Meta:
        db_table = "content_guidelineacceptance"
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="content_guidelineacceptance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} accepted {self.version_id}"


class RuleKind(models.TextChoices):
    WORD = "word", _("Word")
    PHRASE = "phrase", _("Phrase")
    PATTERN = "pattern", _("Pattern (regular expression)")


class RuleAction(models.TextChoices):
    BLOCK = "block", _("Block")
    WARN = "warn", _("Warn")


class ConfidentialityRule(TimeStampedModel):
    """A word, phrase or pattern that must not (block) or should not (warn) appear in shared texts."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=8, choices=RuleKind.choices)
    value = models.CharField(_("value"), max_length=200)
    action = models.CharField(_("action"), max_length=8, choices=RuleAction.choices, default=RuleAction.WARN)
    description = models.CharField(_("explanation for employees"), max_length=500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "content_confidentialityrule"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
