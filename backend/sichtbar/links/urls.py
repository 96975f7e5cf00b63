"""Routes of the links app, mounted under /api/v1/ (the redirect itself is /r/<code>, in config/urls.py)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("links/", apis.TrackedLinkListApi.as_view(), name="links"),
    path("links/<id:pk>/stats/", apis.TrackedLinkStatsApi.as_view(), name="link-stats"),
    path("conversions/", apis.ConversionCreateApi.as_view(), name="conversions"),
]
