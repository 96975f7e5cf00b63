"""What the integrations app holds about a person, for export and erasure (sichtbar/privacy/registry.py)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from sichtbar.accounts.models import User

from .models import Connection, ImportedPost, OAuthState, OAuthToken


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "connections": list(
            Connection.objects.filter(user=user)
            .order_by("created_at")
            .values(
                "provider",
                "url",
                "title",
                "feed_url",
                "feed_kind",
                "status",
                "external_account_id",
                "instance_url",
                "expires_at",
                "scopes",
                "followers",
                "suggestions",
                "last_sync_at",
                "last_error",
                "created_at",
            )
        ),
        "imported_posts": list(
            ImportedPost.objects.filter(author=user)
            .order_by("created_at")
            .values(
                "connection__provider",
                "connection__url",
                "external_id",
                "url",
                "title",
                "summary",
                "published_at",
                "show_on_profile",
                "created_at",
            )
        ),
    }


def erase_user_data(user: User) -> None:
    """Delete every connection, its tokens (never exported: secrets) and every imported post of the person."""
    OAuthState.objects.filter(user=user).delete()
    OAuthToken.objects.filter(connection__user=user).delete()
    ImportedPost.objects.filter(author=user).delete()
    Connection.objects.filter(user=user).delete()


def purge_expired(now: datetime) -> int:
    """Retention: OAuth authorisations started but never finished are deleted once they are stale."""
    cutoff = now - timedelta(minutes=settings.SICHTBAR_OAUTH_STATE_MINUTES)
    deleted, _by_model = OAuthState.objects.filter(created_at__lt=cutoff).delete()
    return deleted
