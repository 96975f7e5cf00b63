"""Writes of the notifications app: the bell (`notify` for every app that tells a person something), the
digest preference, and the e-mail digests (one per person and period, written to the mail outbox)."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sichtbar.accounts.models import User
from sichtbar.core.events import DigestItems, ask
from sichtbar.mail.services import mail_enqueue

from . import selectors
from .models import DigestDelivery, DigestFrequency, Notification, NotificationPreference

DIGEST_MAX_ITEMS = 10


def notify(*, user: User, kind: str, title: str, url: str = "", dedup_key: str = "") -> Notification | None:
    """Add an in-app notification for `user`. With a `dedup_key` it is stored at most once per person
    (safe in tasks that may run twice); returns None when it existed already or the person is inactive."""
    if not user.is_active:
        return None
    try:
        with transaction.atomic():
            return Notification.objects.create(
                user=user, kind=kind[:40], title=title[:300], url=url[:500], dedup_key=dedup_key[:200]
            )
    except IntegrityError:
        return None


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the given notifications (or all) of `user` as read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def notification_preference_set(*, user: User, digest: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"digest": digest}
    )
    return preference


# --- digests -------------------------------------------------------------------------------------


def digest_period(*, frequency: str, now: datetime) -> str:
    if frequency == DigestFrequency.DAILY:
        return f"daily:{now.date().isoformat()}"
    year, week, _day = now.isocalendar()
    return f"weekly:{year}-W{week:02d}"


def digest_items(*, user: User, since: datetime) -> list[Any]:
    """Items that went live since `since` and match the person's interests or are important: the content
    app answers (a floor above; `DigestItems` in core/events.py)."""
    answers = ask(DigestItems(user_id=user.pk, since=since, limit=DIGEST_MAX_ITEMS))
    return [item for answer in answers for item in answer][:DIGEST_MAX_ITEMS]


def digest_send(*, user_id: int, frequency: str, now: datetime | None = None) -> bool:
    """Write one person's digest for the current period to the outbox, at most once: the delivery row
    (unique per person and period) is locked, the mail is enqueued and the row marked in one transaction."""
    now = now or timezone.now()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or selectors.notification_preference(user=user) != frequency:
        return False
    period = digest_period(frequency=frequency, now=now)
    since = now - (timedelta(days=1) if frequency == DigestFrequency.DAILY else timedelta(days=7))
    with transaction.atomic():
        delivery, _created = DigestDelivery.objects.select_for_update().get_or_create(
            user=user, period=period
        )
        if delivery.sent_at is not None:
            return False
        items = digest_items(user=user, since=since)
        if not items:
            delivery.sent_at = now
            delivery.save(update_fields=["sent_at"])
            return False
        mail_enqueue(
            to=user.email,
            template="content/email/digest",
            context={
                "user": user,
                "items": items,
                "site": settings.SITE_URL.rstrip("/"),
                "frequency": frequency,
            },
            language=user.language,
            reference=f"digest:{user.pk}:{period}",
        )
        delivery.sent_at = now
        delivery.item_count = len(items)
        delivery.save(update_fields=["sent_at", "item_count"])
    return True


def digest_user_ids(*, frequency: str) -> list[int]:
    """People who get this digest: an explicit preference, or no preference and the default (weekly)."""
    explicit = NotificationPreference.objects.filter(digest=frequency, user__is_active=True)
    ids = set(explicit.values_list("user_id", flat=True))
    if frequency == DigestFrequency.WEEKLY:
        ids |= set(
            User.objects.filter(is_active=True, notification_preference__isnull=True).values_list(
                "id", flat=True
            )
        )
    return sorted(ids)
