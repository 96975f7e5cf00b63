"""Routes of the recommendations app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("feed/", apis.FeedListApi.as_view(), name="feed"),
    path("feed/<id:content_id>/dismiss/", apis.FeedDismissApi.as_view(), name="feed-dismiss"),
]
