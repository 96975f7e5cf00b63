"""Input and output serializers of the monitoring API (unique names: they become schema components)."""

from rest_framework import serializers

from sichtbar.api.fields import CleanCharField, IdField

from .models import FetchStatus, Mention, MentionSource, MonitoredTermKind, MonitoringFeedKind


class MonitoringFeedOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField()
    kind = serializers.ChoiceField(choices=MonitoringFeedKind.choices)
    active = serializers.BooleanField()
    last_fetch_at = serializers.DateTimeField(allow_null=True)
    last_success_at = serializers.DateTimeField(allow_null=True)
    last_fetch_status = serializers.ChoiceField(choices=FetchStatus.choices)
    last_error = serializers.CharField(help_text="Empty when the last fetch worked.")
    last_error_code = serializers.CharField(help_text="Empty when the last fetch worked.")
    mention_count = serializers.IntegerField(default=0)
    created_at = serializers.DateTimeField()


class MonitoringFeedCreateInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=200)
    url = serializers.CharField(max_length=1000)
    kind = serializers.ChoiceField(choices=MonitoringFeedKind.choices, default=MonitoringFeedKind.NEWS)
    active = serializers.BooleanField(default=True)


class MonitoringFeedUpdateInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=200, required=False)
    url = serializers.CharField(max_length=1000, required=False)
    kind = serializers.ChoiceField(choices=MonitoringFeedKind.choices, required=False)
    active = serializers.BooleanField(required=False)


class MonitoredTermOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=MonitoredTermKind.choices)
    case_sensitive = serializers.BooleanField()
    whole_word = serializers.BooleanField()
    exclude_words = serializers.ListField(child=serializers.CharField())
    active = serializers.BooleanField()
    mention_count = serializers.IntegerField(default=0)
    created_at = serializers.DateTimeField()


class MonitoredTermCreateInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=MonitoredTermKind.choices, default=MonitoredTermKind.COMPANY)
    case_sensitive = serializers.BooleanField(default=False)
    whole_word = serializers.BooleanField(default=True)
    exclude_words = serializers.ListField(
        child=serializers.CharField(max_length=100), default=list, max_length=20
    )
    active = serializers.BooleanField(default=True)


class MonitoredTermUpdateInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200, required=False)
    kind = serializers.ChoiceField(choices=MonitoredTermKind.choices, required=False)
    case_sensitive = serializers.BooleanField(required=False)
    whole_word = serializers.BooleanField(required=False)
    exclude_words = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, max_length=20
    )
    active = serializers.BooleanField(required=False)


class MentionFilterInputSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=MentionSource.choices, required=False)  # type: ignore[assignment]
    feed = IdField(required=False)
    person = IdField(required=False, help_text="A user id.")
    term = IdField(required=False)
    date_from = serializers.DateField(required=False, help_text="Published on or after this day.")
    date_to = serializers.DateField(required=False, help_text="Published on or before this day.")
    search = serializers.CharField(required=False, max_length=200, allow_blank=True)


class MentionFeedOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=MonitoringFeedKind.choices)


class MentionPersonOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")


class MentionTermOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=MonitoredTermKind.choices)


class MentionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = serializers.ChoiceField(choices=MentionSource.choices)  # type: ignore[assignment]
    feed = MentionFeedOutputSerializer(allow_null=True)
    network = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    url = serializers.CharField()
    title = serializers.CharField()
    excerpt = serializers.CharField(help_text="Escaped text; only <mark> elements around the matches.")
    published_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    terms = MentionTermOutputSerializer(many=True)
    experts = MentionPersonOutputSerializer(many=True)

    def get_network(self, mention: Mention) -> str:
        """The network of an imported post (blog, mastodon, …); empty for feed mentions."""
        return mention.post.connection.provider if mention.post is not None else ""

    def get_author(self, mention: Mention) -> str:
        """Who wrote the imported post; empty for feed mentions."""
        return mention.post.author.full_name if mention.post is not None else ""


class MentionSummaryPersonOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class MentionSummaryTermOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=MonitoredTermKind.choices)
    count = serializers.IntegerField()


class MentionSourceCountsOutputSerializer(serializers.Serializer):
    feed = serializers.IntegerField()
    network = serializers.IntegerField()


class MentionSummaryOutputSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Mentions matching every filter except the source.")
    sources = MentionSourceCountsOutputSerializer()
    people = MentionSummaryPersonOutputSerializer(many=True)
    terms = MentionSummaryTermOutputSerializer(many=True)
