"""Routes of the sharing app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("shares/", apis.ShareListCreateApi.as_view(), name="shares"),
    path("shares/check/", apis.ShareTextCheckApi.as_view(), name="shares-check"),
    path("shares/compose/<id:content_id>/", apis.ShareComposeApi.as_view(), name="shares-compose"),
    path("shares/<id:pk>/cancel/", apis.ShareCancelApi.as_view(), name="shares-cancel"),
]
