"""Search API: the public directory (visitors, throttled) and the internal one (colleagues)."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsEmployee
from sichtbar.api.pagination import PageNumberPagination
from sichtbar.api.requests import request_language
from sichtbar.core.errors import NotFoundError
from sichtbar.core.events import SearchResultsShown, publish
from sichtbar.profiles.models import Audience

from . import selectors, serializers
from .backends.base import RecognisedSkill, SearchFilters


def _skill_refs(skills: list[RecognisedSkill], language: str) -> list[dict[str, Any]]:
    return [{"id": s.id, "slug": s.slug, "name": s.name(language)} for s in skills]


class _SearchBase(APIView):
    permission_classes = [IsEmployee]
    audience: str = Audience.INTERNAL


class ExpertSearchApi(_SearchBase):
    def get(self, request: Request) -> Response:
        data = serializers.ExpertSearchInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        params = data.validated_data
        page, page_size = params["page"], min(params["page_size"], PageNumberPagination.max_page_size)
        language = request_language()
        result = selectors.expert_search(
            query=params["q"],
            filters=SearchFilters(
                skills=tuple(params["skill"]),
                min_level=params["min_level"],
                languages=tuple(params["language"]),
                locations=tuple(params["location"]),
                departments=tuple(params["department"]),
                available=tuple(params["available"]),
            ),
            audience=self.audience,
            language=language,
            page=page,
            page_size=page_size,
            ordering=params["ordering"],
        )
        if page > 1 and (page - 1) * page_size >= result.total:
            raise NotFoundError(_("This page does not exist."))
        publish(SearchResultsShown(profile_ids=list(result.profile_ids), audience=self.audience))
        url = request.build_absolute_uri()
        next_url = replace_query_param(url, "page", page + 1) if page * page_size < result.total else None
        previous_url = None
        if page > 1:
            previous_url = (
                remove_query_param(url, "page") if page == 2 else replace_query_param(url, "page", page - 1)
            )
        body = {
            "count": result.total,
            "next": next_url,
            "previous": previous_url,
            "results": result.results,
            "facets": {
                name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
                for name, values in result.facets.items()
            },
            "suggestions": result.suggestions,
        }
        # The body already has the output schema's shape (cards are the audience view, rendered when
        # indexed); running ExpertSearchOutputSerializer over it costs a third of a request's CPU, so a test
        # checks the body against it instead (test_apis: test_search_body_matches_its_output_serializer).
        return Response(body)


class ExpertAutocompleteApi(_SearchBase):
    def get(self, request: Request) -> Response:
        data = serializers.ExpertAutocompleteInputSerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        language = request_language()
        result = selectors.expert_autocomplete(
            query=data.validated_data["q"], audience=self.audience, language=language
        )
        body = {
            "skills": _skill_refs(result.skills, language),
            "experts": [{"slug": e.slug, "name": e.name, "headline": e.headline} for e in result.experts],
        }
        return Response(serializers.ExpertAutocompleteOutputSerializer(body).data)


class ExpertMatchApi(_SearchBase):
    def post(self, request: Request) -> Response:
        data = serializers.ExpertMatchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        language = request_language()
        results, skills = selectors.expert_match(
            text=data.validated_data["text"], audience=self.audience, language=language
        )
        body = {"results": results, "skills": _skill_refs(skills, language)}
        return Response(serializers.ExpertMatchOutputSerializer(body).data)


def _search_schema(operation_id: str, summary: str) -> Any:
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        parameters=[serializers.ExpertSearchInputSerializer],
        responses=serializers.ExpertSearchOutputSerializer,
        tags=["search"],
    )


def _autocomplete_schema(operation_id: str) -> Any:
    return extend_schema(
        operation_id=operation_id,
        parameters=[serializers.ExpertAutocompleteInputSerializer],
        responses=serializers.ExpertAutocompleteOutputSerializer,
        tags=["search"],
    )


def _match_schema(operation_id: str) -> Any:
    return extend_schema(
        operation_id=operation_id,
        request=serializers.ExpertMatchInputSerializer,
        responses=serializers.ExpertMatchOutputSerializer,
        tags=["search"],
    )


class PublicExpertSearchApi(ExpertSearchApi):
    permission_classes = [AllowAny]
    throttle_scope = "public_search"  # plus the global anonymous ceiling
    audience = Audience.PUBLIC

    @_search_schema("public_experts_search", "Search the public expert directory")
    def get(self, request: Request) -> Response:
        return super().get(request)


class PublicExpertAutocompleteApi(ExpertAutocompleteApi):
    permission_classes = [AllowAny]
    throttle_scope = "public_search"  # plus the global anonymous ceiling
    audience = Audience.PUBLIC

    @_autocomplete_schema("public_experts_autocomplete")
    def get(self, request: Request) -> Response:
        return super().get(request)


class PublicExpertMatchApi(ExpertMatchApi):
    permission_classes = [AllowAny]
    throttle_scope = "public_search"  # plus the global anonymous ceiling
    audience = Audience.PUBLIC

    @_match_schema("public_experts_match")
    def post(self, request: Request) -> Response:
        return super().post(request)


class DirectoryExpertSearchApi(ExpertSearchApi):
    @_search_schema("directory_experts_search", "Search the internal expert directory")
    def get(self, request: Request) -> Response:
        return super().get(request)


class DirectoryExpertAutocompleteApi(ExpertAutocompleteApi):
    @_autocomplete_schema("directory_experts_autocomplete")
    def get(self, request: Request) -> Response:
        return super().get(request)


class DirectoryExpertMatchApi(ExpertMatchApi):
    @_match_schema("directory_experts_match")
    def post(self, request: Request) -> Response:
        return super().post(request)
