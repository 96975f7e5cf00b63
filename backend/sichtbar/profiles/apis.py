"""Profiles API: an employee's own profile (edit, publish, preview) and the skill taxonomy."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.permissions import IsEmployee, IsManager
from sichtbar.api.requests import request_language, request_user

from . import selectors, serializers, services
from .models import Profile, Section, Skill, SkillSuggestion


def _my_profile(request: Request) -> Profile:
    """The caller's profile for a write (created on first use); outputs load it with everything they show."""
    return services.profile_get_or_create(user=request_user(request))


def _my_profile_out(request: Request, profile: Profile) -> dict[str, Any]:
    """The profile page's data; `profile` may be the unsaved one `selectors.my_profile` gives before the
    first write (no related rows to show then)."""
    if profile.pk is not None:
        profile = selectors.profile_queryset().get(pk=profile.pk)
    language = request_language()
    data = {
        "slug": profile.slug,
        "headline_de": profile.headline_de,
        "headline_en": profile.headline_en,
        "bio_de": profile.bio_de,
        "bio_en": profile.bio_en,
        "photo_url": selectors.photo_url(profile),
        "skills": [
            {
                "skill": selectors.skill_ref(item.skill, language),
                "level": item.level,
                "interest": item.interest,
                "ask_me_about": item.ask_me_about,
                "can_mentor": item.can_mentor,
            }
            for item in selectors.rows_of(profile, "skills")
        ],
        "languages": [
            {"code": item.code, "level": item.level} for item in selectors.rows_of(profile, "languages")
        ],
        "links": [{"kind": item.kind, "url": item.url} for item in selectors.rows_of(profile, "links")],
        "availability": selectors.availability_of(profile, language),
        "visibility": {section: getattr(profile, f"visibility_{section}") for section in Section.values},
        "is_published": profile.is_published,
        "published_at": profile.published_at,
        "completeness": services.profile_completeness(profile=profile),
    }
    return serializers.MyProfileOutputSerializer(data).data


class MyProfileApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_retrieve", responses=serializers.MyProfileOutputSerializer, tags=["profile"]
    )
    def get(self, request: Request) -> Response:
        return Response(_my_profile_out(request, selectors.my_profile(user=request_user(request))))

    @extend_schema(
        operation_id="profile_update",
        request=serializers.MyProfileUpdateInputSerializer,
        responses=serializers.MyProfileOutputSerializer,
        tags=["profile"],
    )
    def patch(self, request: Request) -> Response:
        data = serializers.MyProfileUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile = services.profile_update(profile=_my_profile(request), data=data.validated_data)
        return Response(_my_profile_out(request, profile))


class MySkillsApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_skills_set",
        request=serializers.ProfileSkillInputSerializer(many=True),
        responses=serializers.MyProfileOutputSerializer,
        tags=["profile"],
    )
    def put(self, request: Request) -> Response:
        data = serializers.ProfileSkillInputSerializer(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        profile = services.profile_set_skills(profile=_my_profile(request), items=list(data.validated_data))
        return Response(_my_profile_out(request, profile))


class MyLanguagesApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_languages_set",
        request=serializers.ProfileLanguageSerializer(many=True),
        responses=serializers.MyProfileOutputSerializer,
        tags=["profile"],
    )
    def put(self, request: Request) -> Response:
        data = serializers.ProfileLanguageSerializer(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        profile = services.profile_set_languages(
            profile=_my_profile(request), items=list(data.validated_data)
        )
        return Response(_my_profile_out(request, profile))


class MyLinksApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_links_set",
        request=serializers.ProfileLinkSerializer(many=True),
        responses=serializers.MyProfileOutputSerializer,
        tags=["profile"],
    )
    def put(self, request: Request) -> Response:
        data = serializers.ProfileLinkSerializer(data=request.data, many=True)
        data.is_valid(raise_exception=True)
        profile = services.profile_set_links(profile=_my_profile(request), items=list(data.validated_data))
        return Response(_my_profile_out(request, profile))


class MyPhotoApi(APIView):
    permission_classes = [IsEmployee]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="profile_photo_set",
        request={"multipart/form-data": serializers.PhotoInputSerializer},
        responses=serializers.MyProfileOutputSerializer,
        tags=["profile"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.PhotoInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.profile_photo_set(
            profile=_my_profile(request), upload=data.validated_data["photo"]
        )
        return Response(_my_profile_out(request, profile))

    @extend_schema(
        operation_id="profile_photo_delete",
        request=None,
        responses={200: serializers.MyProfileOutputSerializer},  # the profile without photo, not 204
        tags=["profile"],
    )
    def delete(self, request: Request) -> Response:
        profile = services.profile_photo_delete(profile=_my_profile(request))
        return Response(_my_profile_out(request, profile))


class MyProfilePublishApi(APIView):
    permission_classes = [IsEmployee]
    publish = True

    @extend_schema(request=None, responses=serializers.MyProfileOutputSerializer, tags=["profile"])
    def post(self, request: Request) -> Response:
        profile = services.profile_publish(profile=_my_profile(request), published=self.publish)
        return Response(_my_profile_out(request, profile))


class MyProfilePreviewApi(APIView):
    """The own profile as a colleague or a visitor would see it (empty sections are null)."""

    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_preview",
        parameters=[serializers.PreviewQuerySerializer],
        responses=serializers.ExpertDetailOutputSerializer,
        tags=["profile"],
    )
    def get(self, request: Request) -> Response:
        query = serializers.PreviewQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        # reading never creates the profile: before the first write this previews the unsaved draft
        profile = selectors.my_profile(user=request_user(request))
        detail, visible = selectors.expert_preview(
            profile=profile, audience=query.validated_data["audience"], language=request_language()
        )
        data = serializers.ExpertDetailOutputSerializer(detail).data
        return Response(data if visible else {**data, "visible": False})


