"""Reads of the integrations app: a person's own connections and imported posts."""

from django.db.models import QuerySet

from sichtbar.accounts.models import User

from .models import Connection, ImportedPost


def connection_list(*, user: User) -> QuerySet[Connection]:
    # The token row tells whether an expiring token can be refreshed (no re-consent prompt then).
    return (
        Connection.objects.filter(user=user).select_related("oauth_token").order_by("provider", "created_at")
    )


def post_list(*, user: User) -> QuerySet[ImportedPost]:
    return (
        ImportedPost.objects.filter(author=user).select_related("connection").order_by("-published_at", "-id")
    )


def profile_posts(*, user_id: int, limit: int = 5) -> list[ImportedPost]:
    """The posts a person chose to show on their profile, newest first (for the directory)."""
    posts = (
        ImportedPost.objects.filter(author_id=user_id, show_on_profile=True)
        .select_related("connection")
        .order_by("-published_at", "-id")
    )
    return list(posts[:limit])


def blog_connection_ids() -> list[int]:
    """Blogs to sync, least recently synced first."""
    return list(
        Connection.objects.filter(provider="blog", user__is_active=True)
        .exclude(feed_url="")
        .order_by("last_sync_at", "id")
        .values_list("id", flat=True)
    )


POSTING_SCOPES = {"linkedin": ("w_member_social",), "mastodon": ("write:statuses", "write")}


def mastodon_connection_ids() -> list[int]:
    """Mastodon accounts to sync (not those waiting for re-consent), least recently synced first."""
    return list(
        Connection.objects.filter(provider="mastodon", user__is_active=True)
        .exclude(instance_url="")
        .exclude(status="needs_reconsent")
        .order_by("last_sync_at", "id")
        .values_list("id", flat=True)
    )


def posting_connection(*, user: User, provider: str) -> Connection | None:
    """The person's connection that can publish through the network's API right now, or None: connected,
    a token that has not expired, and posting allowed (LinkedIn: enabled in settings and consented)."""
    from django.conf import settings
    from django.db.models import Q
    from django.utils import timezone

    if provider == "linkedin" and not settings.LINKEDIN_POSTING_ENABLED:
        return None
    if provider not in ("linkedin", "mastodon"):
        return None
    candidates = (
        Connection.objects.filter(user=user, provider=provider, status="connected", oauth_token__isnull=False)
        .filter(Q(oauth_token__expires_at__isnull=True) | Q(oauth_token__expires_at__gt=timezone.now()))
        .order_by("-updated_at", "-id")
    )
    required = POSTING_SCOPES[provider]
    for connection in candidates:
        if any(scope in connection.scopes.split() for scope in required):
            return connection
    return None


def share_intent_url(*, network: str, url: str, text: str, instance: str = "") -> str | None:
    """The network's share page pre-filled with `url` (and `text` where the network honours it), from the
    SICHTBAR_SHARE_INTENT_* templates; None for networks without one. `instance`: the Mastodon server."""
    from urllib.parse import quote

    from django.conf import settings

    template = getattr(settings, f"SICHTBAR_SHARE_INTENT_{network.upper()}", "") if network.isalpha() else ""
    if not template:
        return None
    server = (instance or settings.SICHTBAR_MASTODON_DEFAULT_INSTANCE).rstrip("/")
    return (
        str(template)
        .replace("{instance}", server)
        .replace("{url}", quote(url, safe=""))
        .replace("{text}", quote(text, safe=""))
    )


def linkedin_analytics_connection_ids() -> list[int]:
    """LinkedIn connections with posts published through Sichtbar, when analytics are approved."""
    from django.conf import settings

    if not settings.LINKEDIN_ANALYTICS_APPROVED:
        return []
    return list(
        Connection.objects.filter(provider="linkedin", status="connected", publications__isnull=False)
        .distinct()
        .order_by("id")
        .values_list("id", flat=True)
    )
