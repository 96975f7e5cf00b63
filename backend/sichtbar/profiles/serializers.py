"""Input and output serializers of the profiles API (unique names: they become schema components)."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sichtbar.api.fields import CleanCharField, IdField, IdRelatedField
from sichtbar.api.requests import request_language

from .models import LanguageLevel, LinkKind, Skill, SkillStatus, SuggestionStatus, Visibility


class SkillRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class ProfileSkillOutputSerializer(serializers.Serializer):
    skill = SkillRefSerializer()
    level = serializers.IntegerField(min_value=1, max_value=5)
    interest = serializers.BooleanField()
    ask_me_about = serializers.BooleanField()
    can_mentor = serializers.BooleanField()


class ProfileLanguageSerializer(serializers.Serializer):
    code = serializers.RegexField(r"^[a-z]{2,3}$")
    level = serializers.ChoiceField(choices=LanguageLevel.choices)


class ProfileLinkSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LinkKind.choices)
    url = serializers.URLField(max_length=500)


class AvailabilityOutputSerializer(serializers.Serializer):
    press = serializers.BooleanField()
    talks = serializers.BooleanField()
    customers = serializers.BooleanField()
    mentoring = serializers.BooleanField()
    topics = SkillRefSerializer(many=True)
    until = serializers.DateField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class DepartmentBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class LocationBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    city = serializers.CharField()


class ExpertCardOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    headline = serializers.CharField(allow_blank=True)
    photo_url = serializers.CharField(allow_null=True)
    department = DepartmentBriefSerializer(allow_null=True)
    location = LocationBriefSerializer(allow_null=True)
    skills = ProfileSkillOutputSerializer(many=True)
    availability = AvailabilityOutputSerializer(allow_null=True)
    highlights = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    score = serializers.FloatField(allow_null=True)
    match = serializers.ChoiceField(
        choices=["text", "similar_topic"],
        required=False,
        help_text="Why a search hit is there: its text matches the query, or only its topic is similar "
        "(semantic retrieval; no highlights then).",
    )


class ProfilePostOutputSerializer(serializers.Serializer):
    title = serializers.CharField(help_text="Empty for posts without a title (Mastodon, LinkedIn shares).")
    url = serializers.URLField()
    published_at = serializers.DateTimeField(allow_null=True)
    network = serializers.ChoiceField(
        choices=["blog", "linkedin", "xing", "mastodon", "linkedin_archive"],
        help_text="Where the post was imported from (a LinkedIn data export counts as linkedin_archive).",
    )
    excerpt = serializers.CharField(help_text="The post's text as plain text, at most 280 characters.")


class ExpertDetailOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    headline = serializers.CharField(allow_blank=True)
    photo_url = serializers.CharField(allow_null=True)
    department = DepartmentBriefSerializer(allow_null=True)
    location = LocationBriefSerializer(allow_null=True)
    bio = serializers.CharField(allow_null=True, help_text="Sanitised HTML.")
    skills = ProfileSkillOutputSerializer(many=True, allow_null=True)
    languages = ProfileLanguageSerializer(many=True, allow_null=True)
    links = ProfileLinkSerializer(many=True, allow_null=True)
    availability = AvailabilityOutputSerializer(allow_null=True)
    indexable = serializers.BooleanField()
    posts = ProfilePostOutputSerializer(many=True, help_text="Imported posts the expert chose to show.")
    related = ExpertCardOutputSerializer(many=True)


class VisibilitySerializer(serializers.Serializer):
    basics = serializers.ChoiceField(choices=Visibility.choices)
    bio = serializers.ChoiceField(choices=Visibility.choices)
    skills = serializers.ChoiceField(choices=Visibility.choices)
    languages = serializers.ChoiceField(choices=Visibility.choices)
    links = serializers.ChoiceField(choices=Visibility.choices)
    availability = serializers.ChoiceField(choices=Visibility.choices)


class CompletenessHintSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class CompletenessSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=100)
    hints = CompletenessHintSerializer(many=True)


class MyProfileOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    headline_de = serializers.CharField(allow_blank=True)
    headline_en = serializers.CharField(allow_blank=True)
    bio_de = serializers.CharField(allow_blank=True)
    bio_en = serializers.CharField(allow_blank=True)
    photo_url = serializers.CharField(allow_null=True)
    skills = ProfileSkillOutputSerializer(many=True)
    languages = ProfileLanguageSerializer(many=True)
    links = ProfileLinkSerializer(many=True)
    availability = AvailabilityOutputSerializer()
    visibility = VisibilitySerializer()
    is_published = serializers.BooleanField()
    published_at = serializers.DateTimeField(allow_null=True)
    completeness = CompletenessSerializer()


class AvailabilityInputSerializer(serializers.Serializer):
    press = serializers.BooleanField(required=False)
    talks = serializers.BooleanField(required=False)
    customers = serializers.BooleanField(required=False)
    mentoring = serializers.BooleanField(required=False)
    topics = serializers.ListField(child=IdField(), required=False, max_length=20)
    until = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=280)


class VisibilityInputSerializer(serializers.Serializer):
    basics = serializers.ChoiceField(choices=Visibility.choices, required=False)
    bio = serializers.ChoiceField(choices=Visibility.choices, required=False)
    skills = serializers.ChoiceField(choices=Visibility.choices, required=False)
    languages = serializers.ChoiceField(choices=Visibility.choices, required=False)
    links = serializers.ChoiceField(choices=Visibility.choices, required=False)
    availability = serializers.ChoiceField(choices=Visibility.choices, required=False)


class MyProfileUpdateInputSerializer(serializers.Serializer):
    slug = serializers.CharField(required=False, max_length=100)
    headline_de = CleanCharField(required=False, allow_blank=True, max_length=160)
    headline_en = CleanCharField(required=False, allow_blank=True, max_length=160)
    bio_de = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    bio_en = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    visibility = VisibilityInputSerializer(required=False)
    availability = AvailabilityInputSerializer(required=False)


class ProfileSkillInputSerializer(serializers.Serializer):
    skill = serializers.IntegerField()
    level = serializers.IntegerField(min_value=1, max_value=5)
    interest = serializers.BooleanField(default=False)
    ask_me_about = serializers.BooleanField(default=False)
    can_mentor = serializers.BooleanField(default=False)


class PhotoInputSerializer(serializers.Serializer):
    photo = serializers.FileField()


class PreviewQuerySerializer(serializers.Serializer):
    audience = serializers.ChoiceField(choices=["internal", "public"], default="public")


class SkillOutputSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]  # DRF stubs: Field.parent
    aliases = serializers.SerializerMethodField()
    profile_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Skill
        fields = [
            "id",
            "slug",
            "name_de",
            "name_en",
            "name",
            "description",
            "parent",
            "aliases",
            "status",
            "profile_count",
        ]
        read_only_fields = fields

    def get_name(self, skill: Skill) -> str:
        return skill.name(request_language())

    @extend_schema_field(SkillRefSerializer(allow_null=True))
    def get_parent(self, skill: Skill) -> dict[str, Any] | None:
        if skill.parent is None:
            return None
        return {
            "id": skill.parent.id,
            "slug": skill.parent.slug,
            "name": skill.parent.name(request_language()),
        }

    def get_aliases(self, skill: Skill) -> list[str]:
        return [alias.name for alias in skill.aliases.all()]


class SkillCreateInputSerializer(serializers.Serializer):
    name_de = CleanCharField(max_length=120)
    name_en = CleanCharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    parent = IdRelatedField(  # type: ignore[assignment]  # DRF stubs: Field.parent
        queryset=Skill.objects.filter(status=SkillStatus.APPROVED),
        required=False,
        allow_null=True,
        default=None,
    )
    aliases = serializers.ListField(child=serializers.CharField(max_length=120), required=False, default=list)


class SkillUpdateInputSerializer(serializers.Serializer):
    name_de = CleanCharField(max_length=120, required=False)
    name_en = CleanCharField(max_length=120, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    parent = IdRelatedField(  # type: ignore[assignment]  # DRF stubs: Field.parent
        queryset=Skill.objects.filter(status=SkillStatus.APPROVED), required=False, allow_null=True
    )
    aliases = serializers.ListField(child=serializers.CharField(max_length=120), required=False)


class SkillProposalInputSerializer(serializers.Serializer):
    name = CleanCharField(max_length=120)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)


class SkillMergeInputSerializer(serializers.Serializer):
    into = IdRelatedField(queryset=Skill.objects.filter(status=SkillStatus.APPROVED))


class SkillAutocompleteQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)


class SkillSuggestionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    skill = SkillRefSerializer()
    evidence_count = serializers.IntegerField(help_text="How many of my imported posts mention the skill.")
    last_seen = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=SuggestionStatus.choices)


class SkillSuggestionAcceptInputSerializer(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=5)
