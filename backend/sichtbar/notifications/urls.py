"""Routes of the notifications app, mounted under /api/v1/ (the same paths as before the app existed)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("notifications/", apis.NotificationListApi.as_view(), name="notifications"),
    path("notifications/unread/", apis.NotificationUnreadApi.as_view(), name="notifications-unread"),
    path("notifications/read/", apis.NotificationReadApi.as_view(), name="notifications-read"),
    path(
        "notifications/preference/", apis.NotificationPreferenceApi.as_view(), name="notifications-preference"
    ),
]
