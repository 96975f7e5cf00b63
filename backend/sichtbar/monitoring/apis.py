"""Monitoring API: feeds and terms for managers, the mentions list (employees: mentions of themselves),
counts for the filter chips and a CSV export of the filtered list."""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsEmployee, IsManager
from sichtbar.api.requests import request_user
from sichtbar.core.errors import NotFoundError
from sichtbar.core.export import Column, csv_response, header

from . import selectors, serializers, services
from .error_codes import MonitoringErrorCode
from .models import Mention, MonitoredTerm, MonitoringFeed
from .throttles import FeedFetchThrottle

TAGS = ["monitoring"]
# The export's columns; headers in the request's language.
CSV_COLUMNS = [
    Column("published_at", gettext_lazy("Published")),
    Column("source", gettext_lazy("Source")),
    Column("origin", gettext_lazy("Origin")),
    Column("title", gettext_lazy("Title")),
    Column("url", gettext_lazy("Address")),
    Column("terms", gettext_lazy("Terms")),
    Column("people", gettext_lazy("People")),
    Column("excerpt", gettext_lazy("Excerpt")),
]


def _feed(pk: int) -> MonitoringFeed:
    feed = selectors.feed_get(pk=pk)
    if feed is None:
        raise NotFoundError(_("There is no such monitoring feed."), code=MonitoringErrorCode.FEED_NOT_FOUND)
    return feed


def _term(pk: int) -> MonitoredTerm:
    term = selectors.term_get(pk=pk)
    if term is None:
        raise NotFoundError(_("There is no such term."), code=MonitoringErrorCode.TERM_NOT_FOUND)
    return term


def _feed_out(feed: MonitoringFeed) -> dict[str, Any]:
    annotated = selectors.feed_list().get(pk=feed.pk)
    return serializers.MonitoringFeedOutputSerializer(annotated).data


def _term_out(term: MonitoredTerm) -> dict[str, Any]:
    annotated = selectors.term_list().get(pk=term.pk)
    return serializers.MonitoredTermOutputSerializer(annotated).data


# --- feeds ----------------------------------------------------------------------------------------


class FeedListCreateApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="monitoring_feeds_list",
        responses=serializers.MonitoringFeedOutputSerializer(many=True),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(serializers.MonitoringFeedOutputSerializer(selectors.feed_list(), many=True).data)

    @extend_schema(
        operation_id="monitoring_feeds_create",
        request=serializers.MonitoringFeedCreateInputSerializer,
        responses={201: serializers.MonitoringFeedOutputSerializer},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = serializers.MonitoringFeedCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feed = services.feed_create(actor=request_user(request), **data.validated_data)
        return Response(_feed_out(feed), status=status.HTTP_201_CREATED)


class FeedDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="monitoring_feeds_update",
        request=serializers.MonitoringFeedUpdateInputSerializer,
        responses=serializers.MonitoringFeedOutputSerializer,
        tags=TAGS,
    )
    def patch(self, request: Request, pk: int) -> Response:
        feed = _feed(pk)
        data = serializers.MonitoringFeedUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        feed = services.feed_update(actor=request_user(request), feed=feed, data=data.validated_data)
        return Response(_feed_out(feed))

    @extend_schema(operation_id="monitoring_feeds_delete", responses={204: None}, tags=TAGS)
    def delete(self, request: Request, pk: int) -> Response:
        services.feed_delete(actor=request_user(request), feed=_feed(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class FeedFetchApi(APIView):
    permission_classes = [IsManager]

    def get_throttles(self) -> list[BaseThrottle]:
        return [*super().get_throttles(), FeedFetchThrottle()]

    @extend_schema(
        operation_id="monitoring_feeds_fetch",
        summary="Fetch the feed now (queued; the result shows in its status)",
        request=None,
        responses={202: serializers.MonitoringFeedOutputSerializer},
        tags=TAGS,
    )
    def post(self, request: Request, pk: int) -> Response:
        feed = services.feed_request_fetch(feed=_feed(pk))
        return Response(_feed_out(feed), status=status.HTTP_202_ACCEPTED)


# --- terms ----------------------------------------------------------------------------------------


class TermListCreateApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="monitoring_terms_list",
        responses=serializers.MonitoredTermOutputSerializer(many=True),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(serializers.MonitoredTermOutputSerializer(selectors.term_list(), many=True).data)

    @extend_schema(
        operation_id="monitoring_terms_create",
        request=serializers.MonitoredTermCreateInputSerializer,
        responses={201: serializers.MonitoredTermOutputSerializer},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = serializers.MonitoredTermCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        term = services.term_create(actor=request_user(request), **data.validated_data)
        return Response(_term_out(term), status=status.HTTP_201_CREATED)


class TermDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="monitoring_terms_update",
        request=serializers.MonitoredTermUpdateInputSerializer,
        responses=serializers.MonitoredTermOutputSerializer,
        tags=TAGS,
    )
    def patch(self, request: Request, pk: int) -> Response:
        term = _term(pk)
        data = serializers.MonitoredTermUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        term = services.term_update(actor=request_user(request), term=term, data=data.validated_data)
        return Response(_term_out(term))

    @extend_schema(operation_id="monitoring_terms_delete", responses={204: None}, tags=TAGS)
    def delete(self, request: Request, pk: int) -> Response:
        services.term_delete(actor=request_user(request), term=_term(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- mentions -------------------------------------------------------------------------------------


def _filters(request: Request) -> selectors.MentionFilters:
    data = serializers.MentionFilterInputSerializer(data=request.query_params)
    data.is_valid(raise_exception=True)
    values = dict(data.validated_data)
    return selectors.MentionFilters(
        source=values.get("source", ""),
        feed=values.get("feed"),
        person=values.get("person"),
        term=values.get("term"),
        date_from=values.get("date_from"),
        date_to=values.get("date_to"),
        search=(values.get("search") or "").strip(),
    )


class MentionListApi(generics.ListAPIView):
    """Mentions, newest first. Managers see all; employees the mentions that name them."""

    permission_classes = [IsEmployee]
    serializer_class = serializers.MentionOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Mention]:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Mention.objects.none()
        return selectors.mention_list(user=request_user(self.request), filters=_filters(self.request))

    @extend_schema(
        operation_id="monitoring_mentions_list",
        parameters=[serializers.MentionFilterInputSerializer],
        tags=TAGS,
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class MentionSummaryApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="monitoring_mentions_summary",
        summary="Counts per source for the filter chips, and the people and terms that occur",
        parameters=[serializers.MentionFilterInputSerializer],
        responses=serializers.MentionSummaryOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        summary = selectors.mention_summary(user=request_user(request), filters=_filters(request))
        return Response(serializers.MentionSummaryOutputSerializer(summary).data)


class MentionExportApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="monitoring_mentions_export",
        summary="The filtered mentions as CSV",
        parameters=[serializers.MentionFilterInputSerializer],
        responses={(200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="CSV, UTF-8")},
        tags=TAGS,
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        mentions = selectors.mention_list(user=request_user(request), filters=_filters(request))

        def rows() -> Iterator[list[str]]:
            for mention in mentions.iterator(chunk_size=500):
                if mention.feed is not None:
                    origin = mention.feed.name
                else:
                    origin = mention.post.author.full_name if mention.post is not None else ""
                yield [
                    mention.published_at.isoformat() if mention.published_at else "",
                    mention.source,
                    origin,
                    mention.title,
                    mention.url,
                    "; ".join(term.text for term in mention.terms.all()),
                    "; ".join(person.full_name for person in mention.experts.all()),
                    services.plain_text(mention.excerpt),
                ]

        return csv_response(
            filename=f"sichtbar-mentions-{timezone.now():%Y%m%d}.csv",
            header_row=header(CSV_COLUMNS),
            rows=rows(),
        )
