"""Input and output serializers of the directory API (unique names: they become schema components)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sichtbar.api.fields import CleanCharField
from sichtbar.profiles.serializers import ExpertDetailOutputSerializer

from .models import ContactRequest, ContactStatus, ContactTopic

MAX_MESSAGE_LENGTH = 5000
MAX_REPLY_LENGTH = 10000


class DirectoryExpertDetailOutputSerializer(ExpertDetailOutputSerializer):
    """ExpertDetail plus whether visitors may send this expert a contact request."""

    contactable = serializers.BooleanField()


class ContactRequestCreateInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=120)
    email = serializers.EmailField(max_length=254)
    organisation = CleanCharField(max_length=160, required=False, allow_blank=True, default="")
    topic = serializers.ChoiceField(choices=ContactTopic.choices)
    message = serializers.CharField(max_length=MAX_MESSAGE_LENGTH)
    consent = serializers.BooleanField(
        help_text="Must be true: the visitor agrees to the processing of the data for this request."
    )
    website = serializers.CharField(
        max_length=500,
        required=False,
        allow_blank=True,
        default="",
        help_text="Leave empty. A field hidden from people; bots that fill it are ignored.",
    )

    def validate_consent(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(
                _("Please agree to the processing of your data so that we can pass on your request.")
            )
        return value


class ContactRequestCreatedOutputSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=ContactStatus.choices)


class ContactExpertRefSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


def _expert_ref(profile: Any) -> dict[str, str] | None:
    if profile is None:
        return None
    return {"slug": profile.slug, "name": profile.user.full_name}


class ContactRequestOutputSerializer(serializers.ModelSerializer):
    expert = serializers.SerializerMethodField(help_text="The expert the visitor wrote to.")
    assigned_to = serializers.SerializerMethodField(
        help_text="The expert whose inbox holds the request (differs from `expert` after a triage move)."
    )

    class Meta:
        model = ContactRequest
        fields = [
            "id",
            "name",
            "email",
            "organisation",
            "topic",
            "message",
            "language",
            "status",
            "reply",
            "created_at",
            "answered_at",
            "closed_at",
            "response_seconds",
            "expert",
            "assigned_to",
        ]
        read_only_fields = fields

    @extend_schema_field(ContactExpertRefSerializer)
    def get_expert(self, obj: ContactRequest) -> dict[str, str]:
        ref = _expert_ref(obj.profile)
        assert ref is not None
        return ref

    @extend_schema_field(ContactExpertRefSerializer(allow_null=True))
    def get_assigned_to(self, obj: ContactRequest) -> dict[str, str] | None:
        return _expert_ref(obj.assigned_to)


class ContactRequestAnswerInputSerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=MAX_REPLY_LENGTH)


class ContactRequestAssignInputSerializer(serializers.Serializer):
    expert = serializers.SlugField(max_length=120, help_text="The address (slug) of the expert's profile.")
