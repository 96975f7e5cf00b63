"""Outbox API for administrators: list outgoing mails (filter by status) and re-send one."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsAdmin

from . import selectors, services
from .filters import OutboxMailFilter
from .serializers import OutboxMailOutputSerializer


@extend_schema(tags=["mail"])
class OutboxMailListApi(generics.ListAPIView):
    permission_classes = [IsAdmin]
    serializer_class = OutboxMailOutputSerializer
    filterset_class = OutboxMailFilter
    search_fields = ["to", "subject"]
    ordering_fields = ["created_at", "next_attempt_at"]
    ordering = ["-created_at"]

    def get_queryset(self) -> Any:
        return selectors.outbox_mail_list()


class OutboxMailResendApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="mail_outbox_resend",
        request=None,
        responses={200: OutboxMailOutputSerializer},
        tags=["mail"],
    )
    def post(self, request: Request, mail_id: int) -> Response:
        mail = get_object_or_404(selectors.outbox_mail_list(), pk=mail_id)
        mail = services.mail_resend(mail=mail, actor=request.user)
        return Response(OutboxMailOutputSerializer(mail).data)
