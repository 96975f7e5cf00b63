"""Writes of the recommendations app: "not interested" feedback and the engagement counters."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.content.models import ContentItem
from sichtbar.core.errors import ApplicationError
from sichtbar.links.models import Click
from sichtbar.sharing.models import Share

from .error_codes import RecommendationsErrorCode
from .models import (
    CatalogueChange,
    ContentEngagement,
    DepartmentEngagement,
    Dismissal,
    DismissReason,
    FeedReader,
)
from .selectors import (
    SHARED_STATUSES,
    feed_cache_invalidate,
    feed_ranking_store,
    feed_readers_stale,
)

ENGAGEMENT_WINDOW_DAYS = 60


def dismissal_create(
    *, user: User, content: ContentItem, reason: str, topic_id: int | None = None
) -> Dismissal:
    """Hide an item from the feed. With reason "topic" the topic (one of the item's, by default its first)
    weighs less in this employee's feed from now on. Dismissing again updates the reason."""
    topic = None
    if reason == DismissReason.TOPIC:
        topics = list(content.topics.order_by("id").values_list("id", flat=True))
        if topic_id is None and topics:
            topic_id = topics[0]
        if topic_id not in topics:
            message = _("Choose one of the item's topics.")
            raise ApplicationError(
                message, code=RecommendationsErrorCode.TOPIC_INVALID, fields={"topic": [message]}
            )
        topic = topic_id
    dismissal, _created = Dismissal.objects.update_or_create(
        user=user, content=content, defaults={"reason": reason, "topic_id": topic}
    )
    feed_cache_invalidate(user_id=user.pk)
    return dismissal


def dismissal_delete(*, user: User, content_id: int) -> bool:
    """Undo "not interested". Returns whether there was something to undo."""
    deleted, _detail = Dismissal.objects.filter(user=user, content_id=content_id).delete()
    feed_cache_invalidate(user_id=user.pk)
    return bool(deleted)


def engagement_refresh(*, now: datetime | None = None) -> dict[str, int]:
    """Rebuild the per-item and per-department counters of the last ENGAGEMENT_WINDOW_DAYS from shares and
    counted clicks. Idempotent: the tables are replaced in one transaction, so readers see old or new."""
    now = now or timezone.now()
    since = now - timedelta(days=ENGAGEMENT_WINDOW_DAYS)
    shares = Share.objects.filter(status__in=SHARED_STATUSES, created_at__gte=since)
    clicks = Click.objects.filter(occurred_at__gte=since, content_id_at_click__isnull=False)

    totals: dict[int, list[int]] = {}
    for content_id, count in shares.values_list("content_id").annotate(n=Count("id")).order_by():
        totals.setdefault(content_id, [0, 0])[0] = count
    for content_id, count in clicks.values_list("content_id_at_click").annotate(n=Count("id")).order_by():
        totals.setdefault(content_id, [0, 0])[1] = count

    local: dict[tuple[int, int], list[int]] = {}
    for content_id, department_id, count in (
        shares.filter(user__department__isnull=False)
        .values_list("content_id", "user__department_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        local.setdefault((content_id, department_id), [0, 0])[0] = count
    for content_id, department_id, count in (
        clicks.filter(link__user__department__isnull=False)
        .values_list("content_id_at_click", "link__user__department_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        local.setdefault((content_id, department_id), [0, 0])[1] = count

    existing = set(ContentItem.objects.filter(pk__in=list(totals)).values_list("id", flat=True))
    with transaction.atomic():
        ContentEngagement.objects.all().delete()
        DepartmentEngagement.objects.all().delete()
        ContentEngagement.objects.bulk_create(
            [
                ContentEngagement(content_id=pk, shares=s, clicks=c)
                for pk, (s, c) in totals.items()
                if pk in existing
            ],
            batch_size=2000,
        )
        DepartmentEngagement.objects.bulk_create(
            [
                DepartmentEngagement(content_id=pk, department_id=dept, shares=s, clicks=c)
                for (pk, dept), (s, c) in local.items()
                if pk in existing
            ],
            batch_size=2000,
        )
    return {"items": len(existing), "department_rows": len(local)}


def feed_reader_touch(*, user: User, now: datetime | None = None) -> None:
    """Note that the person reads their feed (one write per person and day; the cache remembers the day)."""
    now = now or timezone.now()
    if cache.add(f"recommendations:feed-read:{user.pk}:{now.date().isoformat()}", 1, 86400):
        FeedReader.objects.update_or_create(user=user, defaults={"last_read_at": now})


def feed_ranking_refresh(*, user_id: int) -> bool:
    """Recompute one person's ranking into the cache (idempotent; nothing for unknown or inactive people)."""
    if settings.RECOMMENDATIONS_FEED_CACHE_SECONDS <= 0:
        return False
    user = User.objects.filter(pk=user_id, is_active=True).select_related("department").first()
    if user is None:
        return False
    feed_ranking_store(user=user)
    return True


def feed_rankings_refresh(*, now: datetime | None = None) -> dict[str, int]:
    """Keep recent readers' rankings warm: recompute the stale ones (see `feed_readers_stale`) and forget
    readers who have not opened the feed for RECOMMENDATIONS_FEED_ACTIVE_DAYS (retention of FeedReader).
    Idempotent; a lock keeps two overlapping runs from doing the same work."""
    now = now or timezone.now()
    if settings.RECOMMENDATIONS_FEED_CACHE_SECONDS <= 0:
        return {"refreshed": 0, "forgotten": 0}
    lock = "recommendations:feed-refresh-lock"
    if not cache.add(lock, 1, settings.RECOMMENDATIONS_FEED_REFRESH_SECONDS):
        return {"refreshed": 0, "forgotten": 0}
    try:
        forgotten, _detail = FeedReader.objects.filter(
            last_read_at__lt=now - timedelta(days=settings.RECOMMENDATIONS_FEED_ACTIVE_DAYS)
        ).delete()
        refreshed = 0
        users = User.objects.filter(is_active=True).select_related("department")
        for user in users.filter(pk__in=feed_readers_stale(now=now)):
            feed_ranking_store(user=user)
            refreshed += 1
    finally:
        cache.delete(lock)
    return {"refreshed": refreshed, "forgotten": forgotten}


def catalogue_changed(*, now: datetime | None = None) -> None:
    """Content was published, changed or withdrawn: rankings computed before now count as stale, in every
    process (the mark is a database row, written in the caller's transaction)."""
    CatalogueChange.objects.update_or_create(pk=1, defaults={"changed_at": now or timezone.now()})
