"""Links API: tracked links with their counts, one link's statistics, and the conversion endpoint."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from sichtbar.accounts.models import ApiToken
from sichtbar.accounts.permissions import IsEmployee, IsManager
from sichtbar.api.requests import request_user
from sichtbar.core.errors import ApplicationError

from . import error_codes, selectors, serializers, services
from .models import TrackedLink
from .throttles import ConversionThrottle


def _link_out(link: TrackedLink) -> dict[str, Any]:
    """A link with counts, as annotated by selectors.link_list."""
    return {
        "id": link.pk,
        "code": link.code,
        "short_url": selectors.short_url(link=link),
        "share_id": link.share_id,
        "network": link.network,
        "content_id": link.content_id,
        "content_title": link.content.title,
        "user_id": link.user_id,
        "user_name": link.user.full_name if link.user else "",
        "destination": link.destination,
        "created_at": link.created_at,
        "expires_at": link.expires_at,
        "clicks": getattr(link, "click_count", 0),
        "unique_visitors": getattr(link, "unique_visitor_count", 0),
        "conversions": getattr(link, "conversion_count", 0),
    }


class TrackedLinkListApi(generics.ListAPIView):
    """My tracked links (or, for managers with scope=all, everyone's) with clicks and conversions."""

    permission_classes = [IsEmployee]
    serializer_class = serializers.TrackedLinkOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[TrackedLink]:
        if getattr(self, "swagger_fake_view", False):
            return TrackedLink.objects.none()
        params = serializers.TrackedLinkListFilterInputSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        user = request_user(self.request)
        mine = params.validated_data["scope"] == "mine" or not selectors.others_links_visible(user=user)
        return selectors.link_list(user=user, mine=mine)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        return self.get_paginated_response(
            serializers.TrackedLinkOutputSerializer([_link_out(link) for link in page], many=True).data
        )

    @extend_schema(
        operation_id="links_list",
        parameters=[serializers.TrackedLinkListFilterInputSerializer],
        tags=["links"],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class TrackedLinkStatsApi(APIView):
    """Statistics of one link: the owner's own, any link for managers."""

    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="links_stats",
        responses=serializers.LinkStatsOutputSerializer,
        tags=["links"],
    )
    def get(self, request: Request, pk: int) -> Response:
        user = request_user(request)
        link = get_object_or_404(selectors.link_list(user=user, mine=False), pk=pk)
        stats = selectors.link_stats(link=link)
        data = {
            "link": _link_out(link),
            "clicks": stats.clicks,
            "unique_visitors": stats.unique_visitors,
            "conversions": stats.conversions,
            "by_day": [{"day": d, "clicks": c, "unique_visitors": u} for d, c, u in stats.by_day],
            "referrers": [{"host": h, "clicks": n} for h, n in stats.referrers],
            "devices": [{"device_class": d, "clicks": n} for d, n in stats.devices],
            "conversions_by_kind": [{"kind": k, "conversions": n} for k, n in stats.conversions_by_kind],
            "computed_at": stats.computed_at,
        }
        return Response(serializers.LinkStatsOutputSerializer(data).data)


class ConversionCreateApi(APIView):
    """Report a conversion (e.g. a job application) for a tracked link; idempotent by `key`.

    For the careers site or another integration: `Authorization: Token <personal API token of a manager
    or admin>`. Rate-limited per token owner.
    """

    permission_classes = [IsManager]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), ConversionThrottle()]

    @extend_schema(
        operation_id="conversions_create",
        request=serializers.ConversionCreateInputSerializer,
        responses={201: serializers.ConversionOutputSerializer, 200: serializers.ConversionOutputSerializer},
        tags=["links"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ConversionCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        code = values["link"].strip()
        if not code.isalnum():
            message = _("No tracked link has this code.")
            raise ApplicationError(
                message, code=error_codes.CONVERSION_LINK_UNKNOWN, fields={"link": [message]}
            )
        token = request.auth if isinstance(request.auth, ApiToken) else None
        conversion, created = services.conversion_record(
            code=code,
            key=values["key"],
            kind=values["kind"],
            occurred_at=values.get("occurred_at"),
            value=values.get("value"),
            actor=request_user(request),
            token_key=token.token_key if token else "",
        )
        out = serializers.ConversionOutputSerializer(
            {
                "id": conversion.pk,
                "link": conversion.link,
                "key": conversion.key,
                "kind": conversion.kind,
                "occurred_at": conversion.occurred_at,
                "value": conversion.value,
                "created": created,
            }
        )
        return Response(out.data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)
