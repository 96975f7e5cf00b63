"""Audit log API for administrators: list with filters, and a CSV export of the same selection."""

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.request import Request

from sichtbar.accounts.permissions import IsAdmin

from . import selectors
from .filters import AuditEventFilter
from .serializers import AuditEventOutputSerializer

CSV_COLUMNS = [
    "created_at",
    "actor_label",
    "actor_role",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "changes",
    "request_id",
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


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_safe(value: str) -> str:
    """Spreadsheet programs run cells starting with = + - @ as formulas; defuse them."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


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
        writer = csv.writer(_Echo())

        def rows() -> Iterator[str]:
            yield "\ufeff"  # Excel opens UTF-8 correctly with a BOM
            yield writer.writerow(CSV_COLUMNS)
            for event in events.iterator(chunk_size=500):
                values = [
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
                yield writer.writerow([_csv_safe(value) for value in values])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sichtbar-audit-{timezone.now():%Y%m%d}.csv"'
        return response
