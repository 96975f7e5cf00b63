"""Notifications API: the bell (list, unread count, mark read) and the e-mail digest preference."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsEmployee
from sichtbar.api.requests import request_user

from . import selectors, serializers, services
from .models import Notification

TAG = "content"  # the operations keep the tag they had in the content app (the API did not change)


class _FakeViewMixin:
    def _fake(self) -> bool:
        return getattr(self, "swagger_fake_view", False)


class NotificationListApi(_FakeViewMixin, generics.ListAPIView):
    permission_classes = [IsEmployee]
    serializer_class = serializers.NotificationOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[Notification]:
        if self._fake():
            return Notification.objects.none()
        return selectors.notification_list(user=request_user(self.request))

    @extend_schema(operation_id="notifications_list", tags=[TAG])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class NotificationUnreadApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="notifications_unread",
        responses=serializers.NotificationUnreadOutputSerializer,
        tags=[TAG],
    )
    def get(self, request: Request) -> Response:
        return Response({"unread": selectors.notification_unread_count(user=request_user(request))})


class NotificationReadApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="notifications_read",
        request=serializers.NotificationReadInputSerializer,
        responses=serializers.NotificationUnreadOutputSerializer,
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.NotificationReadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request_user(request)
        services.notifications_mark_read(user=user, ids=data.validated_data.get("ids"))
        return Response({"unread": selectors.notification_unread_count(user=user)})


class NotificationPreferenceApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="notifications_preference_get",
        responses=serializers.NotificationPreferenceOutputSerializer,
        tags=[TAG],
    )
    def get(self, request: Request) -> Response:
        return Response({"digest": selectors.notification_preference(user=request_user(request))})

    @extend_schema(
        operation_id="notifications_preference_set",
        request=serializers.NotificationPreferenceInputSerializer,
        responses=serializers.NotificationPreferenceOutputSerializer,
        tags=[TAG],
    )
    def put(self, request: Request) -> Response:
        data = serializers.NotificationPreferenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preference = services.notification_preference_set(
            user=request_user(request), digest=data.validated_data["digest"]
        )
        return Response({"digest": preference.digest})
