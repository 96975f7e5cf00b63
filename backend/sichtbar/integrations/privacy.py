"""What the integrations app holds about a person, for export and erasure (sichtbar/privacy/registry.py)."""

from typing import Any

from sichtbar.accounts.models import User

from .models import Connection, ImportedPost


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
    """Delete every connection and every imported post of the person."""
    ImportedPost.objects.filter(author=user).delete()
    Connection.objects.filter(user=user).delete()
