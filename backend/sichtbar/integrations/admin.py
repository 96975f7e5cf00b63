from django.contrib import admin

from .models import Connection, ImportedPost


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    list_display = ["user", "provider", "url", "feed_kind", "status", "last_sync_at"]
    list_filter = ["provider", "status", "feed_kind"]
    search_fields = ["url", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = [
        "etag",
        "last_modified",
        "content_hash",
        "last_sync_at",
        "last_error",
        "last_error_code",
    ]


@admin.register(ImportedPost)
class ImportedPostAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "published_at", "show_on_profile"]
    list_filter = ["show_on_profile"]
    search_fields = ["title", "url", "author__email"]
    raw_id_fields = ["connection", "author"]
