"""Django admin for the analytics settings, estimate inputs, targets and benchmarks."""

from django.contrib import admin

from .models import AnalyticsSettings, Benchmark, NetworkRate, Target


@admin.register(AnalyticsSettings)
class AnalyticsSettingsAdmin(admin.ModelAdmin):
    list_display = ["currency", "weekly_report", "updated_at"]


@admin.register(NetworkRate)
class NetworkRateAdmin(admin.ModelAdmin):
    list_display = ["network", "currency", "cpc", "cpm", "view_rate"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["kpi", "scope", "department", "period_start", "period_end", "value"]
    list_select_related = ["department"]


@admin.register(Benchmark)
class BenchmarkAdmin(admin.ModelAdmin):
    list_display = ["kpi", "value", "industry", "source", "period"]
