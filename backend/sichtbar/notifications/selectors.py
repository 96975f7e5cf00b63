"""Reads of the notifications app."""

from django.db.models import QuerySet

from sichtbar.accounts.models import User

from .models import DigestFrequency, Notification, NotificationPreference


def notification_list(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_preference(*, user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.digest if preference else DigestFrequency.WEEKLY
