"""Stable error codes of the analytics app (documented in docs/api.md)."""

from enum import StrEnum


class AnalyticsErrorCode(StrEnum):
    RANGE_TOO_LONG = "analytics_range_too_long"
    TARGET_PERIOD_INVALID = "target_period_invalid"
    TARGET_SCOPE_INVALID = "target_scope_invalid"
    CSV_INVALID = "benchmark_csv_invalid"
    INDIVIDUAL_FIGURES_HIDDEN = "individual_figures_hidden"
