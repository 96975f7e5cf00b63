"""Analytics API: the managers' dashboard (overview, trends, breakdowns, top content, drill-down, targets,
benchmarks, estimate inputs, exports), settings, and each employee's own impact and opt-in."""

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.models import User
from sichtbar.accounts.permissions import IsAdmin, IsEmployee, IsManager
from sichtbar.api.requests import request_user
from sichtbar.content.models import ContentKind
from sichtbar.core.errors import ApplicationError
from sichtbar.core.networks import Network
from sichtbar.core.tasks import enqueue_on_commit

from . import selectors, serializers, services
from .error_codes import AnalyticsErrorCode
from .export import export_table
from .models import Benchmark, Kpi, NetworkRate, Target

TAGS = ["analytics"]


def _filters(request: Request, serializer_class: type = serializers.AnalyticsFilterInputSerializer) -> Any:
    data = serializer_class(data=request.query_params)
    data.is_valid(raise_exception=True)
    return data


class AnalyticsOverviewApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_overview",
        summary="Every KPI of the period with the previous period, the company and benchmarks",
        parameters=[serializers.AnalyticsFilterInputSerializer],
        responses=serializers.AnalyticsOverviewOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        filters = _filters(request).filters()
        data = selectors.overview(filters=filters, viewer=request_user(request))
        return Response(serializers.AnalyticsOverviewOutputSerializer(data).data)


class AnalyticsTrendsApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_trends",
        summary="Time series of the counted metrics",
        parameters=[serializers.AnalyticsTrendInputSerializer],
        responses=serializers.AnalyticsTrendsOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        data = _filters(request, serializers.AnalyticsTrendInputSerializer)
        result = selectors.trends(
            filters=data.filters(), viewer=request_user(request), interval=data.validated_data["interval"]
        )
        return Response(serializers.AnalyticsTrendsOutputSerializer(result).data)


class AnalyticsBreakdownApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_breakdown",
        summary="Figures by department, network, content item or topic",
        parameters=[serializers.AnalyticsBreakdownInputSerializer],
        responses=serializers.AnalyticsBreakdownOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        data = _filters(request, serializers.AnalyticsBreakdownInputSerializer)
        result = selectors.breakdown(
            filters=data.filters(), viewer=request_user(request), dimension=data.validated_data["by"]
        )
        return Response(serializers.AnalyticsBreakdownOutputSerializer(result).data)


class AnalyticsTopContentApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_top_content",
        summary="The content items that brought the most clicks",
        parameters=[serializers.AnalyticsFilterInputSerializer],
        responses=serializers.AnalyticsBreakdownOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        result = selectors.top_content(filters=_filters(request).filters(), viewer=request_user(request))
        return Response(serializers.AnalyticsBreakdownOutputSerializer(result).data)


class AnalyticsDrilldownApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_drilldown",
        summary="The shares behind a figure (newest 100), with their clicks and conversions",
        parameters=[serializers.AnalyticsDrilldownInputSerializer],
        responses=serializers.AnalyticsDrilldownOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        data = _filters(request, serializers.AnalyticsDrilldownInputSerializer)
        result = selectors.drilldown(
            filters=data.filters(), viewer=request_user(request), content=data.validated_data.get("content")
        )
        return Response(serializers.AnalyticsDrilldownOutputSerializer(result).data)


class AnalyticsLeaderboardApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="analytics_leaderboard",
        summary="The most effective advocates among those who opted in",
        parameters=[serializers.AnalyticsFilterInputSerializer],
        responses=serializers.AnalyticsLeaderboardRowOutputSerializer(many=True),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = selectors.leaderboard(filters=_filters(request).filters(), viewer=request_user(request))
        return Response(serializers.AnalyticsLeaderboardRowOutputSerializer(rows, many=True).data)


class AnalyticsOptionsApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_options",
        summary="The values the dashboard's filters offer",
        responses=serializers.AnalyticsOptionsOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        english = (request.LANGUAGE_CODE or "de").startswith("en")
        topics = [
            {"id": t["id"], "name": (t["name_en"] if english and t["name_en"] else t["name_de"])}
            for t in selectors.topics_in_use()
        ]
        data = {
            "departments": selectors.departments(),
            "topics": topics,
            "networks": Network.values,
            "content_kinds": ContentKind.values,
            "kpis": Kpi.values,
        }
        return Response(serializers.AnalyticsOptionsOutputSerializer(data).data)


# --- targets ----------------------------------------------------------------------------------


def _target_out(target: Target, user: User) -> dict[str, Any]:
    progress = selectors.target_progress(target=target, viewer=user)
    return serializers.AnalyticsTargetOutputSerializer({"target": target, **progress}).data


class AnalyticsTargetListApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_targets_list",
        summary="Targets with progress, forecast to the deadline and status",
        responses=serializers.AnalyticsTargetOutputSerializer(many=True),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = selectors.targets_with_progress(viewer=request_user(request))
        return Response(serializers.AnalyticsTargetOutputSerializer(rows, many=True).data)

    @extend_schema(
        operation_id="analytics_targets_create",
        summary="Set a target",
        request=serializers.AnalyticsTargetInputSerializer,
        responses={201: serializers.AnalyticsTargetOutputSerializer},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = serializers.AnalyticsTargetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request_user(request)
        target = services.target_create(actor=user, data=data.validated_data)
        return Response(_target_out(target, user), status=status.HTTP_201_CREATED)


class AnalyticsTargetDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_targets_update",
        summary="Change a target",
        request=serializers.AnalyticsTargetUpdateInputSerializer,
        responses=serializers.AnalyticsTargetOutputSerializer,
        tags=TAGS,
    )
    def patch(self, request: Request, pk: int) -> Response:
        target = get_object_or_404(Target.objects.select_related("department"), pk=pk)
        data = serializers.AnalyticsTargetUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = request_user(request)
        target = services.target_update(actor=user, target=target, data=data.validated_data)
        return Response(_target_out(target, user))

    @extend_schema(
        operation_id="analytics_targets_delete", summary="Remove a target", responses={204: None}, tags=TAGS
    )
    def delete(self, request: Request, pk: int) -> Response:
        target = get_object_or_404(Target, pk=pk)
        services.target_delete(actor=request_user(request), target=target)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- benchmarks, rates, headcount, settings ---------------------------------------------------


class AnalyticsBenchmarkListApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_benchmarks_list",
        summary="Industry benchmarks",
        responses=serializers.AnalyticsBenchmarkOutputSerializer(many=True),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(
            serializers.AnalyticsBenchmarkOutputSerializer(Benchmark.objects.all(), many=True).data
        )


class AnalyticsBenchmarkImportApi(APIView):
    permission_classes = [IsManager]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="analytics_benchmarks_import",
        summary="Import benchmarks from CSV (kpi, value, industry, source, period)",
        request={"multipart/form-data": serializers.AnalyticsBenchmarkImportInputSerializer},
        responses=serializers.AnalyticsBenchmarkImportOutputSerializer,
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        data = serializers.AnalyticsBenchmarkImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > 1_000_000:
            raise ApplicationError(
                _("The file is too large (1 MB at most)."), code=AnalyticsErrorCode.CSV_INVALID
            )
        count = services.benchmarks_import(actor=request_user(request), data=upload.read())
        return Response(serializers.AnalyticsBenchmarkImportOutputSerializer({"imported": count}).data)


class AnalyticsRatesApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_rates_list",
        summary="CPC, CPM and view rate per network and currency (the estimates' inputs)",
        responses=serializers.AnalyticsNetworkRateOutputSerializer(many=True),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(
            serializers.AnalyticsNetworkRateOutputSerializer(NetworkRate.objects.all(), many=True).data
        )

    @extend_schema(
        operation_id="analytics_rates_set",
        summary="Set the estimates' inputs of some networks",
        request=serializers.AnalyticsNetworkRatesInputSerializer,
        responses=serializers.AnalyticsNetworkRateOutputSerializer(many=True),
        tags=TAGS,
    )
    def put(self, request: Request) -> Response:
        data = serializers.AnalyticsNetworkRatesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.network_rates_set(actor=request_user(request), rates=data.validated_data["rates"])
        return Response(
            serializers.AnalyticsNetworkRateOutputSerializer(NetworkRate.objects.all(), many=True).data
        )


