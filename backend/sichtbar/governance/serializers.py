"""Input and output serializers of the governance API (names unique project-wide, unchanged by the move)."""

from rest_framework import serializers

from sichtbar.api.fields import CleanCharField

from .models import RuleAction, RuleKind


class GuidelineOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    title_de = serializers.CharField()
    title_en = serializers.CharField()
    text_de = serializers.CharField(help_text="Sanitised HTML.")
    text_en = serializers.CharField(help_text="Sanitised HTML.")
    published_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class GuidelineInputSerializer(serializers.Serializer):
    title_de = CleanCharField(max_length=200)
    title_en = CleanCharField(max_length=200)
    text_de = serializers.CharField(max_length=20000)
    text_en = serializers.CharField(max_length=20000)


class GuidelineUpdateInputSerializer(serializers.Serializer):
    title_de = CleanCharField(max_length=200, required=False)
    title_en = CleanCharField(max_length=200, required=False)
    text_de = serializers.CharField(max_length=20000, required=False)
    text_en = serializers.CharField(max_length=20000, required=False)


class GuidelineCurrentOutputSerializer(serializers.Serializer):
    guideline = GuidelineOutputSerializer(allow_null=True)
    accepted = serializers.BooleanField(help_text="True when there is nothing to accept.")
    accepted_at = serializers.DateTimeField(allow_null=True)


class GuidelineAcceptInputSerializer(serializers.Serializer):
    version_id = serializers.IntegerField()


class ConfidentialityRuleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=RuleKind.choices)
    value = serializers.CharField()
    action = serializers.ChoiceField(choices=RuleAction.choices)
    description = serializers.CharField(allow_blank=True)
    is_active = serializers.BooleanField()
    updated_at = serializers.DateTimeField()


class ConfidentialityRuleInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=200)
    kind = serializers.ChoiceField(choices=RuleKind.choices)
    value = serializers.CharField(max_length=200, trim_whitespace=False)
    action = serializers.ChoiceField(choices=RuleAction.choices)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class ConfidentialityRuleUpdateInputSerializer(ConfidentialityRuleInputSerializer):
    name = CleanCharField(max_length=200, required=False)
    kind = serializers.ChoiceField(choices=RuleKind.choices, required=False)
    value = serializers.CharField(max_length=200, required=False, trim_whitespace=False)
    action = serializers.ChoiceField(choices=RuleAction.choices, required=False)
