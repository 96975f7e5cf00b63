"""Input and output serializers of the search endpoints (names are unique project-wide)."""

from rest_framework import serializers

from sichtbar.api.fields import IdField
from sichtbar.profiles.serializers import ExpertCardOutputSerializer, SkillRefSerializer

from .backends.base import AVAILABILITY_KINDS, SORT_NAME, SORT_RELEVANCE


class ExpertSearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    skill = serializers.ListField(child=serializers.SlugField(max_length=120), required=False, default=list)
    min_level = serializers.IntegerField(
        required=False, min_value=1, max_value=5, allow_null=True, default=None
    )
    language = serializers.ListField(child=serializers.CharField(max_length=8), required=False, default=list)
    location = serializers.ListField(child=IdField(), required=False, default=list)
    department = serializers.ListField(child=IdField(), required=False, default=list)
    available = serializers.ListField(
        child=serializers.ChoiceField(choices=AVAILABILITY_KINDS), required=False, default=list
    )
    ordering = serializers.ChoiceField(
        choices=[SORT_RELEVANCE, SORT_NAME], required=False, default=SORT_RELEVANCE
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=1_000, default=25)


class ExpertAutocompleteInputSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")


class ExpertMatchInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class SearchFacetValueOutputSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not DRF's Field.label
    count = serializers.IntegerField()


class ExpertSearchFacetsOutputSerializer(serializers.Serializer):
    skill = SearchFacetValueOutputSerializer(many=True)
    level = SearchFacetValueOutputSerializer(many=True, help_text="value n counts experts with a level ≥ n.")
    language = SearchFacetValueOutputSerializer(many=True)
    location = SearchFacetValueOutputSerializer(many=True)
    department = SearchFacetValueOutputSerializer(many=True)
    availability = SearchFacetValueOutputSerializer(many=True)


class ExpertSearchOutputSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ExpertCardOutputSerializer(many=True)
    facets = ExpertSearchFacetsOutputSerializer()
    suggestions = serializers.ListField(child=serializers.CharField(), help_text="Did you mean …")


class ExpertSuggestionOutputSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    headline = serializers.CharField(allow_blank=True)


class ExpertAutocompleteOutputSerializer(serializers.Serializer):
    skills = SkillRefSerializer(many=True)
    experts = ExpertSuggestionOutputSerializer(many=True)


class ExpertMatchOutputSerializer(serializers.Serializer):
    results = ExpertCardOutputSerializer(many=True)
    skills = SkillRefSerializer(many=True)
