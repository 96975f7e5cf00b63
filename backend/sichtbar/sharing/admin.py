from django.contrib import admin

from .models import Share


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    list_display = ["user", "content", "network", "method", "status", "shared_at", "created_at"]
    list_filter = ["network", "method", "status"]
    raw_id_fields = ["user", "content"]
    readonly_fields = ["external_id", "external_url", "error", "error_code", "attempts"]
