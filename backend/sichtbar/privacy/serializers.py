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
