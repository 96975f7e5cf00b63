"""Reads of the integrations app: a person's own connections and imported posts."""

from django.db.models import QuerySet

from sichtbar.accounts.models import User

from .models import Connection, ImportedPost


def connection_list(*, user: User) -> QuerySet[Connection]:
    return Connection.objects.filter(user=user).order_by("provider", "created_at")


def post_list(*, user: User) -> QuerySet[ImportedPost]:
    return (
        ImportedPost.objects.filter(author=user).select_related("connection").order_by("-published_at", "-id")
    )


def profile_posts(*, user: User, limit: int = 5) -> list[ImportedPost]:
    """The posts a person chose to show on their profile, newest first (for the directory)."""
    return list(post_list(user=user).filter(show_on_profile=True)[:limit])


def blog_connection_ids() -> list[int]:
    """Blogs to sync, least recently synced first."""
    return list(
        Connection.objects.filter(provider="blog", user__is_active=True)
        .exclude(feed_url="")
        .order_by("last_sync_at", "id")
        .values_list("id", flat=True)
    )
