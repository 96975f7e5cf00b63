"""Input and output serializers of the integrations API (unique names: they become schema components)."""

from rest_framework import serializers

from sichtbar.api.fields import IdField

from .models import Connection, ConnectionStatus, FeedKind, HistoryStatus, Provider


class ProviderCapabilitiesOutputSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=Provider.choices)
    name = serializers.CharField()
    description = serializers.CharField()
    can_connect = serializers.BooleanField(help_text="An employee can add this connection in this version.")
    configured = serializers.BooleanField(
        help_text="Set up on this installation. Employees are offered configured networks only (and those "
        "they are still connected to); admins see every network."
    )
    missing_settings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Admins only: the environment variables that would set this network up; empty otherwise.",
    )
    sign_in = serializers.BooleanField()
    post_via_api = serializers.BooleanField()
    import_posts = serializers.BooleanField()
    import_metrics = serializers.BooleanField()
    share_intent = serializers.BooleanField()
    share_intent_template = serializers.CharField(
        help_text="The network's share page with {url}, {text} and {instance} placeholders; empty if none."
    )


class ConnectionSuggestionsOutputSerializer(serializers.Serializer):
    """What the network told about the person, offered for their profile (LinkedIn userinfo)."""

    name = serializers.CharField(required=False)
    given_name = serializers.CharField(required=False)
    family_name = serializers.CharField(required=False)
    picture = serializers.CharField(required=False)
    profile_url = serializers.CharField(required=False)


class ConnectionHistoryOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=HistoryStatus.choices, source="history_status", help_text="Empty: no history import (yet)."
    )
    imported = serializers.IntegerField(source="history_imported", help_text="Posts of the history imported.")
    total = serializers.IntegerField(
        source="history_total",
        allow_null=True,
        help_text="Posts to import, where the blog says (WordPress) or once done; null while unknown.",
    )


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
    instance_url = serializers.CharField(help_text="Mastodon: the instance.")
    external_account_id = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True, help_text="When the network's access ends.")
    scopes = serializers.CharField()
    followers = serializers.IntegerField(allow_null=True)
    needs_reconsent = serializers.SerializerMethodField(
        help_text="The network refused access or it ends soon: the person should reconnect."
    )
    can_post = serializers.SerializerMethodField(help_text="Shares can be posted through the network's API.")
    suggestions = ConnectionSuggestionsOutputSerializer()
    history = ConnectionHistoryOutputSerializer(
        source="*", help_text="Blogs: the import of the published history."
    )

    def get_needs_reconsent(self, connection: Connection) -> bool:
        from .oauth import needs_reconsent

        return needs_reconsent(connection)

    def get_can_post(self, connection: Connection) -> bool:
        from .oauth import can_post

        return can_post(connection)


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
    likes = serializers.IntegerField(allow_null=True, help_text="Where the network reports metrics.")
    reposts = serializers.IntegerField(allow_null=True)
    replies = serializers.IntegerField(allow_null=True)


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


class OAuthStartInputSerializer(serializers.Serializer):
    provider = serializers.ChoiceField(choices=[Provider.LINKEDIN, Provider.MASTODON])
    instance = serializers.CharField(
        max_length=500,
        # No default: generated clients would then make it a required field and send "" for LinkedIn.
        required=False,
        allow_blank=True,
        help_text="Mastodon: the instance, e.g. mastodon.social (required for a new Mastodon connection; "
        "a reconnect uses the connection's own). Ignored for LinkedIn; empty or absent is fine.",
    )
    connection_id = IdField(
        required=False, allow_null=True, default=None, help_text="Reconnect this connection (re-consent)."
    )


class OAuthStartOutputSerializer(serializers.Serializer):
    authorize_url = serializers.CharField(help_text="Send the browser here; the network redirects back.")


class OAuthCallbackInputSerializer(serializers.Serializer):
    provider = serializers.ChoiceField(choices=[Provider.LINKEDIN, Provider.MASTODON])
    code = serializers.CharField(max_length=2000)
    state = serializers.CharField(max_length=200)


class ConnectionSuggestionsApplyInputSerializer(serializers.Serializer):
    apply = serializers.ListField(
        child=serializers.ChoiceField(choices=["name", "picture", "profile_url"]), min_length=1, max_length=3
    )
