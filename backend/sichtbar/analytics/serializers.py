"""Input and output serializers of the analytics API (unique names: they become schema components)."""

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from sichtbar.accounts.models import Department
from sichtbar.api.fields import IdField, IdRelatedField
from sichtbar.content.models import ContentKind
from sichtbar.core.networks import Network

from .models import AnalyticsSettings, Benchmark, Kpi, NetworkRate, TargetScope
from .selectors import BREAKDOWN_DIMENSIONS, AnalyticsFilters

EXPORT_TABLES = [
    "overview",
    "trends",
    "breakdown_department",
    "breakdown_network",
    "breakdown_content",
    "breakdown_topic",
    "top_content",
    "targets",
    "leaderboard",
    "drilldown",
    "benchmarks",
    "my_impact",
]

# --- query parameters -------------------------------------------------------------------------


class AnalyticsFilterInputSerializer(serializers.Serializer):
    start = serializers.DateField(required=False, help_text="First day (default: 29 days before `end`).")
    end = serializers.DateField(required=False, help_text="Last day, inclusive (default: today).")
    department = IdField(required=False)
    network = serializers.ChoiceField(choices=Network.choices, required=False)
    content_kind = serializers.ChoiceField(choices=ContentKind.choices, required=False)
    topic = IdField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        end = attrs.get("end") or timezone.localdate()
        start = attrs.get("start") or end - timedelta(days=29)
        if end < start:
            raise serializers.ValidationError({"end": [_("The end must not be before the start.")]})
        if (end - start).days > 3660:
            raise serializers.ValidationError({"start": [_("The range is at most ten years.")]})
        attrs["start"], attrs["end"] = start, end
        return attrs

    def filters(self) -> AnalyticsFilters:
        data = self.validated_data
        return AnalyticsFilters(
            start=data["start"],
            end=data["end"],
            department=data.get("department"),
            network=data.get("network") or None,
            content_kind=data.get("content_kind") or None,
            topic=data.get("topic"),
        )


class AnalyticsTrendInputSerializer(AnalyticsFilterInputSerializer):
    interval = serializers.ChoiceField(choices=["day", "week", "month"], default="day")


class AnalyticsBreakdownInputSerializer(AnalyticsFilterInputSerializer):
    by = serializers.ChoiceField(choices=BREAKDOWN_DIMENSIONS)


class AnalyticsDrilldownInputSerializer(AnalyticsFilterInputSerializer):
    content = IdField(required=False)


class AnalyticsExportInputSerializer(AnalyticsFilterInputSerializer):
    table = serializers.ChoiceField(choices=EXPORT_TABLES)
    file_format = serializers.ChoiceField(choices=["csv", "xlsx"], default="csv")
    interval = serializers.ChoiceField(choices=["day", "week", "month"], default="day")
    content = IdField(required=False)


# --- outputs ----------------------------------------------------------------------------------


class AnalyticsKpiOutputSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=Kpi.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    unit = serializers.ChoiceField(
        choices=["count", "number", "ratio", "currency", "hours"],
        help_text="count: whole number; number: decimal (clicks per share); ratio: 0–1, shown as a "
        "percentage; currency: in `currency`; hours.",
    )
    estimate = serializers.BooleanField(help_text="An estimate: see `estimates.inputs` for its inputs.")
    value = serializers.FloatField(allow_null=True)
    previous = serializers.FloatField(allow_null=True, help_text="The same KPI in the previous period.")
    change = serializers.FloatField(allow_null=True, help_text="Relative change to the previous period.")
    company = serializers.FloatField(allow_null=True, help_text="The company's figure (department filter).")
    benchmark = serializers.FloatField(allow_null=True)
    benchmark_source = serializers.CharField()


class AnalyticsRateInputOutputSerializer(serializers.Serializer):
    network = serializers.CharField()
    cpc = serializers.DecimalField(max_digits=8, decimal_places=2)
    cpm = serializers.DecimalField(max_digits=8, decimal_places=2)
    view_rate = serializers.DecimalField(max_digits=5, decimal_places=4)
    clicks = serializers.IntegerField()
    reach = serializers.IntegerField()
    impressions = serializers.IntegerField()
    configured = serializers.BooleanField(help_text="False: no rate for this network and currency (0).")


class AnalyticsEstimatesOutputSerializer(serializers.Serializer):
    currency = serializers.CharField()
    impressions = serializers.IntegerField()
    media_value = serializers.DecimalField(max_digits=16, decimal_places=2)
    inputs = AnalyticsRateInputOutputSerializer(many=True)


class AnalyticsFunnelOutputSerializer(serializers.Serializer):
    job_shares = serializers.IntegerField()
    job_clicks = serializers.IntegerField()
    applications = serializers.IntegerField()


class AnalyticsOverviewOutputSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    previous_start = serializers.DateField()
    previous_end = serializers.DateField()
    suppressed = serializers.BooleanField(
        help_text="Works-council mode: the group is smaller than the minimum, no figures are shown."
    )
    works_council_mode = serializers.BooleanField()
    currency = serializers.CharField()
    headcount = serializers.FloatField(allow_null=True, help_text="Average headcount of the period.")
    kpis = AnalyticsKpiOutputSerializer(many=True)
    estimates = AnalyticsEstimatesOutputSerializer(allow_null=True)
    funnel = AnalyticsFunnelOutputSerializer(allow_null=True)
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When these figures were computed (null: never rolled up yet)."
    )


class AnalyticsTrendPointOutputSerializer(serializers.Serializer):
    date = serializers.DateField()
    shares = serializers.IntegerField()
    clicks = serializers.IntegerField()
    reach = serializers.IntegerField()
    conversions = serializers.IntegerField()
    applications = serializers.IntegerField()
    profile_views = serializers.IntegerField()
    search_appearances = serializers.IntegerField()
    contact_requests = serializers.IntegerField()


class AnalyticsTrendsOutputSerializer(serializers.Serializer):
    interval = serializers.ChoiceField(choices=["day", "week", "month"])
    suppressed = serializers.BooleanField()
    metrics = serializers.ListField(child=serializers.CharField())
    points = AnalyticsTrendPointOutputSerializer(many=True)
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When these figures were computed (null: never rolled up yet)."
    )


class AnalyticsBreakdownRowOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    kind = serializers.CharField(required=False, help_text="Content kind (top content only).")
    suppressed = serializers.BooleanField(help_text="Works-council mode: group below the minimum.")
    shares = serializers.IntegerField(allow_null=True)
    clicks = serializers.IntegerField(allow_null=True)
    reach = serializers.IntegerField(allow_null=True)
    conversions = serializers.IntegerField(allow_null=True)
    clicks_per_share = serializers.FloatField(allow_null=True)
    profile_views = serializers.IntegerField(allow_null=True, required=False)
    search_appearances = serializers.IntegerField(allow_null=True, required=False)
    contact_requests = serializers.IntegerField(allow_null=True, required=False)


class AnalyticsBreakdownOutputSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    metrics = serializers.ListField(child=serializers.CharField())
    rows = AnalyticsBreakdownRowOutputSerializer(many=True)
    suppressed_rows = serializers.IntegerField()
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When these figures were computed (null: never rolled up yet)."
    )


class AnalyticsDrilldownItemOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    shared_at = serializers.DateTimeField()
    network = serializers.CharField()
    content_id = serializers.IntegerField()
    content_title = serializers.CharField()
    content_kind = serializers.CharField()
    department = serializers.CharField()
    person = serializers.CharField(
        allow_null=True, help_text="Null when works-council mode hides the name (no opt-in)."
    )
    reach = serializers.IntegerField(allow_null=True)
    clicks = serializers.IntegerField()
    conversions = serializers.IntegerField()


class AnalyticsDrilldownOutputSerializer(serializers.Serializer):
    suppressed = serializers.BooleanField()
    total = serializers.IntegerField(allow_null=True)
    items = AnalyticsDrilldownItemOutputSerializer(many=True)
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When these figures were computed (null: never rolled up yet)."
    )


class AnalyticsLeaderboardRowOutputSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    user_id = serializers.IntegerField()
    name = serializers.CharField()
    department = serializers.CharField()
    shares = serializers.IntegerField()
    clicks = serializers.IntegerField()
    reach = serializers.IntegerField()
    conversions = serializers.IntegerField()


class AnalyticsImpactPointOutputSerializer(serializers.Serializer):
    date = serializers.DateField()
    shares = serializers.IntegerField()
    clicks = serializers.IntegerField()
    reach = serializers.IntegerField()
    conversions = serializers.IntegerField()
    profile_views = serializers.IntegerField()
    search_appearances = serializers.IntegerField()
    contact_requests = serializers.IntegerField()


class AnalyticsImpactTotalsOutputSerializer(serializers.Serializer):
    shares = serializers.IntegerField()
    clicks = serializers.IntegerField()
    reach = serializers.IntegerField()
    conversions = serializers.IntegerField()
    profile_views = serializers.IntegerField()
    search_appearances = serializers.IntegerField()
    contact_requests = serializers.IntegerField()


class AnalyticsImpactOutputSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    totals = AnalyticsImpactTotalsOutputSerializer()
    clicks_per_share = serializers.FloatField(allow_null=True)
    average_response_hours = serializers.FloatField(allow_null=True)
    points = AnalyticsImpactPointOutputSerializer(many=True)
    share_figures = serializers.BooleanField(help_text="Opted in to the leaderboard and managers' view.")
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When these figures were computed (null: never rolled up yet)."
    )


class AnalyticsPreferenceInputSerializer(serializers.Serializer):
    share_figures = serializers.BooleanField()


class AnalyticsPreferenceOutputSerializer(serializers.Serializer):
    share_figures = serializers.BooleanField()
    opted_in_at = serializers.DateTimeField(allow_null=True)


class AnalyticsTargetInputSerializer(serializers.Serializer):
    kpi = serializers.ChoiceField(choices=Kpi.choices)
    scope = serializers.ChoiceField(choices=TargetScope.choices, default=TargetScope.COMPANY)
    department = IdRelatedField(
        queryset=Department.objects.all(), required=False, allow_null=True, default=None
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class AnalyticsTargetUpdateInputSerializer(AnalyticsTargetInputSerializer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in self.fields.values():
            item.required = False
        self.fields["scope"].default = serializers.empty
        self.fields["department"].default = serializers.empty


class AnalyticsTargetOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="target.id")
    kpi = serializers.CharField(source="target.kpi")
    kpi_label = serializers.CharField(source="target.get_kpi_display")
    scope = serializers.CharField(source="target.scope")
    department = serializers.IntegerField(source="target.department_id", allow_null=True)
    department_name = serializers.CharField(source="target.department.name", default="", allow_null=True)
    period_start = serializers.DateField(source="target.period_start")
    period_end = serializers.DateField(source="target.period_end")
    value = serializers.DecimalField(source="target.value", max_digits=14, decimal_places=2)
    current = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    forecast = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, help_text="Linear run-rate to the deadline."
    )
    progress = serializers.FloatField(allow_null=True)
    status = serializers.ChoiceField(
        choices=["not_started", "no_data", "on_track", "at_risk", "achieved", "missed"]
    )
    suppressed = serializers.BooleanField()
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When these figures were computed (null: never rolled up yet)."
    )


class AnalyticsBenchmarkOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Benchmark
        fields = ["id", "kpi", "value", "industry", "source", "period"]


class AnalyticsBenchmarkImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV with the columns kpi, value[, industry, source, period].")


class AnalyticsBenchmarkImportOutputSerializer(serializers.Serializer):
    imported = serializers.IntegerField()


class AnalyticsSettingsInputSerializer(serializers.Serializer):
    works_council_mode = serializers.BooleanField(required=False)
    currency = serializers.RegexField(r"^[A-Z]{3}$", required=False)
    weekly_report = serializers.BooleanField(required=False)


class AnalyticsSettingsOutputSerializer(serializers.ModelSerializer):
    min_group_size = serializers.SerializerMethodField()

    class Meta:
        model = AnalyticsSettings
        fields = ["works_council_mode", "currency", "weekly_report", "min_group_size"]

    def get_min_group_size(self, obj: AnalyticsSettings) -> int:
        from django.conf import settings

        return int(settings.ANALYTICS_MIN_GROUP_SIZE)


class AnalyticsNetworkRateInputSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=Network.choices)
    currency = serializers.RegexField(r"^[A-Z]{3}$")
    cpc = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    cpm = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    view_rate = serializers.DecimalField(max_digits=5, decimal_places=4, min_value=0, max_value=1)


class AnalyticsNetworkRatesInputSerializer(serializers.Serializer):
    rates = AnalyticsNetworkRateInputSerializer(many=True)


class AnalyticsNetworkRateOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = NetworkRate
        fields = ["network", "currency", "cpc", "cpm", "view_rate"]


class AnalyticsOptionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AnalyticsOptionsOutputSerializer(serializers.Serializer):
    departments = AnalyticsOptionOutputSerializer(many=True)
    topics = AnalyticsOptionOutputSerializer(many=True)
    networks = serializers.ListField(child=serializers.CharField())
    content_kinds = serializers.ListField(child=serializers.CharField())
    kpis = serializers.ListField(child=serializers.CharField())


class AnalyticsHeadcountOutputSerializer(serializers.Serializer):
    department = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    headcount = serializers.IntegerField(
        allow_null=True, help_text="HR's figure; null: active accounts count."
    )
    people = serializers.IntegerField(help_text="Active accounts.")


class AnalyticsHeadcountInputSerializer(serializers.Serializer):
    department = IdRelatedField(queryset=Department.objects.all(), allow_null=True)
    headcount = serializers.IntegerField(min_value=0, max_value=10_000_000, allow_null=True)
