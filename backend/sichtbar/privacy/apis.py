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

from . import selectors, services
from .models import ConsentPurpose
from .serializers import (
    ConsentInputSerializer,
    ConsentOutputSerializer,
    EraseInputSerializer,
    LegalHoldInputSerializer,
    PrivacyLookupOutputSerializer,
    PrivacyPersonQueryInputSerializer,
    RetentionRuleOutputSerializer,
    RetentionUpdateInputSerializer,
    VisitorEraseInputSerializer,
    VisitorEraseOutputSerializer,
)

_ZIP = {
    (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="data.json + summary.html")
}


def _zip(archive: bytes, name: str) -> HttpResponse:
    response = HttpResponse(archive, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.now():%Y%m%d}.zip"'
    response["Cache-Control"] = "no-store"
    return response


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
        return _zip(services.privacy_export(user=request_user(request)), "sichtbar-data")


class MyAccountEraseApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="privacy_erase_me", request=EraseInputSerializer, responses={204: None}, tags=["privacy"]
    )
    def post(self, request: Request) -> Response:
        data = EraseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request_user(request)
        services.privacy_erase_confirmed(
            user=user, actor=user, confirm_email=data.validated_data["confirm_email"]
        )
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
        services.privacy_erase_by_admin(
            user=user, actor=request_user(request), confirm_email=data.validated_data["confirm_email"]
        )
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


class UserExportApi(APIView):
    """An admin downloads everything about a person who cannot sign in (a former employee)."""

    permission_classes = [IsAdmin]

    @extend_schema(operation_id="privacy_export_user", responses=_ZIP, tags=["privacy"])
    def get(self, request: Request, pk: int) -> HttpResponse:
        user = get_object_or_404(User, pk=pk)
        return _zip(
            services.privacy_export_for(user=user, actor=request_user(request)), f"sichtbar-data-{pk}"
        )


class PrivacyLookupApi(APIView):
    """Find the account and the contact requests behind an e-mail address (inactive accounts included)."""

    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="privacy_lookup",
        request=PrivacyPersonQueryInputSerializer,
        responses=PrivacyLookupOutputSerializer,
        tags=["privacy"],
    )
    def post(self, request: Request) -> Response:
        data = PrivacyPersonQueryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(PrivacyLookupOutputSerializer(selectors.privacy_lookup(**data.validated_data)).data)


class VisitorExportApi(APIView):
    """Everything held about a visitor who sent contact requests (by e-mail address, in the body: never in a
    URL or a log line)."""

    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="privacy_export_visitor",
        request=PrivacyPersonQueryInputSerializer,
        responses=_ZIP,
        tags=["privacy"],
    )
    def post(self, request: Request) -> HttpResponse:
        data = PrivacyPersonQueryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        archive = services.visitor_export(email=data.validated_data["email"], actor=request_user(request))
        return _zip(archive, "sichtbar-visitor-data")


class VisitorEraseApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="privacy_erase_visitor",
        request=VisitorEraseInputSerializer,
        responses=VisitorEraseOutputSerializer,
        tags=["privacy"],
    )
    def post(self, request: Request) -> Response:
        data = VisitorEraseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data["email"]
        services.confirmation_check(
            expected=email,
            typed=data.validated_data["confirm_email"],
            message=_("Type the e-mail address again to confirm."),
        )
        erased = services.visitor_erase(email=email, actor=request_user(request))
        return Response(VisitorEraseOutputSerializer({"erased": erased}).data)


class LegalHoldApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="privacy_legal_hold",
        request=LegalHoldInputSerializer,
        responses={204: None},
        tags=["privacy"],
    )
    def put(self, request: Request, pk: int) -> Response:
        user = get_object_or_404(User, pk=pk)
        data = LegalHoldInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.legal_hold_set(
            user=user, actor=request_user(request), reason=data.validated_data["reason"].strip()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class RetentionSettingsApi(APIView):
    """Retention periods per rule (environment values are the defaults)."""

    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="privacy_retention", responses=RetentionRuleOutputSerializer(many=True), tags=["privacy"]
    )
    def get(self, request: Request) -> Response:
        return Response(RetentionRuleOutputSerializer(selectors.retention_rule_list(), many=True).data)

    @extend_schema(
        operation_id="privacy_retention_update",
        request=RetentionUpdateInputSerializer,
        responses=RetentionRuleOutputSerializer(many=True),
        tags=["privacy"],
    )
    def put(self, request: Request) -> Response:
        data = RetentionUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.retention_settings_update(
            actor=request_user(request), periods=data.validated_data["periods"]
        )
        return Response(RetentionRuleOutputSerializer(selectors.retention_rule_list(), many=True).data)
