"""Routes of the analytics app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("analytics/overview/", apis.AnalyticsOverviewApi.as_view(), name="analytics-overview"),
    path("analytics/trends/", apis.AnalyticsTrendsApi.as_view(), name="analytics-trends"),
    path("analytics/breakdown/", apis.AnalyticsBreakdownApi.as_view(), name="analytics-breakdown"),
    path("analytics/top-content/", apis.AnalyticsTopContentApi.as_view(), name="analytics-top-content"),
    path("analytics/drilldown/", apis.AnalyticsDrilldownApi.as_view(), name="analytics-drilldown"),
    path("analytics/leaderboard/", apis.AnalyticsLeaderboardApi.as_view(), name="analytics-leaderboard"),
    path("analytics/options/", apis.AnalyticsOptionsApi.as_view(), name="analytics-options"),
    path("analytics/targets/", apis.AnalyticsTargetListApi.as_view(), name="analytics-targets"),
    path("analytics/targets/<id:pk>/", apis.AnalyticsTargetDetailApi.as_view(), name="analytics-target"),
    path("analytics/benchmarks/", apis.AnalyticsBenchmarkListApi.as_view(), name="analytics-benchmarks"),
    path(
        "analytics/benchmarks/import/",
        apis.AnalyticsBenchmarkImportApi.as_view(),
        name="analytics-benchmarks-import",
    ),
    path("analytics/rates/", apis.AnalyticsRatesApi.as_view(), name="analytics-rates"),
    path("analytics/headcount/", apis.AnalyticsHeadcountApi.as_view(), name="analytics-headcount"),
    path("analytics/settings/", apis.AnalyticsSettingsApi.as_view(), name="analytics-settings"),
    path("analytics/rebuild/", apis.AnalyticsRebuildApi.as_view(), name="analytics-rebuild"),
    path("analytics/export/", apis.AnalyticsExportApi.as_view(), name="analytics-export"),
    path("analytics/people/<id:user_id>/", apis.AnalyticsPersonApi.as_view(), name="analytics-person"),
    path("analytics/me/", apis.AnalyticsMyImpactApi.as_view(), name="analytics-me"),
    path("analytics/me/export/", apis.AnalyticsMyImpactExportApi.as_view(), name="analytics-me-export"),
    path("analytics/me/preference/", apis.AnalyticsPreferenceApi.as_view(), name="analytics-me-preference"),
]
