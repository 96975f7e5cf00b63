"""Exports of every analytics table to CSV and XLSX. Each table is built by the same selector its
endpoint uses, so works-council mode applies to exports exactly as to the screens."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from sichtbar.accounts.models import User
from sichtbar.core.export import csv_bytes, xlsx_bytes

from . import selectors
from .disclosure import reason_label
from .models import Benchmark, Kpi
from .selectors import AnalyticsFilters

Table = tuple[list[str], list[list[Any]]]

# Column names of the metrics: the KPI labels (translated); reach is the potential reach.
_METRIC_KPI = {"reach": Kpi.POTENTIAL_REACH}


def _metric(name: str) -> str:
    """A metric's column header in the request's language."""
    kpi = _METRIC_KPI.get(name) or (Kpi(name) if name in Kpi.values else None)
    return str(kpi.label) if kpi is not None else name


def _metrics(names: list[str]) -> list[str]:
    return [_metric(name) for name in names]


def _dimension(name: str) -> str:
    return {
        "department": _("Department"),
        "network": _("Network"),
        "content": _("Content"),
        "topic": _("Topic"),
    }.get(name, name)


def _zoned(label: str) -> str:
    """A date-time column's header naming the time zone its values are in."""
    return f"{label} ({settings.TIME_ZONE})"


def _overview(filters: AnalyticsFilters, viewer: User, **_kw: Any) -> Table:
    data = selectors.overview(filters=filters, viewer=viewer)
    header = [
        _("KPI"),
        _("Value"),
        _("Previous period"),
        _("Change"),
        _("Company"),
        _("Benchmark"),
        _("Estimate"),
        _("Withheld (works council)"),
    ]
    rows = [
        [
            k["label"],
            k["value"],
            k["previous"],
            k["change"],
            k["company"],
            k["benchmark"],
            k["estimate"],
            reason_label(k["suppressed_reason"], data["min_group_size"]),
        ]
        for k in data["kpis"]
    ]
    if data["estimates"]:
        for item in data["estimates"]["inputs"]:
            rows.append(
                [
                    _("Estimate inputs %(network)s (%(currency)s)")
                    % {"network": item["network"], "currency": data["currency"]},
                    f"CPC {item['cpc']} · CPM {item['cpm']} · {_('view rate')} {item['view_rate']}",
                    None,
                    None,
                    None,
                    None,
                    True,
                    reason_label(item["suppressed_reason"], data["min_group_size"]),
                ]
            )
    return header, rows


def _trends(filters: AnalyticsFilters, viewer: User, interval: str = "day", **_kw: Any) -> Table:
    data = selectors.trends(filters=filters, viewer=viewer, interval=interval)
    metrics = data["metrics"]
    rows = [
        [
            p["date"],
            *(p[m] for m in metrics),
            "; ".join(
                f"{m}: {reason_label(reason, data['min_group_size'])}"
                for m, reason in p["suppressed_reasons"].items()
            ),
        ]
        for p in data["points"]
    ]
    return [_zoned(_("Date")), *_metrics(metrics), _("Withheld (works council)")], rows


def _breakdown(dimension: str) -> Callable[..., Table]:
    def build(filters: AnalyticsFilters, viewer: User, **_kw: Any) -> Table:
        data = selectors.breakdown(filters=filters, viewer=viewer, dimension=dimension)
        metrics = data["metrics"]
        header = [
            _dimension(dimension),
            *_metrics([*metrics, "clicks_per_share"]),
            _("Withheld (works council)"),
        ]
        rows = [
            [
                r["label"],
                *(r.get(m) for m in metrics),
                r["clicks_per_share"],
                reason_label(r["suppressed_reason"], data["min_group_size"]),
            ]
            for r in data["rows"]
        ]
        return header, rows

    return build


