"""Analytics reads: KPIs, trends, breakdowns, top content, targets, drill-down, leaderboard, My impact.

Everything reads the rollup tables except drill-down (the items behind a figure). Works-council mode is
decided by disclosure control (`disclosure.py`): every endpoint, export and the weekly e-mail use it."""

import statistics
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sichtbar.accounts.models import Department, Role, User
from sichtbar.content.models import ContentItem, ContentKind, ContentStatus
from sichtbar.core.networks import Network
from sichtbar.organisation import selectors as organisation_selectors
from sichtbar.organisation.models import FiguresOptIn
from sichtbar.profiles.models import Profile, Skill
from sichtbar.sharing.models import Share

from . import disclosure
from .disclosure import Disclosure
from .models import (
    AdoptionDay,
    AnalyticsSettings,
    Benchmark,
    ContentShareMonth,
    ContributorMonth,
    DailyFact,
    DailySummary,
    DailyTopicFact,
    DepartmentHeadcount,
    HeadcountDay,
    Kpi,
    NetworkRate,
    ResponseTime,
    RollupRun,
    ShareMonth,
    Target,
    UserDayFact,
)
from .rollup import COUNTED_SHARE_STATUSES

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
    from .rollup import day_bounds

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


# --- estimates --------------------------------------------------------------------------------


def rates(currency: str) -> dict[str, NetworkRate]:
    return {rate.network: rate for rate in NetworkRate.objects.filter(currency=currency)}


def _estimates(
    rows: list[dict[str, Any]], currency: str, network_rates: dict[str, NetworkRate]
) -> dict[str, Any]:
    """Impressions and media value per network with the inputs they were computed from."""
    inputs = []
    impressions = Decimal(0)
    value = Decimal(0)
    for row in rows:
        if not row["network"] or (not row["reach"] and not row["clicks"]):
            continue
        rate = network_rates.get(row["network"])
        cpc = rate.cpc if rate else Decimal(0)
        cpm = rate.cpm if rate else Decimal(0)
        view_rate = rate.view_rate if rate else Decimal(0)
        network_impressions = (Decimal(row["reach"] or 0) * view_rate).quantize(Decimal(1))
        impressions += network_impressions
        value += Decimal(row["clicks"] or 0) * cpc + network_impressions * cpm / 1000
        inputs.append(
            {
                "network": row["network"],
                "cpc": cpc,
                "cpm": cpm,
                "view_rate": view_rate,
                "clicks": int(row["clicks"] or 0),
                "reach": int(row["reach"] or 0),
                "impressions": int(network_impressions),
                "configured": rate is not None,
            }
        )
    return {
        "currency": currency,
        "impressions": int(impressions),
        "media_value": value.quantize(Decimal("0.01")),
        "inputs": inputs,
    }


# --- KPIs -------------------------------------------------------------------------------------


def _scalar(qs: QuerySet[Any], expression: str) -> tuple[str, tuple[Any, ...]]:
    sql, params = qs.query.sql_with_params()
    return f"(SELECT {expression} FROM ({sql}) AS t)", tuple(params)  # noqa: S608 - compiled ORM SQL


