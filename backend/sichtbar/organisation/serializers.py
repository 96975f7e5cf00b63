from django.conf import settings
from rest_framework import serializers


class OrganisationPrivacyOutputSerializer(serializers.Serializer):
    works_council_mode = serializers.BooleanField(help_text="In force now (the choice, else the default).")
    works_council_mode_choice = serializers.BooleanField(
        allow_null=True, help_text="What an administrator chose; null: the environment's default applies."
    )
    works_council_mode_default = serializers.BooleanField(help_text="The environment's WORKS_COUNCIL_MODE.")
    min_group_size = serializers.IntegerField(help_text="ANALYTICS_MIN_GROUP_SIZE: the smallest group shown.")


class OrganisationPrivacyInputSerializer(serializers.Serializer):
    works_council_mode_choice = serializers.BooleanField(
        allow_null=True, help_text="true or false; null goes back to the environment's default."
    )


def privacy_settings_data() -> dict[str, object]:
    from .selectors import organisation_privacy, works_council_mode, works_council_mode_default

    return {
        "works_council_mode": works_council_mode(),
        "works_council_mode_choice": organisation_privacy().works_council_mode,
        "works_council_mode_default": works_council_mode_default(),
        "min_group_size": int(settings.ANALYTICS_MIN_GROUP_SIZE),
    }
