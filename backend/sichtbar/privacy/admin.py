"""Django admin for consent records (read-only)."""

from django.contrib import admin
from django.http import HttpRequest

from .models import ConsentRecord


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "purpose", "granted", "text_version"]
    list_filter = ["purpose", "granted"]

    def has_change_permission(self, request: HttpRequest, obj: ConsentRecord | None = None) -> bool:
        return False
