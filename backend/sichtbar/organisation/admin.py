from django.contrib import admin

from .models import OrganisationPrivacy


@admin.register(OrganisationPrivacy)
class OrganisationPrivacyAdmin(admin.ModelAdmin):
    list_display = ["works_council_mode", "updated_at"]
