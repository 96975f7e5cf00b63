"""Content API: the managers' content hub (items, workflow, review queue, sources, guidelines, rules) and
the employees' side (available items, suggestions, guideline acceptance, notifications, text checks)."""

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

from sichtbar.accounts.permissions import IsAdmin, IsEmployee, IsManager
from sichtbar.api.requests import request_user
from sichtbar.audit.models import AuditEvent
from sichtbar.audit.selectors import audit_event_list
from sichtbar.core.errors import ApplicationError
from sichtbar.governance.services import confidentiality_check
from sichtbar.governance.throttles import CheckThrottle

from . import selectors, serializers, services
from .error_codes import ContentErrorCode
from .filters import ContentItemFilter
from .limits import NETWORK_TEXT_LIMITS, text_length
from .models import ContentItem, ContentSource
from .throttles import SuggestThrottle

TAG = "content"


def _item(pk: int) -> ContentItem:
    item = selectors.content_get(pk=pk)
    if item is None:
        raise ApplicationError("Not found.", code="not_found", status_code=404)
    return item


def _saved(item: ContentItem, warnings: list[Any], *, created: bool = False) -> Response:
    item = _item(item.pk)  # fresh relations
    body = serializers.ContentItemSavedOutputSerializer(
        {"item": item, "warnings": [vars(w) for w in warnings]}
    ).data
    return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class _FakeViewMixin:
    def _fake(self) -> bool:
        return getattr(self, "swagger_fake_view", False)


# --- managers: items -----------------------------------------------------------------------------


class ContentItemListCreateApi(_FakeViewMixin, generics.ListAPIView):
    permission_classes = [IsManager]
    serializer_class = serializers.ContentItemOutputSerializer
    filterset_class = ContentItemFilter
    search_fields = ["title", "slug", "url"]
    ordering_fields = ["updated_at", "published_at", "created_at", "title"]
    ordering = ["-updated_at", "-id"]

    def get_queryset(self) -> QuerySet[ContentItem]:
        return selectors.content_list()

    @extend_schema(operation_id="content_items_list", tags=[TAG])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="content_items_create",
        request=serializers.ContentItemInputSerializer,
        responses={201: serializers.ContentItemSavedOutputSerializer},
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ContentItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item, warnings = services.content_create(actor=request_user(request), data=data.validated_data)
        return _saved(item, warnings, created=True)


class ContentItemDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_items_get", responses=serializers.ContentItemDetailOutputSerializer, tags=[TAG]
    )
    def get(self, request: Request, pk: int) -> Response:
        item = _item(pk)
        item.translations = list(selectors.content_translations(item=item))  # type: ignore[attr-defined]
        return Response(serializers.ContentItemDetailOutputSerializer(item).data)

    @extend_schema(
        operation_id="content_items_update",
        request=serializers.ContentItemUpdateInputSerializer,
        responses=serializers.ContentItemSavedOutputSerializer,
        tags=[TAG],
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = serializers.ContentItemUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        item, warnings = services.content_update(
            actor=request_user(request), item=_item(pk), data=data.validated_data
        )
        return _saved(item, warnings)


class ContentItemImageApi(APIView):
    permission_classes = [IsManager]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="content_items_image_set",
        request={"multipart/form-data": serializers.ContentImageInputSerializer},
        responses=serializers.ContentItemOutputSerializer,
        tags=[TAG],
    )
    def post(self, request: Request, pk: int) -> Response:
        data = serializers.ContentImageInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.content_image_set(
            actor=request_user(request), item=_item(pk), upload=data.validated_data["image"]
        )
        return Response(serializers.ContentItemOutputSerializer(_item(item.pk)).data)

    @extend_schema(
        operation_id="content_items_image_delete",
        request=None,
        responses=serializers.ContentItemOutputSerializer,
        tags=[TAG],
    )
    def delete(self, request: Request, pk: int) -> Response:
        item = services.content_image_delete(actor=request_user(request), item=_item(pk))
        return Response(serializers.ContentItemOutputSerializer(_item(item.pk)).data)


class ContentItemTransitionApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_items_transition",
        request=serializers.ContentTransitionInputSerializer,
        responses=serializers.ContentItemOutputSerializer,
        tags=[TAG],
        description="submit (draft → in review), approve (in review → published), request_changes "
        "(in review → draft), archive, reopen (archived → draft). Other moves answer 409 "
        "content_invalid_transition.",
    )
    def post(self, request: Request, pk: int) -> Response:
        data = serializers.ContentTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reviewer = None
        if data.validated_data.get("reviewer"):
            # Only active managers and admins can be asked; the service applies the four-eyes rule.
            reviewer = selectors.reviewers().filter(pk=data.validated_data["reviewer"]).first()
            if reviewer is None:
                message = _("This person cannot review the item; please choose another manager.")
                raise ApplicationError(
                    message, code=ContentErrorCode.REVIEWER_INELIGIBLE, fields={"reviewer": [message]}
                )
        item = services.content_transition(
            actor=request_user(request),
            item=_item(pk),
            action=data.validated_data["action"],
            comment=data.validated_data.get("comment", ""),
            reviewer=reviewer,
        )
        return Response(serializers.ContentItemOutputSerializer(_item(item.pk)).data)


class ContentItemReviewersApi(APIView):
    """Who may review this item (the reviewer picker): active managers and admins; the four-eyes rule
    leaves out the item's author unless an admin allowed self-approval."""

    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_items_reviewers",
        responses=serializers.ContentReviewerOutputSerializer(many=True),
        tags=[TAG],
    )
    def get(self, request: Request, pk: int) -> Response:
        people = selectors.content_reviewers_eligible(item=_item(pk))
        rows = [
            {"id": p.pk, "name": p.get_full_name() or p.email, "email": p.email, "role": p.role}
            for p in people
        ]
        return Response(serializers.ContentReviewerOutputSerializer(rows, many=True).data)


class ContentSettingsApi(APIView):
    """The content workflow's organisation settings: managers read them, admins change them."""

    def get_permissions(self) -> list[Any]:
        return [IsAdmin()] if self.request.method == "PATCH" else [IsManager()]

    @extend_schema(
        operation_id="content_settings_get", responses=serializers.ContentSettingsOutputSerializer, tags=[TAG]
    )
    def get(self, request: Request) -> Response:
        return Response(serializers.ContentSettingsOutputSerializer(selectors.content_settings_get()).data)

    @extend_schema(
        operation_id="content_settings_update",
        request=serializers.ContentSettingsInputSerializer,
        responses=serializers.ContentSettingsOutputSerializer,
        tags=[TAG],
    )
    def patch(self, request: Request) -> Response:
        data = serializers.ContentSettingsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        updated = services.content_settings_update(actor=request_user(request), data=data.validated_data)
        return Response(serializers.ContentSettingsOutputSerializer(updated).data)


class ContentItemCommentsApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_items_comments",
        responses=serializers.ContentCommentOutputSerializer(many=True),
        tags=[TAG],
    )
    def get(self, request: Request, pk: int) -> Response:
        comments = selectors.content_comments(item=_item(pk))
        return Response(serializers.ContentCommentOutputSerializer(comments, many=True).data)

    @extend_schema(
        operation_id="content_items_comment_add",
        request=serializers.ContentCommentInputSerializer,
        responses={201: serializers.ContentCommentOutputSerializer},
        tags=[TAG],
    )
    def post(self, request: Request, pk: int) -> Response:
        data = serializers.ContentCommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = services.content_comment_add(
            actor=request_user(request), item=_item(pk), body=data.validated_data["body"]
        )
        return Response(
            serializers.ContentCommentOutputSerializer(comment).data, status=status.HTTP_201_CREATED
        )


class ContentItemHistoryApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_items_history",
        responses=serializers.ContentHistoryOutputSerializer(many=True),
        tags=[TAG],
    )
    def get(self, request: Request, pk: int) -> Response:
        item = _item(pk)
        events: QuerySet[AuditEvent] = audit_event_list().filter(
            target_type=item._meta.label_lower, target_id=str(item.pk)
        )
        return Response(
            serializers.ContentHistoryOutputSerializer(events.order_by("created_at", "id"), many=True).data
        )


class ContentReviewQueueApi(_FakeViewMixin, generics.ListAPIView):
    permission_classes = [IsManager]
    serializer_class = serializers.ContentItemOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[ContentItem]:
        return selectors.content_review_queue()

    @extend_schema(operation_id="content_review_queue", tags=[TAG])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


# --- employees: available items, suggestions -----------------------------------------------------


