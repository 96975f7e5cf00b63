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
    # Added after 0001: employee suggestions and feed imports.
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestion_note = models.TextField(_("note"), blank=True, max_length=2000)
    source = models.ForeignKey(
        "content.ContentSource", null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    metadata_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"], name="content_item_status_pub")]

    def __str__(self) -> str:
        return self.title


class ContentSettings(TimeStampedModel):
    """The one row of the content workflow's organisation settings (admins change them)."""

    # Four-eyes rule: nobody approves their own item unless an admin switches this on (small teams).
    allow_self_approval = models.BooleanField(_("allow approving one's own items"), default=False)

    class Meta:
        verbose_name = _("content settings")
        verbose_name_plural = _("content settings")

    def __str__(self) -> str:
        return "content settings"


class ShareText(TimeStampedModel):
    """A suggested text for sharing an item on one network (length limits in sichtbar.content.limits)."""

    content = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="share_texts")
    network = models.CharField(_("network"), max_length=16)  # a sichtbar.core.networks.Network value
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["content_id", "network"]
        constraints = [
            models.UniqueConstraint(fields=["content", "network"], name="content_sharetext_unique_network")
        ]

    def __str__(self) -> str:
        return f"{self.content_id}:{self.network}"


class ContentComment(TimeStampedModel):
    """A reviewer's or author's comment on an item in the workflow."""

    content = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=4000)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.content_id}: {self.body[:40]}"


class ContentSource(TimeStampedModel):
    """A company RSS or Atom feed whose new entries are imported as drafts."""

    name = models.CharField(_("name"), max_length=200)
    feed_url = models.URLField(_("feed address"), max_length=1000, unique=True)
    language = models.CharField(_("language"), max_length=2, default="de")
    kind = models.CharField(
        _("kind"), max_length=16, choices=ContentKind.choices, default=ContentKind.ARTICLE
    )
    is_active = models.BooleanField(_("active"), default=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_fetch_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_code = models.CharField(max_length=40, blank=True)  # sichtbar.core.feeds.errors.FeedErrorCode
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ImportedEntry(models.Model):
    """An entry id or URL a source has delivered already, so it is imported once even after deletion."""

    source = models.ForeignKey(ContentSource, on_delete=models.CASCADE, related_name="entries")
    key = models.CharField(max_length=1000)
    content = models.ForeignKey(
        ContentItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="content_importedentry_unique")]

    def __str__(self) -> str:
        return self.key
