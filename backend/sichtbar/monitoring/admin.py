"""Django admin for monitoring: read-mostly views for operators."""

from django.contrib import admin

from .models import Mention, MonitoredTerm, MonitoringFeed


@admin.register(MonitoringFeed)
class MonitoringFeedAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "kind", "active", "last_fetch_status", "last_fetch_at"]
    list_filter = ["kind", "active", "last_fetch_status"]
    search_fields = ["name", "url"]


@admin.register(MonitoredTerm)
class MonitoredTermAdmin(admin.ModelAdmin):
    list_display = ["text", "kind", "case_sensitive", "whole_word", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["text"]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "created_at"]
    list_filter = ["source"]
    search_fields = ["title", "url"]
    raw_id_fields = ["feed", "post", "experts", "terms"]
