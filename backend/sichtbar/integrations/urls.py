"""Routes of the integrations app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("connections/", apis.ConnectionListCreateApi.as_view(), name="connections"),
    path("connections/<id:pk>/", apis.ConnectionDetailApi.as_view(), name="connection-detail"),
    path("connections/<id:pk>/sync/", apis.ConnectionSyncApi.as_view(), name="connection-sync"),
    path(
        "connections/<id:pk>/suggestions/apply/",
        apis.ConnectionSuggestionsApplyApi.as_view(),
        name="connection-suggestions-apply",
    ),
    path("connections/oauth/start/", apis.OAuthStartApi.as_view(), name="connections-oauth-start"),
    path("connections/oauth/callback/", apis.OAuthCallbackApi.as_view(), name="connections-oauth-callback"),
    path("activity/", apis.ActivityListApi.as_view(), name="activity"),
    path("activity/<id:pk>/", apis.ActivityDetailApi.as_view(), name="activity-detail"),
    path(
        "activity/linkedin-archive/",
        apis.LinkedInArchiveUploadApi.as_view(),
        name="activity-linkedin-archive",
    ),
]
