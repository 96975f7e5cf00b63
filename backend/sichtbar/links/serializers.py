"""Input and output serializers of the links API (unique names: they become schema components)."""

from rest_framework import serializers

from .models import DeviceClass


class TrackedLinkOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    short_url = serializers.CharField()
    share_id = serializers.IntegerField(allow_null=True)
    network = serializers.CharField()
    content_id = serializers.IntegerField()
    content_title = serializers.CharField()
    user_id = serializers.IntegerField(allow_null=True)
    user_name = serializers.CharField(help_text="Empty when the person's account was erased.")
    destination = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    clicks = serializers.IntegerField(
        help_text="Counted human clicks (bots and repeats within 30 minutes excluded)."
    )
    unique_visitors = serializers.IntegerField(help_text="Sum of the daily unique visitors.")
    conversions = serializers.IntegerField()


class TrackedLinkListFilterInputSerializer(serializers.Serializer):
    scope = serializers.ChoiceField(
        choices=["mine", "all"],
        default="mine",
        help_text="`all` lists everyone's links (managers and admins, unless works-council mode is on).",
    )


class LinkStatsDayOutputSerializer(serializers.Serializer):
    day = serializers.DateField()
    clicks = serializers.IntegerField()
    unique_visitors = serializers.IntegerField()


class LinkStatsReferrerOutputSerializer(serializers.Serializer):
    host = serializers.CharField(help_text="Empty: no referrer (apps, e-mail, typed in).")
    clicks = serializers.IntegerField()


class LinkStatsDeviceOutputSerializer(serializers.Serializer):
    device_class = serializers.ChoiceField(choices=DeviceClass.choices)
    clicks = serializers.IntegerField()


class LinkStatsConversionKindOutputSerializer(serializers.Serializer):
    kind = serializers.CharField()
    conversions = serializers.IntegerField()


class LinkStatsOutputSerializer(serializers.Serializer):
    link = TrackedLinkOutputSerializer()
    clicks = serializers.IntegerField()
    unique_visitors = serializers.IntegerField()
    conversions = serializers.IntegerField()
    by_day = LinkStatsDayOutputSerializer(many=True, help_text="Last 90 days (UTC), days with clicks only.")
    referrers = LinkStatsReferrerOutputSerializer(many=True, help_text="Top 10 referring domains.")
    devices = LinkStatsDeviceOutputSerializer(many=True)
    conversions_by_kind = LinkStatsConversionKindOutputSerializer(many=True)
    computed_at = serializers.DateTimeField(help_text="When the figures were counted (live).")


class ConversionCreateInputSerializer(serializers.Serializer):
    link = serializers.CharField(
        max_length=16, help_text="The short code of the tracked link (the part after /r/)."
    )
    key = serializers.CharField(
        max_length=200, help_text="Your idempotency key, e.g. the application id: sent twice, counted once."
    )
    kind = serializers.RegexField(r"^[a-z0-9_-]{1,40}$", default="application", max_length=40)
    occurred_at = serializers.DateTimeField(required=False, help_text="Default: now.")
    value = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)


class ConversionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    link = serializers.CharField(source="link.code")
    key = serializers.CharField()
    kind = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    value = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    created = serializers.BooleanField(help_text="False when this key had been recorded before.")
