"""Reads of the links app: short URLs, resolving a code for the redirect, link statistics."""

import random
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from threading import Lock

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from sichtbar.accounts.models import Role, User
from sichtbar.links.models import Click, TrackedLink
from sichtbar.organisation.selectors import figures_visible_people


def short_url(*, link: TrackedLink) -> str:
    """The absolute short URL of a tracked link (SICHTBAR_SHORT_LINK_BASE, default the site URL)."""
    return f"{settings.SICHTBAR_SHORT_LINK_BASE}/r/{link.code}"


# --- resolving a code -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkTarget:
    """What the redirect needs about a link; cached, so it never changes after the link is made."""

    link_id: int
    destination: str
    expires_at: float | None  # epoch seconds
    user_id: int | None
    content_id: int
    network: str

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at


_MISSING = "-"
SHARED_CACHE_SECONDS = 24 * 3600
# A link's target never changes (expiry is checked on every request); only a deleted link may still
# redirect from a process's memory for up to this long. Jittered so a process's codes do not all fall
# back to the shared cache in the same second.
LOCAL_CACHE_SECONDS = 300.0
LOCAL_CACHE_SIZE = 20_000
_local: OrderedDict[str, tuple[float, LinkTarget | None]] = OrderedDict()
_local_lock = Lock()


def _cache_key(code: str) -> str:
    return f"links:target:{code}"


def link_target(*, code: str) -> LinkTarget | None:
    """Resolve a short code: process memory, then the shared cache, then the database. Unknown codes are
    remembered briefly too, so guessing does not reach the database on every request."""
    now = time.monotonic()
    with _local_lock:
        hit = _local.get(code)
        if hit is not None and hit[0] > now:
            return hit[1]
    cached = cache.get(_cache_key(code))
    if cached == _MISSING:
        target: LinkTarget | None = None
    elif isinstance(cached, LinkTarget):
        target = cached
    else:
        link = (
            TrackedLink.objects.filter(code=code)
            .values_list("id", "destination", "expires_at", "user_id", "content_id", "network")
            .first()
        )
        if link is None:
            target = None
            cache.set(_cache_key(code), _MISSING, 60)
        else:
            link_id, destination, expires_at, user_id, content_id, network = link
            target = LinkTarget(
                link_id=link_id,
                destination=destination,
                expires_at=expires_at.timestamp() if expires_at else None,
                user_id=user_id,
                content_id=content_id,
                network=network,
            )
            cache.set(_cache_key(code), target, SHARED_CACHE_SECONDS)
    with _local_lock:
        ttl = LOCAL_CACHE_SECONDS * random.uniform(0.8, 1.2) if target else 10.0  # noqa: S311
        _local[code] = (now + ttl, target)
        _local.move_to_end(code)
        while len(_local) > LOCAL_CACHE_SIZE:
            _local.popitem(last=False)
    return target


def link_target_in_memory(*, code: str) -> LinkTarget | None:
    """The link of `code` if this process already holds it, without any I/O (None: unknown here, or a
    code known not to exist; `link_target` tells those apart)."""
    with _local_lock:
        hit = _local.get(code)
    return hit[1] if hit is not None and hit[0] > time.monotonic() else None


def link_target_cache_clear() -> None:
    with _local_lock:
        _local.clear()


def link_target_forget(*, codes: list[str]) -> None:
    """Drop these links from the shared cache and this process's memory (their owner changed: erasure).
    Other processes may still hold them for LOCAL_CACHE_SECONDS; clicks take their owner from the
    database when they are stored, so a stale owner never reaches a row."""
    cache.delete_many([_cache_key(code) for code in codes])
    with _local_lock:
        for code in codes:
            _local.pop(code, None)


# --- statistics -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkCounts:
    clicks: int
    unique_visitors: int
    conversions: int


def others_links_visible(*, user: User) -> bool:
    """Managers and admins may list other people's links: everyone's outside works-council mode, only
    those of people who opted in inside it (a link's figures are one person's figures)."""
    return user.has_role(Role.MANAGER)


