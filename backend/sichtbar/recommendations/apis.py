"""Feed API: the signed-in employee's personal feed and "not interested" feedback."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsEmployee
from sichtbar.api.requests import request_language, request_user
from sichtbar.content.selectors import content_visible_to
from sichtbar.core.errors import NotFoundError

from . import selectors, serializers, services
from .error_codes import RecommendationsErrorCode


class FeedListApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="feed_list",
        summary="My personal feed: content worth sharing, ranked and explained",
        parameters=[serializers.FeedQueryInputSerializer],
        responses=serializers.FeedPageOutputSerializer,
        tags=["feed"],
    )
    def get(self, request: Request) -> Response:
        query = serializers.FeedQueryInputSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        language = request_language()
        user = request_user(request)
        services.feed_reader_touch(user=user)  # keeps this person's ranking warm in the background
        entries, has_more = selectors.personal_feed(user=user, language=language, **query.validated_data)
        body = {
            "results": [serializers.feed_item_data(e, language=language) for e in entries],
            "has_more": has_more,
        }
        return Response(body)  # built in FeedPageOutputSerializer's shape (see feed_item_data)


class FeedDismissApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="feed_dismiss",
        summary='"Not interested": hide the item (and, with reason "topic", weigh its topic less)',
        request=serializers.FeedDismissInputSerializer,
        responses={201: serializers.FeedDismissalOutputSerializer},
        tags=["feed"],
    )
    def post(self, request: Request, content_id: int) -> Response:
        user = request_user(request)
        content = content_visible_to(user=user).filter(pk=content_id).first()
        if content is None:
            raise NotFoundError(
                _("This content does not exist or is not meant for you."),
                code=RecommendationsErrorCode.CONTENT_NOT_FOUND,
            )
        data = serializers.FeedDismissInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dismissal = services.dismissal_create(
            user=user,
            content=content,
            reason=data.validated_data["reason"],
            topic_id=data.validated_data.get("topic"),
        )
        return Response(
            serializers.FeedDismissalOutputSerializer(dismissal).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        operation_id="feed_undismiss", summary='Undo "not interested"', responses={204: None}, tags=["feed"]
    )
    def delete(self, request: Request, content_id: int) -> Response:
        if not services.dismissal_delete(user=request_user(request), content_id=content_id):
            raise NotFoundError(
                _("There is nothing to undo."), code=RecommendationsErrorCode.CONTENT_NOT_FOUND
            )
        return Response(status=status.HTTP_204_NO_CONTENT)
