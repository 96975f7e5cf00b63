"""Input and output serializers of the feed API (unique names: they become schema components)."""

from typing import Any

from rest_framework import serializers

from sichtbar.api.fields import IdField

from .models import DismissReason


class FeedReasonParamsOutputSerializer(serializers.Serializer):
    skill = serializers.CharField(required=False, help_text="The employee's own skill behind the match.")
    topic = serializers.CharField(required=False)
    department = serializers.CharField(required=False)
    count = serializers.IntegerField(required=False)


class FeedReasonOutputSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=[
            "skill",
            "interest",
            "related_skill",
            "shared_topic",
            "department_popular",
            "popular",
            "audience",
            "new",
            "important",
        ],
        help_text="Translated by the client; `params` fill the sentence.",
    )
    params = FeedReasonParamsOutputSerializer()


class FeedTopicOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class FeedTranslationOutputSerializer(serializers.Serializer):
    """Another language version of the same item (the card switches to it; sharing it shares that one)."""

    id = serializers.IntegerField()
    language = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(help_text="Sanitised HTML.")
    url = serializers.URLField()


class FeedItemOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(help_text="Sanitised HTML.")
    url = serializers.URLField()
    image_url = serializers.CharField(allow_blank=True)
    language = serializers.CharField()
    important = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField(allow_null=True)
    topics = FeedTopicOutputSerializer(many=True)
    score = serializers.FloatField()
    reasons = FeedReasonOutputSerializer(many=True)
    translations = FeedTranslationOutputSerializer(
        many=True,
        help_text="The item's other language versions; the item itself is the version in the reader's "
        "language where there is one. One entry per item, whatever the number of versions.",
    )


class FeedPageOutputSerializer(serializers.Serializer):
    results = FeedItemOutputSerializer(many=True)
    has_more = serializers.BooleanField()


class FeedQueryInputSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=50, default=20)
    offset = serializers.IntegerField(min_value=0, max_value=500, default=0)


class FeedDismissInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=DismissReason.choices, default=DismissReason.ITEM)
    topic = IdField(
        required=False, allow_null=True, help_text='With reason "topic": which of the item\'s topics.'
    )


class FeedDismissalOutputSerializer(serializers.Serializer):
    content = serializers.IntegerField(source="content_id")
    reason = serializers.ChoiceField(choices=DismissReason.choices)
    topic = serializers.IntegerField(source="topic_id", allow_null=True)
    created_at = serializers.DateTimeField()


_DATETIME = serializers.DateTimeField()


def feed_item_data(entry: Any, *, language: str) -> dict[str, Any]:
    """One item as `FeedItemOutputSerializer` renders it, built directly (the API returns it as built,
    which saves re-serialising every page; `test_feed_body_matches_the_output_serializer` checks it)."""
    item = entry.item
    return {
        "id": item.pk,
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "url": item.url,
        "image_url": item.image.url if item.image else "",
        "language": item.language,
        "important": item.important,
        "published_at": _DATETIME.to_representation(item.published_at) if item.published_at else None,
        "expires_at": _DATETIME.to_representation(item.expires_at) if item.expires_at else None,
        "topics": [{"id": t.pk, "slug": t.slug, "name": t.name(language)} for t in item.topics.all()],
        "score": entry.score,
        "reasons": [{"code": r.code, "params": r.params} for r in entry.reasons],
        "translations": [
            {"id": v.pk, "language": v.language, "title": v.title, "summary": v.summary, "url": v.url}
            for v in entry.translations
        ],
    }
