"""Django admin for accounts (an escape hatch for administrators; the SPA is the main interface)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import ApiToken, Department, Invitation, Location, ScimToken, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "role", "department", "location", "is_active"]
    list_filter = ["role", "is_active", "department", "location"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "language")}),
        ("Organisation", {"fields": ("role", "department", "location")}),
        ("Status", {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2", "role")}),)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name", "city"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "status", "language", "expires_at"]
    list_filter = ["status", "role"]
    exclude = ["token_hash"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["token_key", "name", "user", "created", "expiry", "last_used_at"]
    exclude = ["digest"]


@admin.register(ScimToken)
class ScimTokenAdmin(admin.ModelAdmin):
    """SCIM tokens are managed in the SPA (Administration › Provisioning) or created with `manage.py
    scim_token_create`; here they are only listed and deleted."""

    list_display = ["name", "created_at", "last_used_at"]
    readonly_fields = ["name", "token_hash", "created_by", "last_used_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False
