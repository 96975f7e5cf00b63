"""Input and output serializers of the integrations API (unique names: they become schema components)."""

from rest_framework import serializers

from .models import ConnectionStatus, FeedKind, Provider


class ProviderCapabilitiesOutputSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=Provider.choices)
    name = serializers.CharField()
    description = serializers.CharField()
    can_connect = serializers.BooleanField(help_text="An employee can add this connection in this version.")
    sign_in = serializers.BooleanField()
    post_via_api = serializers.BooleanField()
    import_posts = serializers.BooleanField()
    import_metrics = serializers.BooleanField()
    share_intent = serializers.BooleanField()


class ConnectionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provider = serializers.ChoiceField(choices=Provider.choices)
    url = serializers.CharField()
    title = serializers.CharField()
    feed_url = serializers.CharField()
    feed_kind = serializers.ChoiceField(choices=FeedKind.choices, allow_blank=True)
    status = serializers.ChoiceField(choices=ConnectionStatus.choices)
    last_sync_at = serializers.DateTimeField(allow_null=True)
    last_error = serializers.CharField(help_text="Empty when the last sync worked.")
    last_error_code = serializers.CharField(help_text="Empty when the last sync worked.")
    created_at = serializers.DateTimeField()


class ConnectionListOutputSerializer(serializers.Serializer):
    providers = ProviderCapabilitiesOutputSerializer(many=True)
    connections = ConnectionOutputSerializer(many=True)


class ConnectionCreateInputSerializer(serializers.Serializer):
    provider = serializers.ChoiceField(choices=Provider.choices)
    url = serializers.CharField(max_length=500)


class ImportedPostOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    connection_id = serializers.IntegerField()
    provider = serializers.ChoiceField(choices=Provider.choices, source="connection.provider")
    url = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField(help_text="Sanitised HTML.")
    published_at = serializers.DateTimeField(allow_null=True)
    show_on_profile = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class ImportedPostUpdateInputSerializer(serializers.Serializer):
    show_on_profile = serializers.BooleanField()


class LinkedInArchiveUploadInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="The ZIP LinkedIn sends on request (Settings › Get a copy of your data)."
    )


class LinkedInArchiveImportOutputSerializer(serializers.Serializer):
    connection = ConnectionOutputSerializer()
    shares = serializers.IntegerField(help_text="Shares found in Shares.csv.")
    articles = serializers.IntegerField(help_text="Articles found in the archive.")
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
