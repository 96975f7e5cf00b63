"""Django admin view of the outbox (read-only; re-sending goes through the API so it is audited)."""

from django.contrib import admin

from .models import OutboxMail


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "template", "status", "attempts", "sent_at"]
    list_filter = ["status", "template"]
    search_fields = ["to", "subject"]
    readonly_fields = [field.name for field in OutboxMail._meta.fields]
    exclude = ["body_text", "body_html"]
