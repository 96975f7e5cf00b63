"""Company content employees are invited to share: articles, job postings, events, press releases."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class ContentKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    JOB = "job", _("Job posting")
    EVENT = "event", _("Event")
    PRESS = "press", _("Press release")


class ContentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ContentItem(TimeStampedModel):
    """A piece of company content. Only published, started and unexpired items reach employees."""

    slug = models.SlugField(_("slug"), max_length=140, unique=True, help_text=_("Used as utm_campaign."))
    kind = models.CharField(
        _("kind"), max_length=16, choices=ContentKind.choices, default=ContentKind.ARTICLE
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Sanitised HTML."))
    url = models.URLField(_("address"), max_length=1000)
    image = models.ImageField(_("image"), upload_to="content/images/", blank=True)
    language = models.CharField(_("language"), max_length=2, default="de")
    # Language versions of the same item share a group id.
    translation_group = models.UUIDField(default=uuid.uuid4, db_index=True)
    topics = models.ManyToManyField("profiles.Skill", blank=True, related_name="content_items")
    departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="content_items", help_text=_("Empty: everyone.")
    )
    locations = models.ManyToManyField(
        "accounts.Location", blank=True, related_name="content_items", help_text=_("Empty: everywhere.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ContentStatus.choices, default=ContentStatus.DRAFT, db_index=True
    )
    important = models.BooleanField(_("important"), default=False)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="content_item_status_pub")]

    def __str__(self) -> str:
        return self.title