class AnalyticsSettingsApi(APIView):
    def get_permissions(self) -> list[Any]:
        return [IsManager()] if self.request.method == "GET" else [IsAdmin()]

    @extend_schema(
        operation_id="analytics_settings_retrieve",
        summary="Works-council mode, currency, weekly report",
        responses=serializers.AnalyticsSettingsOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(serializers.AnalyticsSettingsOutputSerializer(services.analytics_settings_get()).data)

    @extend_schema(
        operation_id="analytics_settings_update",
        summary="Change the analytics settings (administrators)",
        request=serializers.AnalyticsSettingsInputSerializer,
        responses=serializers.AnalyticsSettingsOutputSerializer,
        tags=TAGS,
    )
    def patch(self, request: Request) -> Response:
        data = serializers.AnalyticsSettingsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        instance = services.analytics_settings_update(actor=request_user(request), data=data.validated_data)
        return Response(serializers.AnalyticsSettingsOutputSerializer(instance).data)


class AnalyticsRebuildApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="analytics_rebuild",
        summary="Rebuild the rollups of a day range from the facts (in the background)",
        parameters=[serializers.AnalyticsFilterInputSerializer],
        request=None,
        responses={202: OpenApiResponse(description="Queued")},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        from .tasks import analytics_rollup_range

        filters = _filters(request).filters()
        services.analytics_days_mark_dirty(days=[filters.start, filters.end])
        enqueue_on_commit(
            analytics_rollup_range, start=filters.start.isoformat(), end=filters.end.isoformat()
        )
        return Response(status=status.HTTP_202_ACCEPTED)


def _file_response(content: bytes, name: str, file_format: str) -> HttpResponse:
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if file_format == "xlsx"
        else "text/csv; charset=utf-8"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


class AnalyticsExportApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_export",
        summary="Any dashboard table as CSV or XLSX (the same figures and restrictions as on screen)",
        parameters=[serializers.AnalyticsExportInputSerializer],
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        data = _filters(request, serializers.AnalyticsExportInputSerializer)
        options = data.validated_data
        filters = data.filters()
        content = export_table(
            table=options["table"],
            file_format=options["file_format"],
            filters=filters,
            viewer=request_user(request),
            interval=options["interval"],
            content=options.get("content"),
        )
        name = f"sichtbar-{options['table']}-{filters.start}-{filters.end}"
        return _file_response(content, name, options["file_format"])


# --- the employee's own ----------------------------------------------------------------------


class AnalyticsMyImpactApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="analytics_my_impact",
        summary="My shares, clicks, reach, profile views and contact requests over time",
        parameters=[serializers.AnalyticsFilterInputSerializer],
        responses=serializers.AnalyticsImpactOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        data = selectors.my_impact(user=request_user(request), filters=_filters(request).filters())
        return Response(serializers.AnalyticsImpactOutputSerializer(data).data)


class AnalyticsMyImpactExportApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="analytics_my_impact_export",
        summary="My impact as CSV or XLSX",
        parameters=[serializers.AnalyticsFilterInputSerializer],
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        filters = _filters(request).filters()
        file_format = "xlsx" if request.query_params.get("file_format") == "xlsx" else "csv"
        content = export_table(
            table="my_impact", file_format=file_format, filters=filters, viewer=request_user(request)
        )
        return _file_response(content, f"sichtbar-my-impact-{filters.start}-{filters.end}", file_format)


class AnalyticsPreferenceApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="analytics_preference_retrieve",
        summary="My opt-in to the leaderboard and to managers seeing my figures",
        responses=serializers.AnalyticsPreferenceOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        preference = services.preference_get(user=request_user(request))
        return Response(serializers.AnalyticsPreferenceOutputSerializer(preference).data)

    @extend_schema(
        operation_id="analytics_preference_update",
        summary="Opt in or out",
        request=serializers.AnalyticsPreferenceInputSerializer,
        responses=serializers.AnalyticsPreferenceOutputSerializer,
        tags=TAGS,
    )
    def put(self, request: Request) -> Response:
        data = serializers.AnalyticsPreferenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preference = services.preference_set(
            user=request_user(request), share_figures=data.validated_data["share_figures"]
        )
        return Response(serializers.AnalyticsPreferenceOutputSerializer(preference).data)


class AnalyticsPersonApi(APIView):
    """A manager's view of one employee's figures: only with that person's opt-in in works-council mode."""

    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_person",
        summary="One employee's figures (their opt-in needed in works-council mode)",
        parameters=[serializers.AnalyticsFilterInputSerializer],
        responses=serializers.AnalyticsImpactOutputSerializer,
        tags=TAGS,
    )
    def get(self, request: Request, user_id: int) -> Response:
        person = get_object_or_404(User, pk=user_id)
        if not selectors.person_figures_visible(viewer=request_user(request), user=person):
            raise ApplicationError(
                _("This person has not agreed to show their figures."),
                code=AnalyticsErrorCode.INDIVIDUAL_FIGURES_HIDDEN,
                status_code=403,
            )
        data = selectors.my_impact(user=person, filters=_filters(request).filters())
        return Response(serializers.AnalyticsImpactOutputSerializer(data).data)


class AnalyticsHeadcountApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="analytics_headcount_list",
        summary="Headcount per department: HR's figure where given, and the active accounts",
        responses=serializers.AnalyticsHeadcountOutputSerializer(many=True),
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(
            serializers.AnalyticsHeadcountOutputSerializer(selectors.headcounts(), many=True).data
        )

    @extend_schema(
        operation_id="analytics_headcount_set",
        summary="Set HR's headcount of a department (null: count active accounts)",
        request=serializers.AnalyticsHeadcountInputSerializer,
        responses=serializers.AnalyticsHeadcountOutputSerializer(many=True),
        tags=TAGS,
    )
    def put(self, request: Request) -> Response:
        data = serializers.AnalyticsHeadcountInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.department_headcount_set(
            actor=request_user(request),
            department=data.validated_data.get("department"),
            headcount=data.validated_data.get("headcount"),
        )
        return Response(
            serializers.AnalyticsHeadcountOutputSerializer(selectors.headcounts(), many=True).data
        )
