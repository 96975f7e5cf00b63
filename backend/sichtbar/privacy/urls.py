"""Routes of the privacy app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("privacy/export/", apis.MyDataExportApi.as_view(), name="privacy-export"),
    path("privacy/erase/", apis.MyAccountEraseApi.as_view(), name="privacy-erase"),
    path("privacy/consents/", apis.MyConsentsApi.as_view(), name="privacy-consents"),
    path("privacy/users/<id:pk>/erase/", apis.UserEraseApi.as_view(), name="privacy-erase-user"),
]
