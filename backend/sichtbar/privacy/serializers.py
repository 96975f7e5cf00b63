"""Input and output serializers of the privacy API."""

from rest_framework import serializers

from .models import ConsentPurpose


class EraseInputSerializer(serializers.Serializer):
    confirm_email = serializers.EmailField(help_text="The account's e-mail address, typed again to confirm.")


class ConsentOutputSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    label = serializers.CharField()  # type: ignore[assignment]  # DRF stubs: Field.label
    granted = serializers.BooleanField()


class ConsentInputSerializer(serializers.Serializer):
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    granted = serializers.BooleanField()


class PrivacyPersonQueryInputSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The person's or visitor's e-mail address.")


class PrivacyPersonOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField()
    is_active = serializers.BooleanField()
    deactivated_at = serializers.DateTimeField(allow_null=True)
    legal_hold = serializers.CharField(allow_null=True, help_text="The hold's reason, or null.")


class PrivacyLookupOutputSerializer(serializers.Serializer):
    person = PrivacyPersonOutputSerializer(allow_null=True)
    contact_requests = serializers.IntegerField(help_text="Contact requests sent from this address.")


class VisitorEraseInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    confirm_email = serializers.EmailField(help_text="The same address, typed again to confirm.")


class VisitorEraseOutputSerializer(serializers.Serializer):
    erased = serializers.IntegerField(help_text="Contact requests deleted.")


class LegalHoldInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, allow_blank=True, help_text="Empty releases the hold.")


class RetentionRuleOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    days = serializers.IntegerField()
    default_days = serializers.IntegerField()
    minimum = serializers.IntegerField()
    customised = serializers.BooleanField()


class RetentionUpdateInputSerializer(serializers.Serializer):
    periods = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=36500, allow_null=True),
        help_text="Days per rule name; null resets a rule to its default.",
    )
