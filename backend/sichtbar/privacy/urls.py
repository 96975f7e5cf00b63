"""Routes of the privacy app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("privacy/export/", apis.MyDataExportApi.as_view(), name="privacy-export"),
    path("privacy/erase/", apis.MyAccountEraseApi.as_view(), name="privacy-erase"),
    path("privacy/consents/", apis.MyConsentsApi.as_view(), name="privacy-consents"),
    path("privacy/lookup/", apis.PrivacyLookupApi.as_view(), name="privacy-lookup"),
    path("privacy/users/<id:pk>/erase/", apis.UserEraseApi.as_view(), name="privacy-erase-user"),
    path("privacy/users/<id:pk>/export/", apis.UserExportApi.as_view(), name="privacy-export-user"),
    path("privacy/users/<id:pk>/legal-hold/", apis.LegalHoldApi.as_view(), name="privacy-legal-hold"),
    path("privacy/visitors/export/", apis.VisitorExportApi.as_view(), name="privacy-export-visitor"),
    path("privacy/visitors/erase/", apis.VisitorEraseApi.as_view(), name="privacy-erase-visitor"),
    path("privacy/retention/", apis.RetentionSettingsApi.as_view(), name="privacy-retention"),
]
