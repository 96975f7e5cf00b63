"""Feedback on the personal feed ("not interested") and the engagement counters the feed ranks with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DismissReason(models.TextChoices):
    ITEM = "item", _("Not interested in this item")
    TOPIC = "topic", _("Not interested in this topic")


class Dismissal(models.Model):
    """An item the employee does not want in their feed; with reason "topic" the topic weighs less too."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dismissals")
    content = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="dismissals")
    reason = models.CharField(
        _("reason"), max_length=8, choices=DismissReason.choices, default=DismissReason.ITEM
    )
    topic = models.ForeignKey(
        "profiles.Skill", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "content"], name="recommendations_dismissal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} ✕ {self.content_id}"


class ContentEngagement(models.Model):
    """Recent shares and human clicks of one item by everyone (rebuilt by `engagement_refresh`)."""

    content = models.OneToOneField(
        "content.ContentItem", on_delete=models.CASCADE, primary_key=True, related_name="engagement"
    )
    shares = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.content_id}: {self.shares}/{self.clicks}"


class DepartmentEngagement(models.Model):
    """Recent shares and human clicks of one item by the colleagues of one department."""

    content = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("accounts.Department", on_delete=models.CASCADE, related_name="+")
    shares = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content", "department"], name="recommendations_dept_eng_unique")
        ]
        indexes = [models.Index(fields=["department", "shares"], name="recommendations_dept_eng_top")]

    def __str__(self) -> str:
        return f"{self.content_id}@{self.department_id}: {self.shares}/{self.clicks}"


class FeedReader(models.Model):
    """Someone who opened their feed lately (written at most once a day per person): the background refresh
    keeps the rankings of these people computed, so their requests are cache hits."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_read_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.last_read_at:%Y-%m-%d}"


class CatalogueChange(models.Model):
    """One row: when the catalogue (published content, its topics and audience) last changed. It lives in
    the database, not a process's cache, so every web process and worker sees a change at once: a ranking
    computed before it is recomputed on the next read, whichever process cached it."""

    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"CatalogueChange {self.changed_at:%Y-%m-%d %H:%M:%S}"
