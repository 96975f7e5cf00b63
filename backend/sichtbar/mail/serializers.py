"""Output serializer of the mail outbox. Bodies are never shown: they hold sign-in links and messages."""

from rest_framework import serializers

from .models import OutboxMail


class OutboxMailOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutboxMail
        fields = [
            "id",
            "created_at",
            "to",
            "subject",
            "template",
            "language",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
            "sent_at",
        ]
        read_only_fields = fields
