"""Privacy API: download my data, erase my account (or, for admins, someone's), my consents."""

from typing import Any

from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.models import User
from sichtbar.accounts.permissions import IsAdmin, IsEmployee
from sichtbar.api.requests import request_user
from sichtbar.core.errors import ApplicationError

from . import services
from .models import ConsentPurpose
from .serializers import ConsentInputSerializer, ConsentOutputSerializer, EraseInputSerializer


class MyDataExportApi(APIView):
    permission_classes = [IsEmployee]
    throttle_scope = "privacy_export"

    @extend_schema(
        operation_id="privacy_export",
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="data.json + files")
        },
        tags=["privacy"],
    )
    def get(self, request: Request) -> HttpResponse:
        archive = services.privacy_export(user=request_user(request))
        response = HttpResponse(archive, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="sichtbar-data-{timezone.now():%Y%m%d}.zip"'
        return response


def _check_confirmation(user: User, data: dict[str, Any]) -> None:
    if data["confirm_email"].strip().lower() != user.email.lower():
        message = _("Type the account's e-mail address to confirm.")
        raise ApplicationError(message, code="confirmation_mismatch", fields={"confirm_email": [message]})


class MyAccountEraseApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="privacy_erase_me", request=EraseInputSerializer, responses={204: None}, tags=["privacy"]
    )
    def post(self, request: Request) -> Response:
        data = EraseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request_user(request)
        _check_confirmation(user, data.validated_data)
        services.privacy_erase(user=user, actor=user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserEraseApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="privacy_erase_user",
        request=EraseInputSerializer,
        responses={204: None},
        tags=["privacy"],
    )
    def post(self, request: Request, pk: int) -> Response:
        user = get_object_or_404(User, pk=pk)
        data = EraseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _check_confirmation(user, data.validated_data)
        if user.pk == request_user(request).pk:
            raise ApplicationError(_("Use “erase my account” for your own account."), code="self_erasure")
        services.privacy_erase(user=user, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MyConsentsApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="privacy_consents", responses=ConsentOutputSerializer(many=True), tags=["privacy"]
    )
    def get(self, request: Request) -> Response:
        return Response(self._out(request_user(request)))

    @extend_schema(
        operation_id="privacy_consents_set",
        request=ConsentInputSerializer,
        responses=ConsentOutputSerializer(many=True),
        tags=["privacy"],
    )
    def post(self, request: Request) -> Response:
        data = ConsentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.consent_set(user=request_user(request), **data.validated_data)
        return Response(self._out(request_user(request)))

    def _out(self, user: User) -> list[dict[str, Any]]:
        current = services.consent_current(user=user)
        return [
            {
                "purpose": purpose.value,
                "label": str(purpose.label),
                "granted": current.get(purpose.value, False),
            }
            for purpose in ConsentPurpose
        ]
