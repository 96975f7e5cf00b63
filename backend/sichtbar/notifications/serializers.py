"""Input and output serializers of the notifications API (names unique project-wide)."""

from rest_framework import serializers

from sichtbar.api.fields import IdField

from .models import DigestFrequency


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    read_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class NotificationUnreadOutputSerializer(serializers.Serializer):
    unread = serializers.IntegerField()


class NotificationReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=IdField(), required=False, max_length=500, help_text="Omit to mark all read."
    )


class NotificationPreferenceOutputSerializer(serializers.Serializer):
    digest = serializers.ChoiceField(choices=DigestFrequency.choices)


class NotificationPreferenceInputSerializer(serializers.Serializer):
    digest = serializers.ChoiceField(choices=DigestFrequency.choices)
