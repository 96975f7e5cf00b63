"""Filters, the works-council scope of a view, and the querysets every area starts from."""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Case,
    F,
    IntegerField,
    QuerySet,
    Sum,
    Value,
    When,
)

from sichtbar.content.models import ContentItem, ContentKind
from sichtbar.sharing.models import Share

from .. import disclosure
from ..disclosure import Disclosure
from ..models import (
    AnalyticsSettings,
    ContentShareMonth,
    ContributorMonth,
    DailyFact,
    DailySummary,
    Kpi,
    ShareMonth,
    UserDayFact,
)
from ..rollup import COUNTED_SHARE_STATUSES

FACT_METRICS = ["shares", "reach", "clicks", "conversions", "applications", "job_shares", "job_clicks"]
TREND_METRICS = [
    "shares",
    "clicks",
    "reach",
    "conversions",
    "applications",
    "profile_views",
    "search_appearances",
    "contact_requests",
]
BREAKDOWN_DIMENSIONS = ["department", "network", "content", "topic"]
KPI_UNITS = {
    Kpi.ADOPTION_RATE: "ratio",
    Kpi.CLICKS_PER_SHARE: "number",  # clicks per share: a number of clicks, not a percentage
    Kpi.ENGAGEMENT_RATE: "ratio",
    Kpi.CONTENT_UTILISATION: "ratio",
    Kpi.MEDIA_VALUE: "currency",
    Kpi.MEDIAN_RESPONSE_HOURS: "hours",
}
ESTIMATES = {Kpi.POTENTIAL_REACH, Kpi.ESTIMATED_IMPRESSIONS, Kpi.MEDIA_VALUE}


@dataclass(frozen=True)
class AnalyticsFilters:
    start: date
    end: date
    department: int | None = None
    network: str | None = None
    content_kind: str | None = None
    topic: int | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "AnalyticsFilters":
        """The period of the same length just before this one."""
        return AnalyticsFilters(
            start=self.start - timedelta(days=self.days),
            end=self.start - timedelta(days=1),
            department=self.department,
            network=self.network,
            content_kind=self.content_kind,
            topic=self.topic,
        )

    def company(self) -> "AnalyticsFilters":
        return AnalyticsFilters(
            start=self.start,
            end=self.end,
            network=self.network,
            content_kind=self.content_kind,
            topic=self.topic,
        )

    @property
    def narrowed(self) -> bool:
        """Filters that narrow the figures below the department's people (checked by contributors)."""
        return bool(self.network or self.content_kind or self.topic)


def analytics_settings() -> AnalyticsSettings:
    return AnalyticsSettings.objects.order_by("id").first() or AnalyticsSettings()


@dataclass(frozen=True)
class Scope:
    """The cell a view shows in works-council mode: its months, group and narrowing."""

    months: list[date]
    department: Any  # a department id, or "" for the whole company
    narrowing: Any  # None, (dimension, value) or disclosure.COMBINATION


def _published(
    filters: AnalyticsFilters, guard: Disclosure, today: date | None = None
) -> tuple[AnalyticsFilters, dict[str, Any]]:
    """Works-council mode: the filters moved to whole, closed months (the publication periods)."""
    if not guard.restricted:
        return filters, {"start": filters.start, "end": filters.end, "snapped": False, "unit": "day"}
    period = disclosure.publication_period(start=filters.start, end=filters.end, today=today)
    published = replace(filters, start=period.start, end=period.end)
    note = {"start": period.start, "end": period.end, "snapped": period.snapped, "unit": "month"}
    return published, note


def _scope(filters: AnalyticsFilters) -> Scope:
    return Scope(
        months=disclosure.months_of(filters.start, filters.end),
        department="" if filters.department is None else filters.department,
        narrowing=disclosure.narrowing_of(filters),
    )


def _reason(guard: Disclosure, scope: Scope, families: tuple[str, ...], *, job: bool = False) -> str | None:
    """Why a figure of these families is withheld for the viewer (None: shown)."""
    if not guard.restricted:
        return None
    narrowing = scope.narrowing
    if job:  # the job funnel is narrowed to content of kind job
        if narrowing not in (None, ("content_kind", ContentKind.JOB)):
            return disclosure.COMBINATION
        narrowing = ("content_kind", ContentKind.JOB.value)
    if narrowing == disclosure.COMBINATION:
        return disclosure.COMBINATION
    return guard.reason(
        months=scope.months, families=families, department=scope.department, narrowing=narrowing
    )


def _masked(values: dict[str, Any], guard: Disclosure, scope: Scope) -> dict[str, str | None]:
    """Withhold the KPIs the viewer may not see (in place); returns the reason per KPI."""
    reasons: dict[str, str | None] = {}
    for key in list(values):
        reason = _reason(guard, scope, disclosure.KPI_FAMILIES.get(key, ()), job=key in disclosure.JOB_KPIS)
        if reason and values[key] is not None:
            values[key] = None
        reasons[key] = reason
    return reasons


