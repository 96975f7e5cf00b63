"""Django admin for the governance app (operators; managers use the SPA)."""

from django.contrib import admin

from .models import ConfidentialityRule, GuidelineVersion


@admin.register(GuidelineVersion)
class GuidelineVersionAdmin(admin.ModelAdmin):
    list_display = ["version", "title_de", "published_at"]


@admin.register(ConfidentialityRule)
class ConfidentialityRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "value", "action", "is_active"]
    list_filter = ["kind", "action", "is_active"]
