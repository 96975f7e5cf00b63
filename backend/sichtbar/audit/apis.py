"""Audit log API for administrators: list with filters, and a CSV export of the same selection."""

import json
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.request import Request

from sichtbar.accounts.permissions import IsAdmin
from sichtbar.core.export import Column, csv_response, header

from . import selectors
from .filters import AuditEventFilter
from .serializers import AuditEventOutputSerializer

# The export's columns; headers in the request's language.
CSV_COLUMNS = [
    Column("created_at", gettext_lazy("Time")),
    Column("actor_label", gettext_lazy("Actor")),
    Column("actor_role", gettext_lazy("Actor's role")),
    Column("action", gettext_lazy("Action")),
    Column("target_type", gettext_lazy("Target type")),
    Column("target_id", gettext_lazy("Target id")),
    Column("target_label", gettext_lazy("Target")),
    Column("changes", gettext_lazy("Changes")),
    Column("request_id", gettext_lazy("Request id")),
]


@extend_schema(tags=["audit"])
class AuditEventListApi(generics.ListAPIView):
    permission_classes = [IsAdmin]
    serializer_class = AuditEventOutputSerializer
    filterset_class = AuditEventFilter
    search_fields = ["actor_label", "target_label", "action"]
    ordering_fields = ["created_at", "action"]
    ordering = ["-created_at"]

    def get_queryset(self) -> Any:
        return selectors.audit_event_list()


class AuditEventExportApi(generics.GenericAPIView):
    permission_classes = [IsAdmin]
    filterset_class = AuditEventFilter
    search_fields = ["actor_label", "target_label", "action"]
    ordering_fields = ["created_at", "action"]
    ordering = ["-created_at"]
    pagination_class = None

    def get_queryset(self) -> Any:
        return selectors.audit_event_list()

    @extend_schema(
        operation_id="audit_export",
        responses={(200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="CSV, UTF-8")},
        tags=["audit"],
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        events = self.filter_queryset(self.get_queryset())
        rows = (
            [
                event.created_at.isoformat(),
                event.actor_label,
                event.actor_role,
                event.action,
                event.target_type,
                event.target_id,
                event.target_label,
                json.dumps(event.changes, ensure_ascii=False),
                event.request_id,
            ]
            for event in events.iterator(chunk_size=500)
        )
        return csv_response(
            filename=f"sichtbar-audit-{timezone.now():%Y%m%d}.csv", header_row=header(CSV_COLUMNS), rows=rows
        )
