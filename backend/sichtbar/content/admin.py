"""Django admin for the content app (operators; managers use the SPA)."""

from django.contrib import admin

from .models import ContentItem, ContentSource


@admin.register(ContentItem)
class ContentItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "language", "published_at", "expires_at"]
    list_filter = ["status", "kind", "language", "important"]
    search_fields = ["title", "slug", "url"]
    raw_id_fields = ["created_by", "reviewer", "suggested_by", "source"]
    filter_horizontal = ["topics", "departments", "locations"]


@admin.register(ContentSource)
class ContentSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "feed_url", "is_active", "last_fetch_at", "last_error"]