def _visible_owners(*, user: User) -> set[int] | None:
    """Whose per-link figures `user` may see (None: everyone's). The analytics app owns the mode and
    the opt-ins are the organisation's privacy settings."""
    if not user.has_role(Role.MANAGER):
        return {user.pk}
    return figures_visible_people(viewer=user)


def links_visible(*, user: User) -> QuerySet[TrackedLink]:
    """Links whose statistics `user` may see: their own, and others' for managers (see above)."""
    links = TrackedLink.objects.all()
    owners = _visible_owners(user=user)
    if owners is not None:
        links = links.filter(user_id__in=owners)
    return links


def link_list(*, user: User, mine: bool = True) -> QuerySet[TrackedLink]:
    """Links with their counts, newest first; `mine=False` lists everyone's for managers."""
    links = links_visible(user=user)
    if mine:
        links = links.filter(user=user)
    return (
        links.select_related("content", "user")
        .annotate(
            click_count=Count("clicks", distinct=True),
            unique_visitor_count=Count("clicks", filter=Q(clicks__unique_of_day=True), distinct=True),
            conversion_count=Count("conversions", distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def link_counts_for_shares(*, share_ids: list[int]) -> dict[int, LinkCounts]:
    """Counts per share id (for "my shares"); shares without a link are absent. Three queries."""
    links = dict(TrackedLink.objects.filter(share_id__in=share_ids).values_list("id", "share_id"))
    clicks = {
        row["link_id"]: row
        for row in Click.objects.filter(link_id__in=links)
        .values("link_id")
        .annotate(total=Count("id"), unique=Count("id", filter=Q(unique_of_day=True)))
    }
    conversions = dict(
        TrackedLink.objects.filter(id__in=links).annotate(n=Count("conversions")).values_list("id", "n")
    )
    result: dict[int, LinkCounts] = {}
    for link_id, share_id in links.items():
        row = clicks.get(link_id, {"total": 0, "unique": 0})
        result[share_id] = LinkCounts(
            clicks=row["total"], unique_visitors=row["unique"], conversions=conversions.get(link_id, 0)
        )
    return result


@dataclass(frozen=True)
class LinkStats:
    link: TrackedLink
    clicks: int
    unique_visitors: int
    conversions: int
    by_day: list[tuple[date, int, int]]  # day, clicks, unique visitors
    referrers: list[tuple[str, int]]
    devices: list[tuple[str, int]]
    conversions_by_kind: list[tuple[str, int]]
    computed_at: datetime


def link_stats(*, link: TrackedLink, days: int = 90, now: datetime | None = None) -> LinkStats:
    """Totals over the link's life; the per-day series covers the last `days` days (UTC)."""
    now = now or timezone.now()
    clicks = Click.objects.filter(link=link)
    totals = clicks.aggregate(total=Count("id"), unique=Count("id", filter=Q(unique_of_day=True)))
    since = now - timedelta(days=days)
    by_day = [
        (row["day"], row["total"], row["unique"])
        for row in clicks.filter(occurred_at__gte=since)
        .annotate(day=TruncDate("occurred_at", tzinfo=UTC))
        .values("day")
        .annotate(total=Count("id"), unique=Count("id", filter=Q(unique_of_day=True)))
        .order_by("day")
    ]
    referrers = [
        (row["referrer_host"], row["n"])
        for row in clicks.values("referrer_host").annotate(n=Count("id")).order_by("-n", "referrer_host")[:10]
    ]
    devices = [
        (row["device_class"], row["n"])
        for row in clicks.values("device_class").annotate(n=Count("id")).order_by("-n", "device_class")
    ]
    kinds = [
        (row["kind"], row["n"])
        for row in link.conversions.values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    ]
    return LinkStats(
        link=link,
        clicks=totals["total"],
        unique_visitors=totals["unique"],
        conversions=sum(n for _, n in kinds),
        by_day=by_day,
        referrers=referrers,
        devices=devices,
        conversions_by_kind=kinds,
        computed_at=now,
    )