# --- taxonomy ---------------------------------------------------------------------------------


@extend_schema(tags=["skills"])
class SkillListCreateApi(generics.ListAPIView):
    serializer_class = serializers.SkillOutputSerializer
    search_fields = ["name_de", "name_en", "aliases__name"]
    ordering_fields = ["name_de", "name_en", "created_at"]
    ordering = ["name_de"]
    filterset_fields = ["status", "parent"]

    def get_permissions(self) -> list[Any]:
        return [IsManager()] if self.request.method == "POST" else [IsEmployee()]

    def get_queryset(self) -> QuerySet[Skill]:
        return selectors.skill_list()

    @extend_schema(
        operation_id="skills_create",
        request=serializers.SkillCreateInputSerializer,
        responses={201: serializers.SkillOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = serializers.SkillCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        skill = services.skill_create(**data.validated_data, actor=request_user(request))
        return Response(self._out(skill), status=status.HTTP_201_CREATED)

    def _out(self, skill: Skill) -> dict[str, Any]:
        skill = selectors.skill_list().get(pk=skill.pk)
        return serializers.SkillOutputSerializer(skill, context={"request": self.request}).data


class SkillDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="skills_update",
        request=serializers.SkillUpdateInputSerializer,
        responses=serializers.SkillOutputSerializer,
        tags=["skills"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = serializers.SkillUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        skill = services.skill_update(
            skill=get_object_or_404(Skill, pk=pk), data=data.validated_data, actor=request_user(request)
        )
        skill = selectors.skill_list().get(pk=skill.pk)
        return Response(serializers.SkillOutputSerializer(skill, context={"request": request}).data)


class SkillReviewApi(APIView):
    permission_classes = [IsManager]
    approve = True

    @extend_schema(request=None, responses=serializers.SkillOutputSerializer, tags=["skills"])
    def post(self, request: Request, pk: int) -> Response:
        skill = services.skill_review(
            skill=get_object_or_404(Skill, pk=pk), approve=self.approve, actor=request_user(request)
        )
        skill = selectors.skill_list().get(pk=skill.pk)
        return Response(serializers.SkillOutputSerializer(skill, context={"request": request}).data)


class SkillMergeApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="skills_merge",
        request=serializers.SkillMergeInputSerializer,
        responses=serializers.SkillOutputSerializer,
        tags=["skills"],
    )
    def post(self, request: Request, pk: int) -> Response:
        data = serializers.SkillMergeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        target = services.skill_merge(
            source=get_object_or_404(Skill, pk=pk),
            target=data.validated_data["into"],
            actor=request_user(request),
        )
        target = selectors.skill_list().get(pk=target.pk)
        return Response(serializers.SkillOutputSerializer(target, context={"request": request}).data)


class SkillProposalApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="skills_propose",
        request=serializers.SkillProposalInputSerializer,
        responses={201: serializers.SkillOutputSerializer},
        tags=["skills"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.SkillProposalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        skill = services.skill_propose(user=request_user(request), **data.validated_data)
        skill = selectors.skill_list().get(pk=skill.pk)
        return Response(
            serializers.SkillOutputSerializer(skill, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


class SkillAutocompleteApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="skills_autocomplete",
        parameters=[OpenApiParameter("q", str, description="Part of a name or synonym")],
        responses=serializers.SkillRefSerializer(many=True),
        tags=["skills"],
    )
    def get(self, request: Request) -> Response:
        query = serializers.SkillAutocompleteQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        skills = selectors.skill_autocomplete(query=query.validated_data["q"])
        language = request_language()
        return Response([selectors.skill_ref(skill, language) for skill in skills])


# --- skill suggestions from imported activity ----------------------------------------------------------


def _suggestion_out(suggestion: SkillSuggestion, language: str) -> dict[str, Any]:
    return serializers.SkillSuggestionOutputSerializer(
        {
            "id": suggestion.id,
            "skill": selectors.skill_ref(suggestion.skill, language),
            "evidence_count": suggestion.evidence_count,
            "last_seen": suggestion.last_seen,
            "status": suggestion.status,
        }
    ).data


def _my_suggestion(request: Request, pk: int) -> SkillSuggestion:
    return get_object_or_404(selectors.skill_suggestion_list(profile=_my_profile(request)), pk=pk)


class MySkillSuggestionListApi(APIView):
    """Open skill suggestions found in my imported posts, the best evidenced first."""

    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_skill_suggestions_list",
        responses=serializers.SkillSuggestionOutputSerializer(many=True),
        tags=["profile"],
    )
    def get(self, request: Request) -> Response:
        language = request_language()
        suggestions = selectors.skill_suggestion_list(profile=_my_profile(request))
        return Response([_suggestion_out(item, language) for item in suggestions])


class MySkillSuggestionAcceptApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_skill_suggestions_accept",
        request=serializers.SkillSuggestionAcceptInputSerializer,
        responses=serializers.SkillSuggestionOutputSerializer,
        tags=["profile"],
    )
    def post(self, request: Request, pk: int) -> Response:
        data = serializers.SkillSuggestionAcceptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        suggestion = services.skill_suggestion_accept(
            suggestion=_my_suggestion(request, pk), level=data.validated_data["level"]
        )
        return Response(_suggestion_out(suggestion, request_language()))


class MySkillSuggestionDismissApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="profile_skill_suggestions_dismiss",
        request=None,
        responses=serializers.SkillSuggestionOutputSerializer,
        tags=["profile"],
    )
    def post(self, request: Request, pk: int) -> Response:
        suggestion = services.skill_suggestion_dismiss(suggestion=_my_suggestion(request, pk))
        return Response(_suggestion_out(suggestion, request_language()))
