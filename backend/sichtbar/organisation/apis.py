"""The organisation's privacy settings: managers read them (the dashboard says what applies), only
administrators change them."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsAdmin, IsManager
from sichtbar.api.requests import request_user

from . import services
from .serializers import (
    OrganisationPrivacyInputSerializer,
    OrganisationPrivacyOutputSerializer,
    privacy_settings_data,
)

TAGS = ["organisation"]


class OrganisationPrivacyApi(APIView):
    def get_permissions(self) -> list[Any]:
        return [IsManager()] if self.request.method == "GET" else [IsAdmin()]

    @extend_schema(
        operation_id="organisation_privacy_retrieve",
        summary="Works-council mode: in force, chosen, default",
        responses=OrganisationPrivacyOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(OrganisationPrivacyOutputSerializer(privacy_settings_data()).data)

    @extend_schema(
        operation_id="organisation_privacy_update",
        summary="Turn works-council mode on or off, or back to the default (administrators)",
        request=OrganisationPrivacyInputSerializer,
        responses=OrganisationPrivacyOutputSerializer,
        tags=TAGS,
    )
    def put(self, request: Request) -> Response:
        data = OrganisationPrivacyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.organisation_privacy_update(
            actor=request_user(request),
            works_council_mode_choice=data.validated_data["works_council_mode_choice"],
        )
        return Response(OrganisationPrivacyOutputSerializer(privacy_settings_data()).data)