def _top_content(filters: AnalyticsFilters, viewer: User, **_kw: Any) -> Table:
    data = selectors.top_content(filters=filters, viewer=viewer)
    header = [
        _("Content"),
        _("Kind"),
        *_metrics(["shares", "clicks", "reach", "conversions", "clicks_per_share"]),
    ]
    rows = [
        [r["label"], r["kind"], r["shares"], r["clicks"], r["reach"], r["conversions"], r["clicks_per_share"]]
        for r in data["rows"]
    ]
    return header, rows


def _targets(filters: AnalyticsFilters, viewer: User, **_kw: Any) -> Table:
    header = [
        _("KPI"),
        _("Scope"),
        _("Department"),
        _("Start"),
        _("Deadline"),
        _("Target"),
        _("Current"),
        _("Forecast"),
        _("Status"),
    ]
    rows = []
    for row in selectors.targets_with_progress(viewer=viewer):
        target = row["target"]
        rows.append(
            [
                target.get_kpi_display(),
                target.get_scope_display(),
                target.department.name if target.department else "",
                target.period_start,
                target.period_end,
                target.value,
                row["current"],
                row["forecast"],
                row["status"],
            ]
        )
    return header, rows


def _leaderboard(filters: AnalyticsFilters, viewer: User, **_kw: Any) -> Table:
    header = [_("Rank"), _("Name"), _("Department"), *_metrics(["shares", "clicks", "reach", "conversions"])]
    rows = [
        [r["rank"], r["name"], r["department"], r["shares"], r["clicks"], r["reach"], r["conversions"]]
        for r in selectors.leaderboard(filters=filters, viewer=viewer)
    ]
    return header, rows


def _drilldown(filters: AnalyticsFilters, viewer: User, content: int | None = None, **_kw: Any) -> Table:
    data = selectors.drilldown(filters=filters, viewer=viewer, content=content, limit=10000)
    header = [
        _zoned(_("Shared at")),
        _("Network"),
        _("Content"),
        _("Department"),
        _("Person"),
        *_metrics(["reach", "clicks", "conversions"]),
    ]
    rows = [
        [
            i["shared_at"],
            i["network"],
            i["content_title"],
            i["department"],
            i["person"] or "",
            i["reach"],
            i["clicks"],
            i["conversions"],
        ]
        for i in data["items"]
    ]
    return header, rows


def _benchmarks(filters: AnalyticsFilters, viewer: User, **_kw: Any) -> Table:
    header = [_("KPI"), _("Value"), _("Industry"), _("Source"), _("Period")]
    return header, [
        [b.get_kpi_display(), b.value, b.industry, b.source, b.period] for b in Benchmark.objects.all()
    ]


def _my_impact(filters: AnalyticsFilters, viewer: User, **_kw: Any) -> Table:
    data = selectors.my_impact(user=viewer, filters=filters)
    metrics = list(data["totals"])
    return [_zoned(_("Date")), *_metrics(metrics)], [
        [p["date"], *(p[m] for m in metrics)] for p in data["points"]
    ]


TABLES: dict[str, Callable[..., Table]] = {
    "overview": _overview,
    "trends": _trends,
    "breakdown_department": _breakdown("department"),
    "breakdown_network": _breakdown("network"),
    "breakdown_content": _breakdown("content"),
    "breakdown_topic": _breakdown("topic"),
    "top_content": _top_content,
    "targets": _targets,
    "leaderboard": _leaderboard,
    "drilldown": _drilldown,
    "benchmarks": _benchmarks,
    "my_impact": _my_impact,
}


def export_table(
    *, table: str, file_format: str, filters: AnalyticsFilters, viewer: User, **options: Any
) -> bytes:
    """The table in the request's language: translated headers; in XLSX, numbers, dates and times
    as real cells (times in TIME_ZONE, named in their header)."""
    header, rows = TABLES[table](filters, viewer, **options)
    if file_format == "xlsx":
        return xlsx_bytes(table, header, rows)
    return csv_bytes(header, rows)
