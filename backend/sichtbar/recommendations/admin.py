from django.contrib import admin

from .models import Dismissal


@admin.register(Dismissal)
class DismissalAdmin(admin.ModelAdmin):
    list_display = ["user", "content", "reason", "topic", "created_at"]
    list_filter = ["reason"]
    raw_id_fields = ["user", "content", "topic"]
