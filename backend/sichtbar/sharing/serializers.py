"""Input and output serializers of the sharing API (unique names: they become schema components)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sichtbar.core.networks import Network
from sichtbar.core.richtext import MAX_PLAIN_TEXT_LENGTH as MAX_TEXT_LENGTH
from sichtbar.governance.models import RuleAction
from sichtbar.links.selectors import short_url

from .models import Share, ShareMethod, ShareStatus


class ShareCreateInputSerializer(serializers.Serializer):
    content = serializers.IntegerField(help_text="The content item's id.")
    network = serializers.ChoiceField(choices=Network.choices)
    text = serializers.CharField(max_length=MAX_TEXT_LENGTH, allow_blank=True, trim_whitespace=False)
    scheduled_for = serializers.DateTimeField(
        required=False, allow_null=True, help_text="Post later (only through a connected account)."
    )
    acknowledge_warnings = serializers.BooleanField(
        default=False, help_text="Confirm the confidentiality warnings the text triggers."
    )


class ShareTextCheckInputSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=Network.choices)
    text = serializers.CharField(max_length=MAX_TEXT_LENGTH, allow_blank=True, trim_whitespace=False)


class ShareRuleHitOutputSerializer(serializers.Serializer):
    rule = serializers.IntegerField()
    name = serializers.CharField()
    action = serializers.ChoiceField(choices=RuleAction.choices)
    matched_text = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)


class ShareTextCheckOutputSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True, help_text="The text as it will be posted (plain text).")
    length = serializers.IntegerField()
    limit = serializers.IntegerField(help_text="Characters available (the tracked link is added).")
    blocks = ShareRuleHitOutputSerializer(many=True)
    warnings = ShareRuleHitOutputSerializer(many=True)


class ShareContentRefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()


class ShareOutputSerializer(serializers.ModelSerializer):
    content = ShareContentRefOutputSerializer()
    short_url = serializers.SerializerMethodField(help_text="The tracked link that was posted.")
    link_id = serializers.SerializerMethodField(
        help_text="Its id, for the link's statistics (/api/v1/links/{id}/stats/); null without a link."
    )
    network = serializers.ChoiceField(choices=Network.choices)
    method = serializers.ChoiceField(choices=ShareMethod.choices)
    status = serializers.ChoiceField(choices=ShareStatus.choices)

    class Meta:
        model = Share
        fields = [
            "id",
            "content",
            "network",
            "method",
            "status",
            "text",
            "scheduled_for",
            "shared_at",
            "created_at",
            "external_url",
            "error",
            "error_code",
            "attempts",
            "short_url",
            "link_id",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_short_url(self, obj: Share) -> str:
        link = getattr(obj, "link", None)
        return short_url(link=link) if link is not None else ""

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_link_id(self, obj: Share) -> int | None:
        link = getattr(obj, "link", None)
        return link.pk if link is not None else None


class ShareCreatedOutputSerializer(serializers.Serializer):
    share = ShareOutputSerializer()
    link_url = serializers.CharField(help_text="The tracked short link of this share.")
    intent_url = serializers.CharField(
        allow_blank=True, help_text="Share intent: open this page (empty when posted through the API)."
    )
    copy_text = serializers.CharField(
        allow_blank=True, help_text="Share intent: the text with the link to copy."
    )
    warnings = ShareRuleHitOutputSerializer(
        many=True, help_text="Confidentiality warnings that were confirmed."
    )


class ShareNetworkOptionOutputSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=Network.choices)
    display_name = serializers.CharField()
    limit = serializers.IntegerField()
    suggested_text = serializers.CharField(allow_blank=True)
    method = serializers.ChoiceField(choices=ShareMethod.choices)
    connected = serializers.BooleanField()


class ShareComposeOutputSerializer(serializers.Serializer):
    content = ShareContentRefOutputSerializer()
    image_url = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True, help_text="Sanitised HTML.")
    guideline_accepted = serializers.BooleanField()
    networks = ShareNetworkOptionOutputSerializer(many=True)


def hits_data(hits: list[Any]) -> list[dict[str, Any]]:
    return [hit.__dict__ for hit in hits]
