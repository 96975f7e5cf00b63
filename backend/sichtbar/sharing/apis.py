"""Sharing API: what a share dialog offers, the live text check, sharing, my shares, cancelling."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsEmployee
from sichtbar.api.requests import request_user
from sichtbar.content.models import ContentItem
from sichtbar.core.errors import NotFoundError
from sichtbar.governance.selectors import guideline_accepted

from . import selectors, serializers, services
from .error_codes import SharingErrorCode
from .models import Share
from .throttles import ShareCreateThrottle


def _content(request: Request, pk: int) -> ContentItem:
    content = selectors.shareable_content_get(user=request_user(request), pk=pk)
    if content is None:
        raise NotFoundError(
            _("This content does not exist or is not meant for you."), code=SharingErrorCode.CONTENT_NOT_FOUND
        )
    return content


def _content_ref(content: ContentItem) -> dict[str, Any]:
    return {"id": content.pk, "slug": content.slug, "title": content.title, "url": content.url}


class ShareComposeApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="shares_compose",
        summary="What the share dialog offers for an item: networks, suggested texts, limits, API or intent",
        responses=serializers.ShareComposeOutputSerializer,
        tags=["sharing"],
    )
    def get(self, request: Request, content_id: int) -> Response:
        user = request_user(request)
        content = _content(request, content_id)
        body = {
            "content": _content_ref(content),
            "image_url": content.image.url if content.image else "",
            "summary": content.summary,
            "guideline_accepted": guideline_accepted(user=user),
            "networks": [o.__dict__ for o in selectors.share_options(user=user, content=content)],
        }
        return Response(serializers.ShareComposeOutputSerializer(body).data)


class ShareTextCheckApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="shares_check",
        summary="Check a share text: length for the network and the confidentiality rules it matches",
        request=serializers.ShareTextCheckInputSerializer,
        responses=serializers.ShareTextCheckOutputSerializer,
        tags=["sharing"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ShareTextCheckInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check = services.share_text_check(**data.validated_data)
        body = {
            "text": check.text,
            "length": check.length,
            "limit": check.limit,
            "blocks": serializers.hits_data(check.blocks),
            "warnings": serializers.hits_data(check.warnings),
        }
        return Response(serializers.ShareTextCheckOutputSerializer(body).data)


@extend_schema(tags=["sharing"])
class ShareListCreateApi(generics.ListAPIView):
    """My shares, newest first, with status and tracked link; POST shares an item."""

    permission_classes = [IsEmployee]
    serializer_class = serializers.ShareOutputSerializer

    def get_throttles(self) -> list[Any]:
        return [ShareCreateThrottle()] if self.request.method == "POST" else super().get_throttles()

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return Share.objects.none()
        return selectors.share_list(user=request_user(self.request))

    @extend_schema(
        operation_id="shares_create",
        summary="Share an item on a network (posted through the API when connected, else a share intent)",
        request=serializers.ShareCreateInputSerializer,
        responses={201: serializers.ShareCreatedOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = serializers.ShareCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        content = _content(request, values.pop("content"))
        created = services.share_create(user=request_user(request), content=content, **values)
        share = selectors.share_get(user=created.share.user, pk=created.share.pk)
        body = {
            "share": share,
            "link_url": created.link_url,
            "intent_url": created.intent_url,
            "copy_text": created.copy_text,
            "warnings": serializers.hits_data(created.warnings),
        }
        return Response(serializers.ShareCreatedOutputSerializer(body).data, status=status.HTTP_201_CREATED)


class ShareCancelApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="shares_cancel",
        summary="Cancel a scheduled share before it is due",
        request=None,
        responses=serializers.ShareOutputSerializer,
        tags=["sharing"],
    )
    def post(self, request: Request, pk: int) -> Response:
        share = selectors.share_get(user=request_user(request), pk=pk)
        if share is None:
            raise NotFoundError(_("There is no such share."), code=SharingErrorCode.SHARE_NOT_FOUND)
        share = services.share_cancel(share=share)
        return Response(serializers.ShareOutputSerializer(share).data)
