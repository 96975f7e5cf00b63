"""What the notifications app holds about a person, for export and erasure (sichtbar/privacy/registry.py):
notifications (the person's, and others' that name them), the digest preference and the digests sent."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

from sichtbar.accounts.models import User
from sichtbar.core.privacy import Person, PersonalData, RetentionRule
from sichtbar.profiles.models import Profile

from .models import DigestDelivery, Notification, NotificationPreference

PERSONAL_DATA = [
    PersonalData(
        "notifications.Notification",
        person=("user",),
        texts=("title", "url"),
        erasure="the person's deleted; others' naming them (“New suggestion from …”) rewritten",
    ),
    PersonalData("notifications.NotificationPreference", person=("user",), owned=True, erasure="deleted"),
    PersonalData("notifications.DigestDelivery", person=("user",), owned=True, erasure="deleted"),
]


def export_user_data(user: User) -> dict[str, Any]:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
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
        # Texts others' actions wrote that name the person (Art. 15: what others recorded about them).
        "notifications_naming_me": list(
            Notification.objects.filter(_naming(user, "title"))
            .exclude(user=user)
            .order_by("created_at")
            .values("kind", "title", "created_at")
        ),
    }


def _naming(user: User, field: str) -> Q:
    person = Person(
        user_id=user.pk,
        email=user.email,
        full_name=user.full_name,
        slugs=tuple(Profile.objects.filter(user=user).values_list("slug", flat=True)),
    )
    query = Q(pk__in=[])
    for needle in person.needles():
        query |= Q(**{f"{field}__icontains": needle})
    return query


def _notifications_purge(now: datetime, days: int) -> int:
    """Notifications are a bell, not an archive."""
    deleted, _detail = Notification.objects.filter(created_at__lt=now - timedelta(days=days)).delete()
    return deleted


def _digest_deliveries_purge(now: datetime, days: int) -> int:
    """Digest bookkeeping only needs to outlive its period."""
    deleted, _detail = DigestDelivery.objects.filter(created_at__lt=now - timedelta(days=days)).delete()
    return deleted


RETENTION = [
    RetentionRule("notifications", "NOTIFICATION_RETENTION_DAYS", _notifications_purge),
    RetentionRule(
        "digest_deliveries", "DIGEST_DELIVERY_RETENTION_DAYS", _digest_deliveries_purge, minimum=31
    ),
]


def erase_user_data(user: User) -> None:
    """Delete the person's notifications, preference and digest deliveries."""
    Notification.objects.filter(user=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    DigestDelivery.objects.filter(user=user).delete()
