"""Routes of the monitoring app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("monitoring/feeds/", apis.FeedListCreateApi.as_view(), name="monitoring-feeds"),
    path("monitoring/feeds/<id:pk>/", apis.FeedDetailApi.as_view(), name="monitoring-feed-detail"),
    path("monitoring/feeds/<id:pk>/fetch/", apis.FeedFetchApi.as_view(), name="monitoring-feed-fetch"),
    path("monitoring/terms/", apis.TermListCreateApi.as_view(), name="monitoring-terms"),
    path("monitoring/terms/<id:pk>/", apis.TermDetailApi.as_view(), name="monitoring-term-detail"),
    path("monitoring/mentions/", apis.MentionListApi.as_view(), name="monitoring-mentions"),
    path(
        "monitoring/mentions/summary/", apis.MentionSummaryApi.as_view(), name="monitoring-mentions-summary"
    ),
    path("monitoring/mentions/export/", apis.MentionExportApi.as_view(), name="monitoring-mentions-export"),
]