def _scalars(filters: AnalyticsFilters) -> dict[str, Any]:
    """Every single-number input of the KPIs in one round trip (the dashboard's latency is mostly
    round trips, not scans: every subquery reads a small rollup or a partial index)."""
    adoption = AdoptionDay.objects.all()
    all_headcount = HeadcountDay.objects.all()
    if filters.department is not None:
        adoption = adoption.filter(department_id=filters.department)
        all_headcount = all_headcount.filter(department_id=filters.department)
    headcount = all_headcount.filter(day__gte=filters.start, day__lte=filters.end)
    in_period = adoption.filter(day__gte=filters.start, day__lte=filters.end)
    available = ContentItem.objects.filter(status__in=[ContentStatus.PUBLISHED, ContentStatus.ARCHIVED])
    available = available.filter(published_at__lt=_day_start(filters.end + timedelta(days=1))).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gte=_day_start(filters.start))
    )
    if filters.content_kind:
        available = available.filter(kind=filters.content_kind)
    if filters.topic is not None:
        available = available.filter(topics=filters.topic)
    parts = {
        # Distinct counts over the month bitmaps: at most people (items) × months, however many facts.
        "active": _scalar(
            _in_period(_share_months(filters), filters).values("user_id"), "COUNT(DISTINCT user_id)"
        ),
        "shared_items": _scalar(
            _in_period(_content_share_months(filters), filters).values("content_id"),
            "COUNT(DISTINCT content_id)",
        ),
        "available": _scalar(available.order_by().values("id"), "COUNT(*)"),
        "invited": _scalar(in_period.values("invited"), "COALESCE(SUM(invited), 0)"),
        **_stocks(filters),
        "headcount_total": _scalar(headcount.values("headcount"), "COALESCE(SUM(headcount), 0)"),
        "headcount_days": _scalar(headcount.values("day"), "COUNT(DISTINCT day)"),
        # Without a snapshot in the period: the nearest one before it, else the nearest after it.
        "headcount_before": _scalar(
            all_headcount.filter(
                day=Subquery(all_headcount.filter(day__lt=filters.start).order_by("-day").values("day")[:1])
            ).values("headcount"),
            "SUM(headcount)",
        ),
        "headcount_after": _scalar(
            all_headcount.filter(
                day=Subquery(all_headcount.filter(day__gt=filters.end).order_by("day").values("day")[:1])
            ).values("headcount"),
            "SUM(headcount)",
        ),
    }
    sql = "SELECT " + ", ".join(part for part, _params in parts.values())
    params = tuple(param for _part, part_params in parts.values() for param in part_params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return dict(zip(parts, row, strict=True))


def _stocks(filters: AnalyticsFilters) -> dict[str, tuple[str, tuple[Any, ...]]]:
    """Enrolled and onboarded are states at the period's end, counted in the accounts and profiles
    themselves (not summed from daily rollups): a re-published profile counts once, and a deactivated
    person leaves the count at once, without a rebuild."""
    end = _day_start(filters.end + timedelta(days=1))
    people = User.objects.filter(is_active=True)
    if filters.department is not None:
        people = people.filter(department_id=filters.department)
    onboarded = Profile.objects.filter(user__in=people, is_published=True, published_at__lt=end)
    return {
        "enrolled": _scalar(people.filter(date_joined__lt=end).order_by().values("id"), "COUNT(*)"),
        "onboarded": _scalar(onboarded.order_by().values("id"), "COUNT(*)"),
    }


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


def _ratio(numerator: float | int | None, denominator: float | int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(float(numerator) / float(denominator), 4)


def kpi_values(
    filters: AnalyticsFilters, *, currency: str, network_rates: dict[str, NetworkRate] | None = None
) -> dict[str, Any]:
    """Every KPI of docs/metrics.md for the filters, plus the estimate inputs and the job funnel."""
    metrics = [*FACT_METRICS, "posts", "reported_impressions", "reported_engagements", "profile_views"]
    metrics += ["search_appearances", "contact_requests"]
    rows = list(
        _facts(filters).values("network").annotate(**{name: Sum(name) for name in metrics}).order_by()
    )
    totals = {name: sum(int(row[name] or 0) for row in rows) for name in metrics}
    # Network, kind and topic narrow activity only: figures of people as such (accounts, profiles,
    # directory counters, requests and their response times) have none of these dimensions and are
    # null under them, with or without a department. Active advocates narrow: who shared there.
    people_scope = not filters.narrowed
    scalars = _scalars(filters)
    invited = int(scalars["invited"])
    active = int(scalars["active"]) if people_scope else _contributors(filters)
    cumulative = {"enrolled": int(scalars["enrolled"]), "onboarded": int(scalars["onboarded"])}
    if scalars["headcount_days"]:
        headcount: float | None = float(scalars["headcount_total"]) / int(scalars["headcount_days"])
    elif scalars["headcount_before"] is not None:
        headcount = float(scalars["headcount_before"])
    elif scalars["headcount_after"] is not None:
        headcount = float(scalars["headcount_after"])
    else:
        headcount = None
    seconds = _response_seconds(filters) if people_scope else []
    shared_items, available_count = int(scalars["shared_items"]), int(scalars["available"])
    estimates = _estimates(rows, currency, rates(currency) if network_rates is None else network_rates)
    values: dict[str, Any] = {
        Kpi.INVITED: invited if people_scope else None,
        Kpi.ENROLLED: cumulative["enrolled"] if people_scope else None,
        Kpi.ONBOARDED: cumulative["onboarded"] if people_scope else None,
        Kpi.ACTIVE_ADVOCATES: active,
        Kpi.ADOPTION_RATE: _ratio(active, headcount),
        Kpi.SHARES: totals["shares"],
        Kpi.CLICKS: totals["clicks"],
        Kpi.CLICKS_PER_SHARE: _ratio(totals["clicks"], totals["shares"]),
        Kpi.POTENTIAL_REACH: totals["reach"],
        Kpi.ESTIMATED_IMPRESSIONS: estimates["impressions"],
        Kpi.ENGAGEMENT_RATE: _ratio(totals["reported_engagements"], totals["reported_impressions"]),
        Kpi.MEDIA_VALUE: estimates["media_value"],
        Kpi.CONTENT_UTILISATION: _ratio(shared_items, available_count),
        Kpi.PROFILE_VIEWS: totals["profile_views"] if people_scope else None,
        Kpi.SEARCH_APPEARANCES: totals["search_appearances"] if people_scope else None,
        Kpi.CONTACT_REQUESTS: totals["contact_requests"] if people_scope else None,
        Kpi.MEDIAN_RESPONSE_HOURS: round(statistics.median(seconds) / 3600, 2) if seconds else None,
        Kpi.CONVERSIONS: totals["conversions"],
        Kpi.APPLICATIONS: totals["applications"],
        Kpi.JOB_SHARES: totals["job_shares"],
        Kpi.JOB_CLICKS: totals["job_clicks"],
    }
    return {
        "values": values,
        "headcount": headcount,
        "estimates": estimates,
        "funnel": {
            "job_shares": totals["job_shares"],
            "job_clicks": totals["job_clicks"],
            "applications": totals["applications"],
        },
    }


def _response_seconds(filters: AnalyticsFilters) -> list[int]:
    """Response times of the requests answered in the period (by the answering expert's department)."""
    responses = ResponseTime.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if filters.department is not None:
        responses = responses.filter(department_id=filters.department)
    return list(responses.values_list("response_seconds", flat=True)[:100000])


def _change(current: Any, previous: Any) -> float | None:
    if current is None or previous in (None, 0):
        return None
    return round((float(current) - float(previous)) / float(previous), 4)


def figures_computed_at() -> datetime | None:
    """When the rollup rows were last brought up to date (the latest periodic run; None before the first):
    every figure read from them is complete as of then."""
    return RollupRun.objects.aggregate(m=Max("finished_at"))["m"]


def overview(*, filters: AnalyticsFilters, viewer: User, today: date | None = None) -> dict[str, Any]:
    """The dashboard: every KPI with the previous period, the company (for a department) and benchmarks.
    Works-council mode: whole closed months, and only the figures disclosure control publishes."""
    guard = Disclosure.of(viewer)
    currency = analytics_settings().currency
    filters, publication = _published(filters, guard, today)
    if guard.restricted:
        before = disclosure.previous_period(disclosure.Period(filters.start, filters.end, snapped=False))
        previous_filters = replace(filters, start=before.start, end=before.end)
    else:
        previous_filters = filters.previous()
    benchmarks = {row.kpi: row for row in Benchmark.objects.all()}
    network_rates = rates(currency)
    current = kpi_values(filters, currency=currency, network_rates=network_rates)
    previous = kpi_values(previous_filters, currency=currency, network_rates=network_rates)
    company: dict[str, Any] | None = None
    if filters.department is not None:
        company = kpi_values(filters.company(), currency=currency, network_rates=network_rates)
    scope = _scope(filters)
    reasons = _masked(current["values"], guard, scope)
    _masked(previous["values"], guard, _scope(previous_filters))
    if company is not None:
        _masked(company["values"], guard, _scope(filters.company()))
    headcount_reason = _reason(guard, scope, (disclosure.PEOPLE,))
    funnel_reasons = {key: reasons.get(key) for key in ("job_shares", "job_clicks", "applications")}
    funnel = {key: None if funnel_reasons[key] else value for key, value in current["funnel"].items()}
    estimates = _estimates_masked(current["estimates"], guard, scope)
    kpis = []
    for kpi in Kpi:
        value = current["values"][kpi.value]
        bench = benchmarks.get(kpi.value)
        kpis.append(
            {
                "key": kpi.value,
                "label": str(kpi.label),
                "unit": KPI_UNITS.get(kpi, "count"),
                "estimate": kpi in ESTIMATES,
                "value": value,
                "suppressed_reason": reasons.get(kpi.value),
                "previous": previous["values"][kpi.value],
                "change": _change(value, previous["values"][kpi.value]),
                "company": company["values"][kpi.value] if company else None,
                "benchmark": bench.value if bench else None,
                "benchmark_source": bench.source if bench else "",
            }
        )
    return {
        "start": filters.start,
        "end": filters.end,
        "previous_start": previous_filters.start,
        "previous_end": previous_filters.end,
        "suppressed": all(reasons.get(kpi.value) for kpi in Kpi),
        "works_council_mode": guard.restricted,
        "min_group_size": guard.min_group,
        "publication": publication,
        "currency": currency,
        "headcount": None if headcount_reason else current["headcount"],
        "kpis": kpis,
        "estimates": estimates,
        "funnel": funnel,
        "computed_at": figures_computed_at(),
    }


def _estimates_masked(estimates: dict[str, Any], guard: Disclosure, scope: Scope) -> dict[str, Any]:
    """The per-network inputs are network cells: shown only where the network's figures are."""
    if not guard.restricted:
        return {**estimates, "inputs": [{**item, "suppressed_reason": None} for item in estimates["inputs"]]}
    inputs = []
    for item in estimates["inputs"]:
        cell = replace(scope, narrowing=("network", item["network"]))
        if scope.narrowing not in (None, ("network", item["network"])) or scope.department != "":
            reason: str | None = disclosure.COMBINATION
        else:
            reason = _reason(guard, cell, (disclosure.SHARE, disclosure.CLICK))
        if reason:
            item = {**item, "clicks": None, "reach": None, "impressions": None}
        inputs.append({**item, "suppressed_reason": reason})
    reach_reason = _reason(guard, scope, (disclosure.SHARE,))
    value_reason = _reason(guard, scope, (disclosure.SHARE, disclosure.CLICK))
    return {
        **estimates,
        "impressions": None if reach_reason else estimates["impressions"],
        "media_value": None if value_reason else estimates["media_value"],
        "inputs": inputs,
    }


# --- trends -----------------------------------------------------------------------------------


def _bucket(day: date, interval: str) -> date:
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


TREND_FAMILIES = {
    "shares": (disclosure.SHARE,),
    "reach": (disclosure.SHARE,),
    "clicks": (disclosure.CLICK,),
    "conversions": (disclosure.CONVERSION,),
    "applications": (disclosure.CONVERSION,),
    "profile_views": (disclosure.PEOPLE, disclosure.VIEW),
    "search_appearances": (disclosure.PEOPLE, disclosure.APPEARANCE),
    "contact_requests": (disclosure.PEOPLE, disclosure.CONTACT),
}


def trends(
    *, filters: AnalyticsFilters, viewer: User, interval: str = "day", today: date | None = None
) -> dict[str, Any]:
    """Time series of the counted metrics, every bucket present (zeros where nothing happened).
    Works-council mode: monthly buckets of closed months, each one a cell of its own."""
    guard = Disclosure.of(viewer)
    filters, publication = _published(filters, guard, today)
    if guard.restricted:
        interval = "month"
    buckets: dict[date, dict[str, int | None]] = {}
    day = filters.start
    while day <= filters.end:
        buckets.setdefault(_bucket(day, interval), dict.fromkeys(TREND_METRICS, 0))
        day += timedelta(days=1)
    rows = _facts(filters).values("day").annotate(**{name: Sum(name) for name in TREND_METRICS})
    for row in rows:
        bucket = buckets[_bucket(row["day"], interval)]
        for name in TREND_METRICS:
            bucket[name] = int(bucket[name] or 0) + int(row[name] or 0)
    points = []
    scope = _scope(filters)
    withheld_everywhere = True
    for key, values in sorted(buckets.items()):
        reasons: dict[str, str] = {}
        if guard.restricted:
            cell = replace(scope, months=[key])
            for name in TREND_METRICS:
                reason = _reason(guard, cell, TREND_FAMILIES[name])
                if reason:
                    values[name] = None
                    reasons[name] = reason
        withheld_everywhere = withheld_everywhere and len(reasons) == len(TREND_METRICS)
        points.append({"date": key, **values, "suppressed_reasons": reasons})
    return {
        "interval": interval,
        "suppressed": bool(points) and withheld_everywhere,
        "min_group_size": guard.min_group,
        "publication": publication,
        "metrics": TREND_METRICS,
        "points": points,
        "computed_at": figures_computed_at(),
    }


# --- breakdowns -------------------------------------------------------------------------------


BREAKDOWN_FAMILIES = {
    "shares": (disclosure.SHARE,),
    "reach": (disclosure.SHARE,),
    "clicks": (disclosure.CLICK,),
    "conversions": (disclosure.CONVERSION,),
    "clicks_per_share": (disclosure.SHARE, disclosure.CLICK),
    "profile_views": (disclosure.PEOPLE, disclosure.VIEW),
    "search_appearances": (disclosure.PEOPLE, disclosure.APPEARANCE),
    "contact_requests": (disclosure.PEOPLE, disclosure.CONTACT),
}


def _row_scope(scope: Scope, dimension: str, ident: Any) -> Scope:
    """The cell of one breakdown row: a department, or a company-wide narrowing. A row that would
    narrow twice (or narrow a department) is not a published cell."""
    if dimension == "department":
        if scope.narrowing is not None or scope.department not in ("", ident):
            return replace(scope, narrowing=disclosure.COMBINATION)
        return replace(scope, department=ident)
    name = {"network": "network", "content": "content", "topic": "topic"}[dimension]
    narrowing = scope.narrowing
    if scope.department != "" or narrowing == disclosure.COMBINATION:
        return replace(scope, narrowing=disclosure.COMBINATION)
    nested = dimension == "content" and narrowing is not None and narrowing[0] == "content_kind"
    if narrowing is None or nested or narrowing == (name, ident):
        return replace(scope, narrowing=(name, ident))
    return replace(scope, narrowing=disclosure.COMBINATION)


def breakdown(
    *, filters: AnalyticsFilters, viewer: User, dimension: str, limit: int = 50, today: date | None = None
) -> dict[str, Any]:
    """Figures per department, network, content item or topic. In works-council mode each row is a
    cell of disclosure control (whole closed months, minimum group, complementary suppression)."""
    guard = Disclosure.of(viewer)
    filters, publication = _published(filters, guard, today)
    metrics = ["shares", "clicks", "reach", "conversions"]
    if dimension == "topic":
        qs: QuerySet[Any] = DailyTopicFact.objects.filter(day__gte=filters.start, day__lte=filters.end)
        if filters.department is not None:
            qs = qs.filter(department_id=filters.department)
        if filters.network:
            qs = qs.filter(network=filters.network)
        if filters.topic is not None:
            qs = qs.filter(topic_id=filters.topic)
        key = "topic_id"
    else:
        qs = _facts(filters, by_content=dimension == "content")
        key = {"department": "department_id", "network": "network", "content": "content_id"}[dimension]
        if dimension == "department":
            metrics += ["profile_views", "search_appearances", "contact_requests"]
        if dimension == "network":
            qs = qs.exclude(network="")
        if dimension == "content":
            qs = qs.exclude(content_id=None)
    rows = list(
        qs.values(key).annotate(**{name: Sum(name) for name in metrics}).order_by("-clicks", "-shares", key)
    )
    if guard.restricted and dimension == "department":
        # every group gets a row: a missing row would say "nothing at all happened there"
        present = {row[key] for row in rows}
        groups = [filters.department] if filters.department is not None else [*_department_ids(), None]
        rows += [{key: ident, **dict.fromkeys(metrics, 0)} for ident in groups if ident not in present]
    if guard.restricted:
        # withheld rows must not rank (their order would tell their size): shown rows first, by size
        scope = _scope(filters)
        for row in rows:
            row_scope = _row_scope(scope, dimension, row[key])
            row["_reasons"] = {
                name: reason
                for name in [*metrics, "clicks_per_share"]
                if (reason := _reason(guard, row_scope, BREAKDOWN_FAMILIES[name]))
            }
        rows.sort(key=lambda row: (bool(row["_reasons"]), str(row[key]) if row["_reasons"] else ""))
    if dimension == "content":
        rows = rows[:limit]
    labels = _labels(dimension, [row[key] for row in rows])
    result = []
    for row in rows:
        ident = row[key]
        reasons = row.get("_reasons", {})
        values = {name: None if name in reasons else int(row[name] or 0) for name in metrics}
        shares, clicks = values["shares"], values["clicks"]
        result.append(
            {
                "key": "" if ident is None else str(ident),
                "label": labels.get(ident, _("No department") if dimension == "department" else str(ident)),
                "suppressed": bool(reasons),
                "suppressed_reason": next(iter(reasons.values()), None),
                "clicks_per_share": None if "clicks_per_share" in reasons else _ratio(clicks, shares),
                **{name: values.get(name) for name in metrics},
            }
        )
    return {
        "dimension": dimension,
        "metrics": metrics,
        "rows": result,
        "suppressed_rows": sum(r["suppressed"] for r in result),
        "min_group_size": guard.min_group,
        "publication": publication,
        "computed_at": figures_computed_at(),
    }


def _department_ids() -> list[int]:
    return list(Department.objects.order_by("name").values_list("id", flat=True))


def _labels(dimension: str, keys: list[Any]) -> dict[Any, str]:
    ids = [key for key in keys if key is not None]
    if dimension == "department":
        return dict(Department.objects.filter(id__in=ids).values_list("id", "name"))
    if dimension == "content":
        return dict(ContentItem.objects.filter(id__in=ids).values_list("id", "title"))
    if dimension == "topic":
        skills = Skill.objects.filter(id__in=ids).values_list("id", "name_de", "name_en")
        english = (get_language() or "de").startswith("en")
        return {sid: (en if english and en else de) for sid, de, en in skills}
    if dimension == "network":
        return {key: str(Network(key).label) if key in Network.values else key for key in ids}
    return {}


def top_content(*, filters: AnalyticsFilters, viewer: User, limit: int = 10) -> dict[str, Any]:
    data = breakdown(filters=filters, viewer=viewer, dimension="content", limit=limit)
    kinds = dict(
        ContentItem.objects.filter(id__in=[r["key"] for r in data["rows"]]).values_list("id", "kind")
    )
    for row in data["rows"]:
        row["kind"] = kinds.get(int(row["key"]), "")
    return data


# --- targets ----------------------------------------------------------------------------------


def target_list() -> QuerySet[Target]:
    return Target.objects.select_related("department").order_by("period_end", "kpi", "id")


def target_progress(*, target: Target, viewer: User, today: date | None = None) -> dict[str, Any]:
    """Progress so far, a linear run-rate forecast to the deadline and a status. Works-council mode:
    measured over the target's whole closed months, and only where the figure is published."""
    today = today or timezone.localdate()
    guard = Disclosure.of(viewer)
    measured_end = min(today, target.period_end)
    start, horizon = target.period_start, target.period_end
    if guard.restricted:  # whole closed months only, however the target's dates fall
        start = target.period_start.replace(day=1)
        horizon = disclosure.month_end(target.period_end)
        measured_end = min(horizon, disclosure.last_published_day(today))
    filters = AnalyticsFilters(start=start, end=max(measured_end, start), department=target.department_id)
    measurable = today >= target.period_start and measured_end >= start
    reason = _reason(
        guard,
        _scope(filters),
        disclosure.KPI_FAMILIES.get(target.kpi, ()),
        job=target.kpi in disclosure.JOB_KPIS,
    )
    if guard.restricted and not measurable and today >= target.period_start:
        reason = disclosure.NO_PERIOD
    current = None
    forecast = None
    kpi = Kpi(target.kpi)
    if not reason and measurable:
        figures = kpi_values(filters, currency=analytics_settings().currency)
        value = figures["values"][kpi.value]
        current = None if value is None else Decimal(str(value))
        if current is not None:
            forecast = _forecast(
                target=target,
                figures=figures,
                current=current,
                measured=(start, measured_end),
                horizon=horizon,
            )
    lower_is_better = kpi in LOWER_IS_BETTER
    if current is None or forecast is None:
        status = "not_started" if today < target.period_start else "no_data"
    elif today > target.period_end and measured_end >= target.period_end:
        reached = current <= target.value if lower_is_better else current >= target.value
        status = "achieved" if reached else "missed"
    else:
        on_track = forecast <= target.value if lower_is_better else forecast >= target.value
        status = "on_track" if on_track else "at_risk"
    return {
        "current": current,
        "forecast": forecast,
        "progress": _progress(current=current, goal=target.value, lower_is_better=lower_is_better),
        "status": status,
        "suppressed": bool(reason),
        "suppressed_reason": reason,
        "measured_start": start,
        "measured_end": measured_end if measurable else None,
        "computed_at": figures_computed_at(),
    }


STOCKS = {Kpi.ENROLLED, Kpi.ONBOARDED}
LOWER_IS_BETTER = {Kpi.MEDIAN_RESPONSE_HOURS}


def _forecast(
    *,
    target: Target,
    figures: dict[str, Any],
    current: Decimal,
    measured: tuple[date, date],
    horizon: date,
) -> Decimal:
    """By the kind of figure: rates, averages and medians forecast their current value; flows extrapolate
    their run rate; stocks extrapolate their growth since the start; stocks and distinct counts are capped
    at their population (enrolled: the headcount; onboarded and active advocates: the enrolled).

    The run rate is the figure over the days it was measured on (`measured`: in works-council mode whole
    published months from the first of the target's first month, so a target starting mid-month is not
    divided by fewer days than its figure covers), extrapolated to the days the figure will cover at the
    deadline (`horizon`: the deadline, or the end of its month in works-council mode)."""
    kpi = Kpi(target.kpi)
    if KPI_UNITS.get(kpi) in {"ratio", "number", "hours"}:
        return current
    first_day, measured_end = measured
    elapsed = Decimal((measured_end - first_day).days + 1)
    total = Decimal((horizon - first_day).days + 1)
    if kpi in STOCKS:
        before = first_day - timedelta(days=1)
        at_start = kpi_values(
            AnalyticsFilters(start=before, end=before, department=target.department_id), currency=""
        )["values"][kpi.value]
        start = Decimal(at_start or 0)
        forecast = start + (current - start) / elapsed * total
    else:
        forecast = current / elapsed * total
    population = figures["headcount"] if kpi == Kpi.ENROLLED else figures["values"][Kpi.ENROLLED.value]
    if (kpi in STOCKS or kpi == Kpi.ACTIVE_ADVOCATES) and population is not None:
        forecast = min(forecast, max(Decimal(str(population)), current))
    return forecast.quantize(Decimal("0.01"))


def _progress(*, current: Decimal | None, goal: Decimal, lower_is_better: bool) -> float | None:
    """Share of the way to the goal: current ÷ goal, or goal ÷ current where lower is better (10 h
    against a goal of 5 h is 50 %, not 200 %)."""
    if current is None:
        return None
    if lower_is_better:
        return 1.0 if current <= goal else round(float(goal / current), 4)
    return round(float(current / goal), 4) if goal else None


def targets_with_progress(*, viewer: User, today: date | None = None) -> list[dict[str, Any]]:
    rows = []
    for target in target_list():
        rows.append({"target": target, **target_progress(target=target, viewer=viewer, today=today)})
    return rows


# --- drill-down -------------------------------------------------------------------------------


def drilldown(
    *, filters: AnalyticsFilters, viewer: User, content: int | None = None, limit: int = 100
) -> dict[str, Any]:
    """The shares behind a figure, newest first, with the clicks and conversions their links brought.
    A share is one person's fact: in works-council mode only the viewer's own shares and those of
    people who opted in are listed, and no total (the total minus the listed ones is the others' sum)."""
    guard = Disclosure.of(viewer)
    qs = _shares(filters)
    if content is not None:
        qs = qs.filter(content_id=content)
    if guard.restricted:
        qs = qs.filter(user_id__in=guard.exempt)
    total = None if guard.restricted else qs.count()
    shares = list(
        qs.select_related("user", "user__department", "content")
        .annotate(
            click_count=Count("link__clicks", distinct=True),
            conversion_count=Count("link__conversions", distinct=True),
        )
        .order_by("-shared_at", "-id")[:limit]
    )
    items = []
    for share in shares:
        items.append(
            {
                "id": share.pk,
                "shared_at": share.shared_at,
                "network": share.network,
                "content_id": share.content_id,
                "content_title": share.content.title,
                "content_kind": share.content.kind,
                "department": share.user.department.name if share.user.department else "",
                "person": share.user.full_name,
                "reach": share.followers_at_share,
                "clicks": share.click_count,
                "conversions": share.conversion_count,
            }
        )
    # read from the shares themselves: as fresh as the request
    return {
        "suppressed": False,
        "total": total,
        "only_opted_in": guard.restricted,
        "min_group_size": guard.min_group,
        "items": items,
        "computed_at": timezone.now(),
    }


# --- people -----------------------------------------------------------------------------------


def leaderboard(*, filters: AnalyticsFilters, viewer: User, limit: int = 20) -> list[dict[str, Any]]:
    """Only employees who opted in, ranked by clicks, then shares."""
    opted_in = FiguresOptIn.objects.filter(share_figures=True).values("user_id")
    rows = (
        _person_facts(filters)
        .filter(user_id__in=opted_in, user__is_active=True)
        .values("user_id", "user__first_name", "user__last_name", "user__department__name")
        .annotate(
            shares=Sum("shares"), clicks=Sum("clicks"), reach=Sum("reach"), conversions=Sum("conversions")
        )
        .order_by("-clicks", "-shares", "user_id")[:limit]
    )
    return [
        {
            "rank": index,
            "user_id": row["user_id"],
            "name": f"{row['user__first_name']} {row['user__last_name']}".strip(),
            "department": row["user__department__name"] or "",
            "shares": int(row["shares"] or 0),
            "clicks": int(row["clicks"] or 0),
            "reach": int(row["reach"] or 0),
            "conversions": int(row["conversions"] or 0),
        }
        for index, row in enumerate(rows, start=1)
    ]


MY_METRICS = [
    "shares",
    "clicks",
    "reach",
    "conversions",
    "profile_views",
    "search_appearances",
    "contact_requests",
]


def my_impact(*, user: User, filters: AnalyticsFilters) -> dict[str, Any]:
    """A person's own figures over time (always visible to them)."""
    qs = UserDayFact.objects.filter(user=user, day__gte=filters.start, day__lte=filters.end)
    totals = _sum(qs, [*MY_METRICS, "answered_requests", "response_seconds"])
    by_day = {row["day"]: row for row in qs.values("day", *MY_METRICS)}
    points = []
    day = filters.start
    while day <= filters.end:
        row = by_day.get(day, {})
        points.append({"date": day, **{name: int(row.get(name) or 0) for name in MY_METRICS}})
        day += timedelta(days=1)
    preference = FiguresOptIn.objects.filter(user=user).first()
    answered = totals.pop("answered_requests")
    seconds = totals.pop("response_seconds")
    return {
        "start": filters.start,
        "end": filters.end,
        "totals": totals,
        "average_response_hours": round(seconds / answered / 3600, 2) if answered else None,
        "clicks_per_share": _ratio(totals["clicks"], totals["shares"]),
        "points": points,
        "share_figures": bool(preference and preference.share_figures),
        "computed_at": figures_computed_at(),
    }


def person_figures_visible(*, viewer: User, user: User) -> bool:
    """Whether the viewer may see this person's own figures (the person, or opt-in, or no works council)."""
    if viewer.pk == user.pk:
        return True
    if not viewer.has_role(Role.MANAGER):
        return False
    return organisation_selectors.person_figures_visible(viewer=viewer, person_id=user.pk)


def departments() -> list[dict[str, Any]]:
    return [dict(row) for row in Department.objects.order_by("name").values("id", "name")]


def topics_in_use() -> list[dict[str, Any]]:
    ids = DailyTopicFact.objects.values("topic_id").distinct()
    skills = Skill.objects.filter(id__in=ids).order_by("name_de").values("id", "name_de", "name_en")
    return [dict(row) for row in skills]


def headcounts() -> list[dict[str, Any]]:
    """Every department with HR's headcount (if given) and its active accounts."""
    stated: dict[int | None, int] = {
        row.department_id: row.headcount for row in DepartmentHeadcount.objects.all()
    }
    people: dict[int | None, int] = {
        row["department_id"]: row["n"]
        for row in User.objects.filter(is_active=True).values("department_id").annotate(n=Count("id"))
    }
    rows = [
        {
            "department": d["id"],
            "name": d["name"],
            "headcount": stated.get(d["id"]),
            "people": people.get(d["id"], 0),
        }
        for d in departments()
    ]
    rows.append(
        {
            "department": None,
            "name": _("No department"),
            "headcount": stated.get(None),
            "people": people.get(None, 0),
        }
    )
    return rows
