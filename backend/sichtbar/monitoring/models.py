"""Mention monitoring: the feeds managers watch, the terms looked for, and the mentions found."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class MonitoringFeedKind(models.TextChoices):
    NEWS = "news", _("News")
    FORUM = "forum", _("Forum")
    ALERT = "alert", _("Alert")
    OTHER = "other", _("Other")


class FetchStatus(models.TextChoices):
    PENDING = "pending", _("Not fetched yet")
    OK = "ok", _("OK")
    ERROR = "error", _("Error")


class MonitoringFeed(TimeStampedModel):
    """An RSS, Atom or JSON feed (news alert, forum, any site) that a manager asked us to watch."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address"), max_length=1000, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MonitoringFeedKind.choices, default=MonitoringFeedKind.NEWS
    )
    active = models.BooleanField(_("active"), default=True)
    last_fetch_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_fetch_status = models.CharField(
        max_length=10, choices=FetchStatus.choices, default=FetchStatus.PENDING
    )
    last_error = models.CharField(max_length=500, blank=True)
    last_error_code = models.CharField(max_length=40, blank=True)
    # Conditional GET, as for blogs: validators of the last successful fetch and a digest of its body.
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("monitoring feed")
        verbose_name_plural = _("monitoring feeds")

    def __str__(self) -> str:
        return self.name


class MonitoredTermKind(models.TextChoices):
    COMPANY = "company", _("Company")
    BRAND = "brand", _("Brand")
    PRODUCT = "product", _("Product")
    OTHER = "other", _("Other")


class MonitoredTerm(TimeStampedModel):
    """A name looked for in feeds and imported posts. An item that contains one of `exclude_words` does
    not count as a mention of this term (e.g. "Sichtbar" but not "Sichtbar Optik GmbH")."""

    text = models.CharField(_("term"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MonitoredTermKind.choices, default=MonitoredTermKind.COMPANY
    )
    case_sensitive = models.BooleanField(_("case-sensitive"), default=False)
    whole_word = models.BooleanField(_("whole words only"), default=True)
    exclude_words = models.JSONField(_("exclusion words"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["kind", "text"]
        verbose_name = _("monitored term")
        verbose_name_plural = _("monitored terms")

    def __str__(self) -> str:
        return self.text


class MentionSource(models.TextChoices):
    FEED = "feed", _("Monitoring feed")
    NETWORK = "network", _("Imported post")


class Mention(TimeStampedModel):
    """An item that names a monitored term or an expert. Third-party content: purged after the retention
    period (MONITORING_MENTION_RETENTION_DAYS)."""

    source = models.CharField(max_length=10, choices=MentionSource.choices)
    feed = models.ForeignKey(
        MonitoringFeed, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    post = models.ForeignKey(
        "integrations.ImportedPost", null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    external_id = models.CharField(max_length=500, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    excerpt = models.TextField(blank=True, help_text=_("Escaped text with <mark> around the matches."))
    text = models.TextField(blank=True, help_text=_("Plain text the matches were found in (for rescans)."))
    published_at = models.DateTimeField(null=True, blank=True)
    terms = models.ManyToManyField(MonitoredTerm, blank=True, related_name="mentions")
    experts = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="mentions")

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "external_id"],
                condition=Q(feed__isnull=False),
                name="monitoring_mention_feed_item_unique",
            ),
            models.UniqueConstraint(
                fields=["post"], condition=Q(post__isnull=False), name="monitoring_mention_post_unique"
            ),
            models.CheckConstraint(
                condition=(Q(source="feed", feed__isnull=False, post__isnull=True))
                | Q(source="network", post__isnull=False, feed__isnull=True),
                name="monitoring_mention_one_source",
            ),
        ]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="monitoring_mention_recent"),
            models.Index(fields=["source", "-published_at"], name="monitoring_mention_source"),
        ]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self) -> str:
        return self.title or self.url or self.external_id
