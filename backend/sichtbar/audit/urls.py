"""Routes of the audit app, mounted under /api/v1/."""

from django.urls import path

from . import apis

urlpatterns = [
    path("audit-log/", apis.AuditEventListApi.as_view(), name="audit-log"),
    path("audit-log/export/", apis.AuditEventExportApi.as_view(), name="audit-log-export"),
]
