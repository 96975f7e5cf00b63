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
    end = serializers.DateField(
        required=False, help_text="Last day, inclusive (default: today in the company's time zone)."
    )
    days = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=3661,
        help_text="Instead of `start` and `end`: the last N days up to today, counted in the company's time "
        "zone (the browser's clock and time zone play no part).",
    )
    month = serializers.ChoiceField(
        choices=["current"],
        required=False,
        help_text="Instead of `start` and `end`: `current` is this calendar month up to today, in the "
        "company's time zone.",
    )
    department = IdField(required=False)
    network = serializers.ChoiceField(choices=Network.choices, required=False)
    content_kind = serializers.ChoiceField(choices=ContentKind.choices, required=False)
    topic = IdField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        days, month = attrs.pop("days", None), attrs.pop("month", None)
        if days and month:
            raise serializers.ValidationError({"month": [_("Give either a number of days or a month.")]})
        if (days or month) and (attrs.get("start") or attrs.get("end")):
            field = "days" if days else "month"
            raise serializers.ValidationError({field: [_("Give either a relative range or start and end.")]})
        today = timezone.localdate()
        if days:
            attrs["start"], attrs["end"] = today - timedelta(days=days - 1), today
        elif month:
            attrs["start"], attrs["end"] = today.replace(day=1), today
        end = attrs.get("end") or today
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


class AnalyticsMyExportInputSerializer(AnalyticsFilterInputSerializer):
    file_format = serializers.ChoiceField(choices=["csv", "xlsx"], default="csv")
    language = serializers.ChoiceField(
        choices=["de", "en"],
        required=False,
        help_text="Language of the headers (the UI's; a download link cannot set Accept-Language). "
        "Default: the request's language.",
    )


class AnalyticsExportInputSerializer(AnalyticsMyExportInputSerializer):
    table = serializers.ChoiceField(choices=EXPORT_TABLES)
    interval = serializers.ChoiceField(choices=["day", "week", "month"], default="day")
    content = IdField(required=False)


REASON_HELP = (
    "Why the figure is withheld in works-council mode (null: shown): min_group (fewer people than the "
    "minimum group), complementary (withheld so that another withheld figure cannot be recovered), "
    "combination (a department with a narrowing, or two narrowings, is no published cell), period (no "
    "closed month yet)."
)
REASONS = ["min_group", "complementary", "combination", "period"]


def _reason_field() -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=REASONS, allow_null=True, help_text=REASON_HELP)


class AnalyticsPublicationOutputSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    snapped = serializers.BooleanField(
        help_text="Works-council mode moved the requested window to whole, closed calendar months."
    )
    unit = serializers.ChoiceField(choices=["day", "month"])


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
    suppressed_reason = _reason_field()
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
    clicks = serializers.IntegerField(allow_null=True)
    reach = serializers.IntegerField(allow_null=True)
    impressions = serializers.IntegerField(allow_null=True)
    configured = serializers.BooleanField(help_text="False: no rate for this network and currency (0).")
    suppressed_reason = _reason_field()


class AnalyticsEstimatesOutputSerializer(serializers.Serializer):
    currency = serializers.CharField()
    impressions = serializers.IntegerField(allow_null=True)
    media_value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    inputs = AnalyticsRateInputOutputSerializer(many=True)


class AnalyticsFunnelOutputSerializer(serializers.Serializer):
    job_shares = serializers.IntegerField(allow_null=True)
    job_clicks = serializers.IntegerField(allow_null=True)
    applications = serializers.IntegerField(allow_null=True)


class AnalyticsOverviewOutputSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    previous_start = serializers.DateField()
    previous_end = serializers.DateField()
    suppressed = serializers.BooleanField(
        help_text="Works-council mode: the group is smaller than the minimum, no figures are shown."
    )
    works_council_mode = serializers.BooleanField()
    min_group_size = serializers.IntegerField()
    publication = AnalyticsPublicationOutputSerializer()
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
    shares = serializers.IntegerField(allow_null=True)
    clicks = serializers.IntegerField(allow_null=True)
    reach = serializers.IntegerField(allow_null=True)
    conversions = serializers.IntegerField(allow_null=True)
    applications = serializers.IntegerField(allow_null=True)
    profile_views = serializers.IntegerField(allow_null=True)
    search_appearances = serializers.IntegerField(allow_null=True)
    contact_requests = serializers.IntegerField(allow_null=True)
    suppressed_reasons = serializers.DictField(
        child=serializers.ChoiceField(choices=REASONS), help_text="Withheld metrics of the point: the reason."
    )


class AnalyticsTrendsOutputSerializer(serializers.Serializer):
    interval = serializers.ChoiceField(choices=["day", "week", "month"])
    suppressed = serializers.BooleanField()
    min_group_size = serializers.IntegerField()
    publication = AnalyticsPublicationOutputSerializer()
    metrics = serializers.ListField(child=serializers.CharField())
    points = AnalyticsTrendPointOutputSerializer(many=True)
    computed_at = serializers.DateTimeField(
        allow_null=True, help_text="When these figures were computed (null: never rolled up yet)."
    )


class AnalyticsBreakdownRowOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label
    kind = serializers.CharField(required=False, help_text="Content kind (top content only).")
    suppressed = serializers.BooleanField(help_text="Works-council mode: some figures of the row withheld.")
    suppressed_reason = _reason_field()
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
    min_group_size = serializers.IntegerField()
    publication = AnalyticsPublicationOutputSerializer()
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
    person = serializers.CharField(allow_null=True)
    reach = serializers.IntegerField(allow_null=True)
    clicks = serializers.IntegerField()
    conversions = serializers.IntegerField()


class AnalyticsDrilldownOutputSerializer(serializers.Serializer):
    suppressed = serializers.BooleanField()
    total = serializers.IntegerField(allow_null=True, help_text="Null in works-council mode.")
    only_opted_in = serializers.BooleanField(
        help_text="Works-council mode: only the viewer's own shares and those of people who opted in."
    )
    min_group_size = serializers.IntegerField()
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
    suppressed_reason = _reason_field()
    measured_start = serializers.DateField(help_text="Works-council mode: whole closed months only.")
    measured_end = serializers.DateField(allow_null=True)
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
    works_council_mode = serializers.SerializerMethodField(
        help_text="In force now; the organisation's privacy setting (organisation/privacy/)."
    )
    min_group_size = serializers.SerializerMethodField()

    def get_works_council_mode(self, obj: AnalyticsSettings) -> bool:
        from sichtbar.organisation.selectors import works_council_mode

        return works_council_mode()

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
