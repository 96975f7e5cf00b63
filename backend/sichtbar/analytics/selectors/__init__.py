"""Analytics reads: KPIs, trends, breakdowns, top content, targets, drill-down, leaderboard, My impact.

Everything reads the rollup tables except drill-down (the items behind a figure). Works-council mode is
decided by disclosure control (`disclosure.py`): every endpoint, export and the weekly e-mail use it.

A package by area (`base`, `estimates`, `kpis`, `trends`, `breakdowns`, `targets`, `drilldown`,
`people`); every public name stays importable from `sichtbar.analytics.selectors`."""

from .base import (
    ALL_DAYS,
    BREAKDOWN_DIMENSIONS,
    ESTIMATES,
    FACT_METRICS,
    KPI_UNITS,
    TREND_METRICS,
    AnalyticsFilters,
    Scope,
    analytics_settings,
)
from .breakdowns import BREAKDOWN_FAMILIES, breakdown, top_content
from .drilldown import drilldown
from .estimates import rates
from .kpis import figures_computed_at, kpi_values, overview
from .people import (
    MY_METRICS,
    departments,
    headcounts,
    leaderboard,
    my_impact,
    person_figures_visible,
    topics_in_use,
)
from .targets import LOWER_IS_BETTER, STOCKS, target_list, target_progress, targets_with_progress
from .trends import TREND_FAMILIES, trends

__all__ = [
    "ALL_DAYS",
    "BREAKDOWN_DIMENSIONS",
    "BREAKDOWN_FAMILIES",
    "ESTIMATES",
    "FACT_METRICS",
    "KPI_UNITS",
    "LOWER_IS_BETTER",
    "MY_METRICS",
    "STOCKS",
    "TREND_FAMILIES",
    "TREND_METRICS",
    "AnalyticsFilters",
    "Scope",
    "analytics_settings",
    "breakdown",
    "departments",
    "drilldown",
    "figures_computed_at",
    "headcounts",
    "kpi_values",
    "leaderboard",
    "my_impact",
    "overview",
    "person_figures_visible",
    "rates",
    "target_list",
    "target_progress",
    "targets_with_progress",
    "top_content",
    "topics_in_use",
    "trends",
]
