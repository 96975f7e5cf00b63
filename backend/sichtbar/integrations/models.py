"""Connections of a person to outside networks, their encrypted OAuth tokens and the posts imported."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sichtbar.core.models import TimeStampedModel


class Provider(models.TextChoices):
    BLOG = "blog", _("Blog")
    LINKEDIN = "linkedin", "LinkedIn"
    XING = "xing", "XING"
    MASTODON = "mastodon", "Mastodon"
    LINKEDIN_ARCHIVE = "linkedin_archive", _("LinkedIn data export")


class FeedKind(models.TextChoices):
    RSS = "rss", "RSS"
    ATOM = "atom", "Atom"
    JSONFEED = "jsonfeed", "JSON Feed"
    WORDPRESS = "wordpress", "WordPress"


class ConnectionStatus(models.TextChoices):
    CONNECTED = "connected", _("Connected")
    ERROR = "error", _("Error")
    NEEDS_RECONSENT = "needs_reconsent", _("Needs re-consent")


class HistoryStatus(models.TextChoices):
    NONE = "", _("Not started")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Interrupted")


class Connection(TimeStampedModel):
    """One account or blog of a person. Network-specific fields stay empty for the providers not using them
    (`feed_*` and the HTTP validators for blogs; tokens of OAuth networks will live in their own model)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections")
    provider = models.CharField(max_length=20, choices=Provider.choices)
    url = models.URLField(max_length=500, blank=True, help_text=_("The blog or profile address."))
    title = models.CharField(max_length=300, blank=True)
    feed_url = models.URLField(max_length=1000, blank=True)
    feed_kind = models.CharField(max_length=20, choices=FeedKind.choices, blank=True)
    status = models.CharField(
        max_length=20, choices=ConnectionStatus.choices, default=ConnectionStatus.CONNECTED
    )
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    last_error_code = models.CharField(max_length=40, blank=True)
    # Conditional GET: validators of the last successful fetch, and a digest of the body for servers
    # without validators (an unchanged body is not parsed again).
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    # OAuth networks: the account at the network, its instance (Mastodon), when its access ends and
    # its follower count at the last sync (potential reach of a share).
    external_account_id = models.CharField(max_length=200, blank=True)
    instance_url = models.URLField(max_length=500, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    scopes = models.CharField(max_length=500, blank=True)
    followers = models.PositiveIntegerField(null=True, blank=True)
    # What the network told us about the person (LinkedIn userinfo: name, picture, profile link), offered
    # as suggestions the employee may apply to their profile; never applied without asking.
    suggestions = models.JSONField(default=dict, blank=True)
    # Blogs: the import of the published history after connecting ("312 of 340 posts imported"); the total
    # is known up front where the site says it (WordPress's X-WP-Total), else when the import is done.
    history_status = models.CharField(max_length=10, choices=HistoryStatus.choices, default="", blank=True)
    history_imported = models.PositiveIntegerField(default=0)
    history_total = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["provider", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "provider", "url"], name="integrations_connection_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.url or self.user_id}"


class ImportedPost(TimeStampedModel):
    """A post imported from a connection; shown on the public profile only when its author chooses so."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imported_posts"
    )
    external_id = models.CharField(max_length=500)
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True, help_text=_("Sanitised HTML."))
    published_at = models.DateTimeField(null=True, blank=True)
    show_on_profile = models.BooleanField(default=False)
    language = models.CharField(max_length=8, blank=True)
    # Metrics where the network reports them (Mastodon always; LinkedIn only with analytics approval).
    likes = models.PositiveIntegerField(null=True, blank=True)
    reposts = models.PositiveIntegerField(null=True, blank=True)
    replies = models.PositiveIntegerField(null=True, blank=True)
    impressions = models.PositiveIntegerField(null=True, blank=True)
    metrics_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["connection", "external_id"], name="integrations_post_unique")
        ]
        indexes = [models.Index(fields=["author", "-published_at"], name="integrations_post_author")]

    def __str__(self) -> str:
        return self.title or self.url or self.external_id


class OAuthToken(TimeStampedModel):
    """The access (and refresh) token of an OAuth connection, encrypted at rest (see crypto.py).

    The columns hold Fernet ciphertext only; use `access_token` / `refresh_token` to read the secrets."""

    connection = models.OneToOneField(Connection, on_delete=models.CASCADE, related_name="oauth_token")
    access_token_encrypted = models.TextField()
    refresh_token_encrypted = models.TextField(blank=True)
    token_type = models.CharField(max_length=40, default="Bearer")
    expires_at = models.DateTimeField(null=True, blank=True)
    scopes = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"token of connection {self.connection_id}"

    @property
    def access_token(self) -> str:
        from .crypto import decrypt

        return decrypt(self.access_token_encrypted)

    @property
    def refresh_token(self) -> str:
        from .crypto import decrypt

        return decrypt(self.refresh_token_encrypted)


class MastodonApp(TimeStampedModel):
    """Our OAuth app registered at one Mastodon instance (POST /api/v1/apps), shared by its employees."""

    instance_url = models.URLField(max_length=500)
    redirect_uri = models.URLField(max_length=500)
    scopes = models.CharField(max_length=500)
    client_id = models.CharField(max_length=300)
    client_secret_encrypted = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["instance_url", "redirect_uri", "scopes"], name="integrations_mastodon_app_unique"
            )
        ]

    def __str__(self) -> str:
        return self.instance_url

    @property
    def client_secret(self) -> str:
        from .crypto import decrypt

        return decrypt(self.client_secret_encrypted)


class OAuthState(TimeStampedModel):
    """A started OAuth authorisation: the `state` (stored as a hash) binds the callback to the person who
    started it; the PKCE verifier is encrypted. Used once, valid for a few minutes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    provider = models.CharField(max_length=20, choices=Provider.choices)
    state_hash = models.CharField(max_length=64, unique=True)
    code_verifier_encrypted = models.TextField(blank=True)
    instance_url = models.URLField(max_length=500, blank=True)
    redirect_uri = models.URLField(max_length=500)
    connection = models.ForeignKey(
        Connection, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.provider} authorisation of {self.user_id}"


class PostPublication(TimeStampedModel):
    """A post published through a network's API, by idempotency key: asking again returns the same post."""

    connection = models.ForeignKey(Connection, on_delete=models.CASCADE, related_name="publications")
    idempotency_key = models.CharField(max_length=200)
    external_id = models.CharField(max_length=300)
    url = models.URLField(max_length=1000, blank=True)
    # LinkedIn member post analytics, only when LinkedIn approved the app (LINKEDIN_ANALYTICS_APPROVED).
    impressions = models.PositiveIntegerField(null=True, blank=True)
    reactions = models.PositiveIntegerField(null=True, blank=True)
    metrics_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["connection", "idempotency_key"], name="integrations_publication_unique"
            )
        ]

    def __str__(self) -> str:
        return self.external_id
