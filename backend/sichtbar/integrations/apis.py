"""Integrations API: an employee's own connections (blogs first) and the activity imported through them."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from sichtbar.accounts.models import Role
from sichtbar.accounts.permissions import IsEmployee
from sichtbar.api.requests import request_user
from sichtbar.core.errors import ApplicationError
from sichtbar.core.throttling import UserRateThrottle

from . import archive, oauth, selectors, serializers, services
from .error_codes import IntegrationsErrorCode
from .filters import ImportedPostFilter
from .models import Connection, ImportedPost, Provider
from .networks import suggestions, xing
from .providers import providers_offered
from .throttles import ConnectThrottle, SyncThrottle


def _my_connection(request: Request, pk: int) -> Connection:
    return get_object_or_404(selectors.connection_list(user=request_user(request)), pk=pk)


def _connection_out(connection: Connection) -> dict[str, Any]:
    return serializers.ConnectionOutputSerializer(connection).data


class ConnectionListCreateApi(APIView):
    permission_classes = [IsEmployee]

    def get_throttles(self) -> list[BaseThrottle]:
        extra = [ConnectThrottle()] if self.request.method == "POST" else []
        return [*super().get_throttles(), *extra]

    @extend_schema(
        operation_id="connections_list",
        responses=serializers.ConnectionListOutputSerializer,
        tags=["integrations"],
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        connections = list(selectors.connection_list(user=user))
        offered = providers_offered(
            is_admin=user.role == Role.ADMIN, connected={connection.provider for connection in connections}
        )
        data = {"providers": [vars(info) for info in offered], "connections": connections}
        return Response(serializers.ConnectionListOutputSerializer(data).data)

    @extend_schema(
        operation_id="connections_create",
        request=serializers.ConnectionCreateInputSerializer,
        responses={201: serializers.ConnectionOutputSerializer},
        tags=["integrations"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ConnectionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        provider, url = data.validated_data["provider"], data.validated_data["url"]
        if provider == Provider.XING:
            connection = xing.xing_connect(user=request_user(request), url=url)
            return Response(_connection_out(connection), status=status.HTTP_201_CREATED)
        if provider != Provider.BLOG:
            message = _("This network is connected by signing in to it, not with an address.")
            raise ApplicationError(
                message, code=IntegrationsErrorCode.PROVIDER_NOT_SUPPORTED, fields={"provider": [message]}
            )
        connection = services.blog_connect(user=request_user(request), url=url)
        return Response(_connection_out(connection), status=status.HTTP_201_CREATED)


class ConnectionDetailApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(operation_id="connections_delete", responses={204: None}, tags=["integrations"])
    def delete(self, request: Request, pk: int) -> Response:
        services.connection_delete(connection=_my_connection(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ConnectionSyncApi(APIView):
    permission_classes = [IsEmployee]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), SyncThrottle()]

    @extend_schema(
        operation_id="connections_sync",
        request=None,
        responses={202: serializers.ConnectionOutputSerializer},
        tags=["integrations"],
    )
    def post(self, request: Request, pk: int) -> Response:
        connection = services.connection_request_sync(connection=_my_connection(request, pk))
        return Response(_connection_out(connection), status=status.HTTP_202_ACCEPTED)


class ActivityListApi(generics.ListAPIView):
    """My imported posts, newest first."""

    permission_classes = [IsEmployee]
    serializer_class = serializers.ImportedPostOutputSerializer
    filterset_class = ImportedPostFilter
    search_fields: list[str] = []
    ordering_fields = ["published_at", "created_at"]
    ordering = ["-published_at", "-id"]

    def get_queryset(self) -> QuerySet[ImportedPost]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ImportedPost.objects.none()
        return selectors.post_list(user=request_user(self.request))

    @extend_schema(operation_id="activity_list", tags=["integrations"])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ActivityDetailApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="activity_update",
        request=serializers.ImportedPostUpdateInputSerializer,
        responses=serializers.ImportedPostOutputSerializer,
        tags=["integrations"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        post = get_object_or_404(selectors.post_list(user=request_user(request)), pk=pk)
        data = serializers.ImportedPostUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        post = services.post_set_visibility(post=post, show_on_profile=data.validated_data["show_on_profile"])
        return Response(serializers.ImportedPostOutputSerializer(post).data)


class ArchiveUploadThrottle(UserRateThrottle):
    """Unpacking an archive costs CPU: a few uploads per hour and person are plenty."""

    scope = "integrations_archive"

    def get_rate(self) -> str | None:
        return self.THROTTLE_RATES.get(str(self.scope)) or "10/hour"


class LinkedInArchiveUploadApi(APIView):
    """Upload LinkedIn's data export (ZIP); its shares and articles become posts in My activity."""

    permission_classes = [IsEmployee]
    parser_classes = [MultiPartParser]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), ArchiveUploadThrottle()]

    @extend_schema(
        operation_id="activity_linkedin_archive_upload",
        request={"multipart/form-data": serializers.LinkedInArchiveUploadInputSerializer},
        responses={201: serializers.LinkedInArchiveImportOutputSerializer},
        tags=["integrations"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.LinkedInArchiveUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = archive.linkedin_archive_import(
            user=request_user(request), upload=data.validated_data["file"]
        )
        out = serializers.LinkedInArchiveImportOutputSerializer(result)
        return Response(out.data, status=status.HTTP_201_CREATED)


class OAuthStartApi(APIView):
    """Start connecting (or reconnecting) LinkedIn or Mastodon: the URL to send the browser to."""

    permission_classes = [IsEmployee]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), ConnectThrottle()]

    @extend_schema(
        operation_id="connections_oauth_start",
        request=serializers.OAuthStartInputSerializer,
        responses=serializers.OAuthStartOutputSerializer,
        tags=["integrations"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.OAuthStartInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        connection = None
        if data.validated_data["connection_id"] is not None:
            connection = _my_connection(request, data.validated_data["connection_id"])
        url = oauth.oauth_start(
            user=request_user(request),
            provider=data.validated_data["provider"],
            instance=data.validated_data.get("instance", ""),
            connection=connection,
        )
        return Response(serializers.OAuthStartOutputSerializer({"authorize_url": url}).data)


class OAuthCallbackApi(APIView):
    """Finish connecting: the SPA's callback page hands over the network's code and state."""

    permission_classes = [IsEmployee]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), ConnectThrottle()]

    @extend_schema(
        operation_id="connections_oauth_callback",
        request=serializers.OAuthCallbackInputSerializer,
        responses={201: serializers.ConnectionOutputSerializer},
        tags=["integrations"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.OAuthCallbackInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        connection = oauth.oauth_complete(user=request_user(request), **data.validated_data)
        return Response(_connection_out(connection), status=status.HTTP_201_CREATED)


class ConnectionSuggestionsApplyApi(APIView):
    """Copy name, photo or profile link the network offered to my account and profile."""

    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="connections_suggestions_apply",
        request=serializers.ConnectionSuggestionsApplyInputSerializer,
        responses=serializers.ConnectionOutputSerializer,
        tags=["integrations"],
    )
    def post(self, request: Request, pk: int) -> Response:
        connection = _my_connection(request, pk)
        data = serializers.ConnectionSuggestionsApplyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        connection = suggestions.suggestions_apply(connection=connection, fields=data.validated_data["apply"])
        return Response(_connection_out(connection))