class ContentAvailableListApi(_FakeViewMixin, generics.ListAPIView):
    """Published, started, unexpired items in my audience, newest first (the feed is the ranked version)."""

    permission_classes = [IsEmployee]
    serializer_class = serializers.ContentAvailableOutputSerializer
    filter_backends: list[type] = []

    def get_queryset(self) -> QuerySet[ContentItem]:
        if self._fake():
            return ContentItem.objects.none()
        return selectors.content_available_list(user=request_user(self.request))

    @extend_schema(operation_id="content_available_list", tags=[TAG])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ContentSuggestionListCreateApi(_FakeViewMixin, generics.ListAPIView):
    permission_classes = [IsEmployee]
    serializer_class = serializers.ContentSuggestionOutputSerializer
    filter_backends: list[type] = []

    def get_throttles(self) -> list[BaseThrottle]:
        extra = [SuggestThrottle()] if self.request.method == "POST" else []
        return [*super().get_throttles(), *extra]

    def get_queryset(self) -> QuerySet[ContentItem]:
        if self._fake():
            return ContentItem.objects.none()
        return selectors.content_suggestions_of(user=request_user(self.request))

    @extend_schema(operation_id="content_suggestions_list", tags=[TAG])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="content_suggestions_create",
        request=serializers.ContentSuggestionInputSerializer,
        responses={201: serializers.ContentSuggestionOutputSerializer},
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ContentSuggestionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.content_suggest(
            user=request_user(request),
            url=data.validated_data["url"],
            note=data.validated_data.get("note", ""),
        )
        return Response(
            serializers.ContentSuggestionOutputSerializer(item).data, status=status.HTTP_201_CREATED
        )


# --- sources -------------------------------------------------------------------------------------


def _source(pk: int) -> ContentSource:
    return get_object_or_404(selectors.source_list(), pk=pk)


class ContentSourceListCreateApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_sources_list",
        responses=serializers.ContentSourceOutputSerializer(many=True),
        tags=[TAG],
    )
    def get(self, request: Request) -> Response:
        return Response(serializers.ContentSourceOutputSerializer(selectors.source_list(), many=True).data)

    @extend_schema(
        operation_id="content_sources_create",
        request=serializers.ContentSourceInputSerializer,
        responses={201: serializers.ContentSourceOutputSerializer},
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ContentSourceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        source = services.source_create(actor=request_user(request), data=data.validated_data)
        return Response(
            serializers.ContentSourceOutputSerializer(source).data, status=status.HTTP_201_CREATED
        )


class ContentSourceDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_sources_update",
        request=serializers.ContentSourceUpdateInputSerializer,
        responses=serializers.ContentSourceOutputSerializer,
        tags=[TAG],
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = serializers.ContentSourceUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        source = services.source_update(
            actor=request_user(request), source=_source(pk), data=data.validated_data
        )
        return Response(serializers.ContentSourceOutputSerializer(source).data)

    @extend_schema(operation_id="content_sources_delete", responses={204: None}, tags=[TAG])
    def delete(self, request: Request, pk: int) -> Response:
        services.source_delete(actor=request_user(request), source=_source(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ContentSourceImportApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_sources_import",
        request=None,
        responses={202: serializers.ContentSourceOutputSerializer},
        tags=[TAG],
    )
    def post(self, request: Request, pk: int) -> Response:
        from sichtbar.core.tasks import enqueue_on_commit

        from .tasks import source_import

        source = _source(pk)
        enqueue_on_commit(source_import, source_id=source.pk)
        return Response(
            serializers.ContentSourceOutputSerializer(source).data, status=status.HTTP_202_ACCEPTED
        )


class ConfidentialityCheckApi(APIView):
    """Check a text against the rules (and a network's length limit): the editor's and share dialog's
    live check, and the managers' "test this text"."""

    permission_classes = [IsEmployee]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), CheckThrottle()]

    @extend_schema(
        operation_id="content_check",
        request=serializers.ConfidentialityCheckInputSerializer,
        responses=serializers.ConfidentialityCheckOutputSerializer,
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ConfidentialityCheckInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        text = data.validated_data["text"]
        result = confidentiality_check(text=text)
        network = data.validated_data.get("network")
        body = {
            "blocked": result.blocked,
            "matches": [vars(m) for m in result.matches],
            "length": text_length(text),
            "limit": NETWORK_TEXT_LIMITS.get(network) if network else None,
        }
        return Response(serializers.ConfidentialityCheckOutputSerializer(body).data)


class NetworkLimitsApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="content_network_limits",
        responses=serializers.NetworkLimitOutputSerializer(many=True),
        tags=[TAG],
    )
    def get(self, request: Request) -> Response:
        rows = [{"network": network, "limit": limit} for network, limit in NETWORK_TEXT_LIMITS.items()]
        return Response(serializers.NetworkLimitOutputSerializer(rows, many=True).data)
