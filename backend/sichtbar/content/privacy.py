"""What the content app holds about a person, for export and erasure (sichtbar/privacy/registry.py):
suggestions, guideline acceptances, notifications, the digest preference and deliveries, comments."""

from datetime import datetime, timedelta
from typing import Any

from sichtbar.accounts.models import User

from .models import (
    ContentComment,
    ContentItem,
    DigestDelivery,
    GuidelineAcceptance,
    Notification,
    NotificationPreference,
)


def export_user_data(user: User) -> dict[str, Any]:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "suggestions": list(
            ContentItem.objects.filter(suggested_by=user)
            .order_by("created_at")
            .values("url", "title", "suggestion_note", "status", "created_at")
        ),
        "guideline_acceptances": [
            {"version": acceptance.version.version, "accepted_at": acceptance.accepted_at}
            for acceptance in GuidelineAcceptance.objects.filter(user=user).select_related("version")
        ],
        "notifications": list(
            Notification.objects.filter(user=user)
            .order_by("created_at")
            .values("kind", "title", "url", "read_at", "created_at")
        ),
        "email_summary_frequency": preference.digest if preference else None,
        "email_summaries_sent": list(
            DigestDelivery.objects.filter(user=user, sent_at__isnull=False)
            .order_by("sent_at")
            .values("period", "item_count", "sent_at")
        ),
        "content_comments": list(
            ContentComment.objects.filter(author=user).order_by("created_at").values("content__slug", "body")
        ),
    }


# Notifications are a bell, not an archive; digest deliveries only need to outlive their period.
NOTIFICATION_RETENTION = timedelta(days=180)
DIGEST_DELIVERY_RETENTION = timedelta(days=60)


def purge_expired(now: datetime) -> int:
    """Delete notifications older than 180 days and digest bookkeeping older than 60 days."""
    notifications, _ = Notification.objects.filter(created_at__lt=now - NOTIFICATION_RETENTION).delete()
    deliveries, _ = DigestDelivery.objects.filter(created_at__lt=now - DIGEST_DELIVERY_RETENTION).delete()
    return notifications + deliveries


def erase_user_data(user: User) -> None:
    """Delete notifications, preferences, deliveries and acceptances; suggestions that are still drafts
    are deleted, published ones stay as company content without the suggester and their note."""
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    DigestDelivery.objects.filter(user=user).delete()
    GuidelineAcceptance.objects.filter(user=user).delete()
    ContentComment.objects.filter(author=user).delete()
    ContentItem.objects.filter(suggested_by=user, status="draft", shares__isnull=True).delete()
    ContentItem.objects.filter(suggested_by=user).update(suggested_by=None, suggestion_note="")
    ContentItem.objects.filter(created_by=user).update(created_by=None)
