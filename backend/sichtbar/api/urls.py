"""The versioned API: every app's routes under /api/v1/."""

from django.urls import include, path

from sichtbar.core import apis as core_apis

from .views import api_not_found

urlpatterns = [
    path("health/", core_apis.LivenessApi.as_view(), name="health"),
    path("health/ready/", core_apis.ReadinessApi.as_view(), name="health-ready"),
    path("", include("sichtbar.accounts.urls")),
    path("", include("sichtbar.organisation.urls")),
    path("", include("sichtbar.profiles.urls")),
    path("", include("sichtbar.search.urls")),
    path("", include("sichtbar.directory.urls")),
    path("", include("sichtbar.integrations.urls")),
    path("", include("sichtbar.content.urls")),
    path("", include("sichtbar.notifications.urls")),
    path("", include("sichtbar.governance.urls")),
    path("", include("sichtbar.recommendations.urls")),
    path("", include("sichtbar.sharing.urls")),
    path("", include("sichtbar.links.urls")),
    path("", include("sichtbar.analytics.urls")),
    path("", include("sichtbar.monitoring.urls")),
    path("", include("sichtbar.audit.urls")),
    path("", include("sichtbar.mail.urls")),
    path("", include("sichtbar.privacy.urls")),
    path("<path:unknown>", api_not_found),
]
