"""Input and output serializers of the content API (unique names: they become schema components)."""

from rest_framework import serializers

from sichtbar.accounts.models import Language
from sichtbar.api.fields import CleanCharField, IdField
from sichtbar.core.networks import Network
from sichtbar.governance.models import RuleAction

from .models import ContentItem, ContentKind, ContentStatus
from .services import TRANSITIONS

LANGUAGES = Language.choices


class ContentTopicOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name_de = serializers.CharField()
    name_en = serializers.CharField()


class ContentNamedOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ContentPersonOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class ShareTextOutputSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=Network.choices)
    text = serializers.CharField()


class RuleMatchOutputSerializer(serializers.Serializer):
    rule_id = serializers.IntegerField()
    name = serializers.CharField()
    action = serializers.ChoiceField(choices=RuleAction.choices)
    matched_text = serializers.CharField(allow_blank=True)
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    description = serializers.CharField(allow_blank=True)


class ContentItemOutputSerializer(serializers.Serializer):
    """An item as managers see it in the content hub."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    kind = serializers.ChoiceField(choices=ContentKind.choices)
    title = serializers.CharField()
    summary = serializers.CharField(help_text="Sanitised HTML.")
    url = serializers.CharField()
    image_url = serializers.SerializerMethodField()
    language = serializers.CharField()
    translation_group = serializers.UUIDField()
    topics = ContentTopicOutputSerializer(many=True, source="topics.all")
    departments = ContentNamedOutputSerializer(many=True, source="departments.all")
    locations = ContentNamedOutputSerializer(many=True, source="locations.all")
    share_texts = ShareTextOutputSerializer(many=True, source="share_texts.all")
    status = serializers.ChoiceField(choices=ContentStatus.choices)
    important = serializers.BooleanField()
    starts_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    reviewer = ContentPersonOutputSerializer(allow_null=True)
    created_by = ContentPersonOutputSerializer(allow_null=True)
    suggested_by = ContentPersonOutputSerializer(allow_null=True)
    suggestion_note = serializers.CharField(allow_blank=True)
    source_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_image_url(self, obj: ContentItem) -> str:
        return obj.image.url if obj.image else ""


class ContentTranslationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    language = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ContentStatus.choices)


class ContentItemDetailOutputSerializer(ContentItemOutputSerializer):
    translations = ContentTranslationOutputSerializer(many=True, help_text="The other language versions.")


class ContentItemSavedOutputSerializer(serializers.Serializer):
    item = ContentItemOutputSerializer()
    warnings = RuleMatchOutputSerializer(many=True)


class ContentAvailableOutputSerializer(serializers.Serializer):
    """An item as employees see it: live and in their audience."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    kind = serializers.ChoiceField(choices=ContentKind.choices)
    title = serializers.CharField()
    summary = serializers.CharField(help_text="Sanitised HTML.")
    url = serializers.CharField()
    image_url = serializers.SerializerMethodField()
    language = serializers.CharField()
    topics = ContentTopicOutputSerializer(many=True, source="topics.all")
    share_texts = ShareTextOutputSerializer(many=True, source="share_texts.all")
    important = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)

    def get_image_url(self, obj: ContentItem) -> str:
        return obj.image.url if obj.image else ""


class ContentItemInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ContentKind.choices, required=False)
    title = CleanCharField(max_length=300)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    url = serializers.CharField(max_length=1000)
    slug = serializers.SlugField(max_length=140, required=False, allow_blank=True)
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)
    translation_of = serializers.IntegerField(required=False, allow_null=True)
    topics = serializers.ListField(child=IdField(), required=False, max_length=20)
    departments = serializers.ListField(child=IdField(), required=False, max_length=50)
    locations = serializers.ListField(child=IdField(), required=False, max_length=50)
    share_texts = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=70000, trim_whitespace=False),
        required=False,
        help_text="Network → text; an empty text removes it.",
    )
    important = serializers.BooleanField(required=False)
    starts_at = serializers.DateTimeField(required=False, allow_null=True)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class ContentItemUpdateInputSerializer(ContentItemInputSerializer):
    title = CleanCharField(max_length=300, required=False)
    url = serializers.CharField(max_length=1000, required=False)


class ContentImageInputSerializer(serializers.Serializer):
    image = serializers.FileField()


class ContentTransitionInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[(name, name) for name in TRANSITIONS])
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    reviewer = serializers.IntegerField(required=False, allow_null=True)


class ContentReviewerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.EmailField()
    role = serializers.CharField()


class ContentSettingsOutputSerializer(serializers.Serializer):
    allow_self_approval = serializers.BooleanField(
        help_text="Off (default): the four-eyes rule, nobody approves an item they wrote."
    )
    updated_at = serializers.DateTimeField()


class ContentSettingsInputSerializer(serializers.Serializer):
    allow_self_approval = serializers.BooleanField(required=False)


class ContentCommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=4000)


class ContentCommentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = ContentPersonOutputSerializer(allow_null=True)
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class ContentHistoryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    actor_label = serializers.CharField()
    changes = serializers.JSONField()
    created_at = serializers.DateTimeField()


class ContentSuggestionInputSerializer(serializers.Serializer):
    url = serializers.CharField(max_length=1000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ContentSuggestionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    title = serializers.CharField()
    suggestion_note = serializers.CharField()
    status = serializers.ChoiceField(choices=ContentStatus.choices)
    created_at = serializers.DateTimeField()


class ContentSourceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    feed_url = serializers.CharField()
    language = serializers.CharField()
    kind = serializers.ChoiceField(choices=ContentKind.choices)
    is_active = serializers.BooleanField()
    last_fetch_at = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField(allow_blank=True)
    last_error_code = serializers.CharField(allow_blank=True)


class ContentSourceInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=200)
    feed_url = serializers.CharField(max_length=1000)
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)
    kind = serializers.ChoiceField(choices=ContentKind.choices, required=False)
    is_active = serializers.BooleanField(required=False)


class ContentSourceUpdateInputSerializer(ContentSourceInputSerializer):
    name = CleanCharField(max_length=200, required=False)
    feed_url = serializers.CharField(max_length=1000, required=False)


class ConfidentialityCheckInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=70000, allow_blank=True, trim_whitespace=False)
    network = serializers.ChoiceField(choices=Network.choices, required=False)


class ConfidentialityCheckOutputSerializer(serializers.Serializer):
    blocked = serializers.BooleanField()
    matches = RuleMatchOutputSerializer(many=True)
    length = serializers.IntegerField()
    limit = serializers.IntegerField(
        allow_null=True, help_text="The network's limit, when a network was given."
    )


class NetworkLimitOutputSerializer(serializers.Serializer):
    network = serializers.ChoiceField(choices=Network.choices)
    limit = serializers.IntegerField()
