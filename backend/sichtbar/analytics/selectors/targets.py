"""Targets: progress and forecast."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import (
    QuerySet,
)
from django.utils import timezone

from sichtbar.accounts.models import User

from .. import disclosure
from ..disclosure import Disclosure
from ..models import (
    Kpi,
    Target,
)
from .base import KPI_UNITS, AnalyticsFilters, _reason, _scope, analytics_settings
from .kpis import figures_computed_at, kpi_values


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
