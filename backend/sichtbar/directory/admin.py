"""Django admin for the directory (an escape hatch for administrators; the SPA is the main interface)."""

from django.contrib import admin

from .models import ContactRequest, ProfileView


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin):
    list_display = ["created_at", "topic", "status", "name", "organisation", "profile", "assigned_to"]
    list_filter = ["status", "topic", "language"]
    search_fields = ["name", "email", "organisation", "profile__slug"]
    date_hierarchy = "created_at"
    raw_id_fields = ["profile", "assigned_to"]
    readonly_fields = [
        "id",
        "created_at",
        "updated_at",
        "consent",
        "consent_version",
        "answered_at",
        "response_seconds",
        "closed_at",
        "assignee_notified_at",
        "acknowledgement_sent_at",
        "reply_sent_at",
    ]


@admin.register(ProfileView)
class ProfileViewAdmin(admin.ModelAdmin):
    list_display = ["day", "profile", "audience", "count"]
    list_filter = ["audience", "day"]
    search_fields = ["profile__slug"]
    raw_id_fields = ["profile"]
