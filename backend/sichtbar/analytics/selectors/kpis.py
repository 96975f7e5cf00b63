"""KPIs and the overview: the figures of a period and their change against the previous one."""

import statistics
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Max,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

from sichtbar.accounts.models import User
from sichtbar.content.models import ContentItem, ContentStatus
from sichtbar.profiles.models import Profile

from .. import disclosure
from ..disclosure import Disclosure
from ..models import (
    AdoptionDay,
    Benchmark,
    HeadcountDay,
    Kpi,
    NetworkRate,
    ResponseTime,
    RollupRun,
)
from .base import (
    ESTIMATES,
    FACT_METRICS,
    KPI_UNITS,
    AnalyticsFilters,
    Scope,
    _content_share_months,
    _contributors,
    _day_start,
    _facts,
    _in_period,
    _masked,
    _published,
    _reason,
    _scope,
    _share_months,
    analytics_settings,
)
from .estimates import _estimates, rates


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