# --- base querysets ---------------------------------------------------------------------------


def _facts(filters: AnalyticsFilters, *, by_content: bool = False) -> QuerySet[Any]:
    """Rollup rows of the filters: the small per-kind summary unless content items are needed (a
    topic filter or a per-item question)."""
    if by_content or filters.topic is not None:
        qs: QuerySet[Any] = DailyFact.objects.all()
    else:
        qs = DailySummary.objects.all()
    return _narrowed(qs.filter(day__gte=filters.start, day__lte=filters.end), filters)


def _narrowed(qs: QuerySet[Any], filters: AnalyticsFilters, *, by_topic: bool = True) -> QuerySet[Any]:
    """Rows of a rollup table (department_id, network, content_kind and content_id columns) narrowed to
    the filters' department, network, content kind and, with `by_topic`, the items of their topic."""
    if filters.department is not None:
        qs = qs.filter(department_id=filters.department)
    if filters.network:
        qs = qs.filter(network=filters.network)
    if filters.content_kind:
        qs = qs.filter(content_kind=filters.content_kind)
    if by_topic and filters.topic is not None:
        topic_items = ContentItem.topics.through.objects.filter(skill_id=filters.topic)
        qs = qs.filter(content_id__in=topic_items.values("contentitem_id"))
    return qs


def _person_facts(filters: AnalyticsFilters) -> QuerySet[UserDayFact]:
    qs = UserDayFact.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.department is not None:
        qs = qs.filter(department_id=filters.department)
    return qs


def _shares(filters: AnalyticsFilters) -> QuerySet[Share]:
    """The counted shares of the period (raw facts, for drill-down and contributor counts)."""
    start = _day_start(filters.start)
    end = _day_start(filters.end + timedelta(days=1))
    qs = Share.objects.filter(shared_at__gte=start, shared_at__lt=end, status__in=COUNTED_SHARE_STATUSES)
    if filters.department is not None:
        qs = qs.filter(user__department_id=filters.department)
    if filters.network:
        qs = qs.filter(network=filters.network)
    if filters.content_kind:
        qs = qs.filter(content__kind=filters.content_kind)
    if filters.topic is not None:
        qs = qs.filter(content__topics=filters.topic)
    return qs


def _day_start(day: date) -> Any:
    from ..rollup import day_bounds

    return day_bounds(day)[0]


def _contributors(filters: AnalyticsFilters) -> int:
    """People who shared within the filters: from the month bitmaps, except for a topic (an item's
    topics are not a dimension of the bitmaps), which counts the shares."""
    if filters.topic is not None:
        return _shares(filters).values("user_id").distinct().count()
    qs = _narrowed(ContributorMonth.objects.all(), filters, by_topic=False)
    return _in_period(qs, filters).values("user_id").distinct().count()


def _sum(qs: QuerySet[Any], names: list[str]) -> dict[str, int]:
    row = qs.aggregate(**{name: Sum(name) for name in names})
    return {name: int(row[name] or 0) for name in names}


ALL_DAYS = (1 << 31) - 1


def _in_period(qs: QuerySet[Any], filters: AnalyticsFilters) -> QuerySet[Any]:
    """Month bitmap rows with a day in the period: the first and last month are masked to the
    period's days, the months between need any bit (rows exist only for days with shares)."""
    first, last = filters.start.replace(day=1), filters.end.replace(day=1)
    start_mask = ALL_DAYS & ~((1 << (filters.start.day - 1)) - 1)
    end_mask = (1 << filters.end.day) - 1
    masks = {first: start_mask & end_mask} if first == last else {first: start_mask, last: end_mask}
    mask = Case(
        *(When(month=month, then=Value(bits)) for month, bits in masks.items()),
        default=Value(ALL_DAYS),
        output_field=IntegerField(),
    )
    return (
        qs.filter(month__gte=first, month__lte=last)
        .annotate(hit=F("days").bitand(mask))  # type: ignore[arg-type]  # expressions work at runtime
        .exclude(hit=0)
        .order_by()
    )


def _share_months(filters: AnalyticsFilters) -> QuerySet[ShareMonth]:
    qs = ShareMonth.objects.all()
    if filters.department is not None:
        qs = qs.filter(department_id=filters.department)
    return qs


def _content_share_months(filters: AnalyticsFilters) -> QuerySet[ContentShareMonth]:
    """Like the old per-item probe: only items that still exist, narrowed by every filter."""
    return _narrowed(
        ContentShareMonth.objects.filter(content_id__in=ContentItem.objects.values("id")), filters
    )
