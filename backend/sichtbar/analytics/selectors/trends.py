"""Trends: figures per day, week or month."""

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Sum,
)

from sichtbar.accounts.models import User

from .. import disclosure
from ..disclosure import Disclosure
from .base import TREND_METRICS, AnalyticsFilters, _facts, _published, _reason, _scope
from .kpis import figures_computed_at


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
