"""Reads of the monitoring app: feeds, terms, and mentions filtered for the person asking."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sichtbar.accounts.models import Role, User
from sichtbar.organisation.selectors import figures_visible_people

from .models import Mention, MentionSource, MonitoredTerm, MonitoringFeed


def feed_list() -> QuerySet[MonitoringFeed]:
    return MonitoringFeed.objects.annotate(mention_count=Count("mentions")).order_by("name", "id")


def feed_get(*, pk: int) -> MonitoringFeed | None:
    return MonitoringFeed.objects.filter(pk=pk).first()


def feed_ids_to_fetch() -> list[int]:
    """Active feeds, least recently fetched first."""
    return list(
        MonitoringFeed.objects.filter(active=True)
        .order_by("last_fetch_at", "id")
        .values_list("id", flat=True)
    )


def term_list() -> QuerySet[MonitoredTerm]:
    return MonitoredTerm.objects.annotate(mention_count=Count("mentions")).order_by("kind", "text")


def term_get(*, pk: int) -> MonitoredTerm | None:
    return MonitoredTerm.objects.filter(pk=pk).first()


@dataclass(frozen=True)
class MentionFilters:
    source: str = ""
    feed: int | None = None
    person: int | None = None
    term: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    search: str = ""


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def mention_visible(*, user: User) -> QuerySet[Mention]:
    """Managers and admins see every mention; employees only those that name them."""
    mentions = Mention.objects.all()
    if not user.has_role(Role.MANAGER):
        mentions = mentions.filter(experts=user)
    return mentions


def _filtered(*, user: User, filters: MentionFilters, with_source: bool = True) -> QuerySet[Mention]:
    mentions = mention_visible(user=user)
    if with_source and filters.source:
        mentions = mentions.filter(source=filters.source)
    if filters.feed is not None:
        mentions = mentions.filter(feed_id=filters.feed)
    if filters.person is not None:
        mentions = mentions.filter(experts__id=filters.person)
    if filters.term is not None:
        mentions = mentions.filter(terms__id=filters.term)
    if filters.date_from is not None:
        mentions = mentions.filter(published_at__gte=_start(filters.date_from))
    if filters.date_to is not None:
        mentions = mentions.filter(published_at__lt=_start(filters.date_to + timedelta(days=1)))
    if filters.search:
        for word in filters.search.split()[:8]:
            mentions = mentions.filter(Q(title__icontains=word) | Q(text__icontains=word))
    return mentions


def mention_list(*, user: User, filters: MentionFilters) -> QuerySet[Mention]:
    ids = _filtered(user=user, filters=filters).values("pk")  # joins of M2M filters never duplicate rows
    return (
        Mention.objects.filter(pk__in=ids)
        .select_related("feed", "post__connection", "post__author")
        .prefetch_related("terms", "experts")
        .order_by("-published_at", "-id")
    )


def _counts_visible(*, user: User) -> set[int] | None:
    """Whose mention counts a manager may see (None: everyone's). A person's count includes their own
    imported posts, a figure of their activity: in works-council mode only with their opt-in. The
    organisation's privacy settings say whether works-council mode is on and who opted in."""
    if not user.has_role(Role.MANAGER):
        return None  # employees see only mentions that name them
    return figures_visible_people(viewer=user)


def mention_summary(*, user: User, filters: MentionFilters) -> dict[str, Any]:
    """Counts per source for the filter chips (every filter applied except the source), and the people
    and terms that occur, for the filter menus."""
    ids = _filtered(user=user, filters=filters, with_source=False).values("pk")
    per_source = dict(
        Mention.objects.filter(pk__in=ids).values_list("source").annotate(count=Count("pk")).order_by()
    )
    sources = {source.value: per_source.get(source.value, 0) for source in MentionSource}
    visible = mention_visible(user=user).values("pk")
    counted = _counts_visible(user=user)
    # works-council mode: no ranking by a count the manager may not see
    order = ["-count", "last_name", "first_name"] if counted is None else ["last_name", "first_name", "id"]
    people = (
        User.objects.filter(mentions__in=visible)
        .annotate(count=Count("mentions", distinct=True))
        .order_by(*order)
        .values("id", "first_name", "last_name", "email", "count")[:100]
    )
    terms = (
        MonitoredTerm.objects.filter(mentions__in=visible)
        .annotate(count=Count("mentions", distinct=True))
        .order_by("-count", "text")
        .values("id", "text", "kind", "count")[:100]
    )
    return {
        "total": sum(sources.values()),
        "sources": sources,
        "people": [
            {
                "id": row["id"],
                "name": f"{row['first_name']} {row['last_name']}".strip() or row["email"],
                "count": row["count"] if counted is None or row["id"] in counted else None,
            }
            for row in people
        ],
        "terms": list(terms),
    }
