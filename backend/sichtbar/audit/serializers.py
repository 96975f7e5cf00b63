"""Output serializer of the audit log."""

from rest_framework import serializers

from .models import AuditEvent


class AuditEventOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "actor_label",
            "actor_role",
            "action",
            "target_type",
            "target_id",
            "target_label",
            "changes",
            "request_id",
        ]
        read_only_fields = fields
