"""What the integrations app holds about a person, for export and erasure (sichtbar/privacy/registry.py)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import Connection, ImportedPost, OAuthState, OAuthToken

PERSONAL_DATA = [
    PersonalData(
        "integrations.Connection",
        person=("user",),
        texts=("title",),
        secret=("etag", "last_modified", "content_hash"),
        owned=True,
        erasure="deleted; Mastodon tokens revoked at the instance first",
    ),
    PersonalData(
        "integrations.ImportedPost",
        person=("author", "connection__user"),
        texts=("title", "summary"),
        owned=True,
        erasure="deleted",
    ),
    PersonalData(
        "integrations.OAuthToken",
        person=("connection__user",),
        secret=("access_token_encrypted", "refresh_token_encrypted"),
        owned=True,
        erasure="revoked where the network allows, deleted",
    ),
    PersonalData(
        "integrations.OAuthState",
        person=("user", "connection__user"),
        secret=("state_hash", "code_verifier_encrypted"),
        owned=True,
        erasure="deleted",
    ),
    PersonalData("integrations.PostPublication", person=("connection__user",), owned=True, erasure="deleted"),
]


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
    """Delete every connection, its tokens (never exported: secrets) and every imported post of the person.

    Mastodon tokens are revoked at the instance, as disconnecting does, once the erasure has committed."""
    from .oauth import oauth_revoke_later

    for connection in Connection.objects.filter(user=user):
        oauth_revoke_later(connection=connection)
    OAuthState.objects.filter(Q(user=user) | Q(connection__user=user)).delete()
    OAuthToken.objects.filter(connection__user=user).delete()
    ImportedPost.objects.filter(Q(author=user) | Q(connection__user=user)).delete()
    Connection.objects.filter(user=user).delete()


def _oauth_states_purge(now: datetime, days: int) -> int:
    """Authorisations started but never finished are deleted once they are stale."""
    cutoff = now - timedelta(minutes=settings.SICHTBAR_OAUTH_STATE_MINUTES, days=days)
    deleted, _by_model = OAuthState.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _imported_posts_purge(now: datetime, days: int) -> int:
    """Imported posts are evidence of expertise, not an archive forever: by publication (else import) date."""
    stale = ImportedPost.objects.annotate(moment=Coalesce("published_at", "created_at")).filter(
        moment__lt=now - timedelta(days=days)
    )
    deleted, _by_model = ImportedPost.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    return deleted


RETENTION = [
    RetentionRule("oauth_states", "OAUTH_STATE_RETENTION_DAYS", _oauth_states_purge),
    RetentionRule("imported_posts", "IMPORTED_POST_RETENTION_DAYS", _imported_posts_purge, minimum=30),
]
