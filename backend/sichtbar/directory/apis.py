"""Directory API: a profile as visitors or colleagues see it, contact requests, the expert's inbox and
the managers' press triage."""

from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.models import User
from sichtbar.accounts.permissions import IsEmployee, IsManager
from sichtbar.api.requests import request_language, request_user
from sichtbar.core.errors import NotFoundError
from sichtbar.profiles.models import Audience, Profile

from . import selectors, serializers, services
from .filters import ContactRequestFilter, ContactTriageFilter
from .models import ContactRequest
from .throttles import ContactRequestThrottle


def _expert_not_found() -> NotFoundError:
    return NotFoundError(_("There is no expert profile at this address."))


def _get_expert(slug: str, audience: str) -> Profile:
    profile = selectors.expert_get(slug=slug, audience=audience)
    if profile is None:
        raise _expert_not_found()
    return profile


def _detail_response(request: Request, slug: str, audience: str) -> Response:
    profile = _get_expert(slug, audience)
    detail = selectors.expert_detail(profile=profile, audience=audience, language=request_language())
    detail["contactable"] = selectors.contact_allowed(profile=profile)
    if not (request.user.is_authenticated and profile.user_id == request.user.pk):
        services.profile_view_record(profile=profile, audience=audience)  # own visits do not count
    return Response(serializers.DirectoryExpertDetailOutputSerializer(detail).data)


# --- profiles ---------------------------------------------------------------------------------


class PublicExpertDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="public_experts_retrieve",
        summary="A published profile as visitors see it (public sections only)",
        responses=serializers.DirectoryExpertDetailOutputSerializer,
        tags=["public"],
    )
    def get(self, request: Request, slug: str) -> Response:
        return _detail_response(request, slug, Audience.PUBLIC)


class DirectoryExpertDetailApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="directory_experts_retrieve",
        summary="A profile as colleagues see it",
        responses=serializers.DirectoryExpertDetailOutputSerializer,
        tags=["directory"],
    )
    def get(self, request: Request, slug: str) -> Response:
        return _detail_response(request, slug, Audience.INTERNAL)


# --- contact requests -------------------------------------------------------------------------


class ContactRequestCreateApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ContactRequestThrottle]

    @extend_schema(
        operation_id="public_experts_contact",
        summary="Send an expert a contact request",
        request=serializers.ContactRequestCreateInputSerializer,
        responses={201: serializers.ContactRequestCreatedOutputSerializer},
        tags=["public"],
    )
    def post(self, request: Request, slug: str) -> Response:
        profile = _get_expert(slug, Audience.PUBLIC)
        data = serializers.ContactRequestCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        receipt = services.contact_request_create(
            profile=profile, language=request_language(), **data.validated_data
        )
        return Response(
            serializers.ContactRequestCreatedOutputSerializer(
                {"id": receipt.id, "status": receipt.status}
            ).data,
            status=status.HTTP_201_CREATED,
        )


class _ContactRequestListApi(generics.ListAPIView):
    serializer_class = serializers.ContactRequestOutputSerializer
    search_fields = ["name", "email", "organisation", "message"]
    ordering_fields = ["created_at", "status", "topic", "answered_at"]
    ordering = ["-created_at"]


@extend_schema(tags=["contact-requests"])
class ContactRequestListApi(_ContactRequestListApi):
    """The signed-in expert's inbox."""

    permission_classes = [IsEmployee]
    filterset_class = ContactRequestFilter

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return ContactRequest.objects.none()
        return selectors.contact_request_inbox(user=request_user(self.request))


@extend_schema(tags=["contact-requests"])
class ContactRequestTriageListApi(_ContactRequestListApi):
    """Press requests, for the communications team. Works-council mode: an expert's answer times
    (answered and closed at, response seconds) only with the expert's opt-in."""

    permission_classes = [IsManager]
    filterset_class = ContactTriageFilter
    ordering_fields = ["created_at", "status", "topic"]  # not by answer time: the order would tell it

    def get_queryset(self) -> Any:
        return selectors.contact_request_triage()

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if not getattr(self, "swagger_fake_view", False):
            context["timing_visible"] = selectors.contact_timing_visible(user=request_user(self.request))
        return context


def _contact_out(contact: ContactRequest, viewer: User | None = None) -> dict[str, Any]:
    context = {}
    if viewer is not None:
        context["timing_visible"] = selectors.contact_timing_visible(user=viewer)
    return serializers.ContactRequestOutputSerializer(contact, context=context).data


class ContactRequestAnswerApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="contact_requests_answer",
        summary="Answer a request in your inbox (the reply is sent by e-mail)",
        request=serializers.ContactRequestAnswerInputSerializer,
        responses=serializers.ContactRequestOutputSerializer,
        tags=["contact-requests"],
    )
    def post(self, request: Request, pk: UUID) -> Response:
        contact = selectors.contact_request_get_for_owner(user=request_user(request), pk=pk)
        if contact is None:
            raise services.contact_request_not_found()
        data = serializers.ContactRequestAnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contact = services.contact_request_answer(contact=contact, reply=data.validated_data["reply"])
        return Response(_contact_out(contact))


class ContactRequestCloseApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="contact_requests_close",
        summary="Close a request in your inbox (managers: also a press request in the triage)",
        request=None,
        responses=serializers.ContactRequestOutputSerializer,
        tags=["contact-requests"],
    )
    def post(self, request: Request, pk: UUID) -> Response:
        contact = selectors.contact_request_get(user=request_user(request), pk=pk)
        if contact is None:
            raise services.contact_request_not_found()
        user = request_user(request)
        return Response(_contact_out(services.contact_request_close(contact=contact), user))


class ContactRequestAssignApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="contact_requests_assign",
        summary="Press triage: move a press request into another expert's inbox",
        request=serializers.ContactRequestAssignInputSerializer,
        responses=serializers.ContactRequestOutputSerializer,
        tags=["contact-requests"],
    )
    def post(self, request: Request, pk: UUID) -> Response:
        contact = selectors.contact_request_get_for_triage(user=request_user(request), pk=pk)
        if contact is None:
            raise services.contact_request_not_found()
        data = serializers.ContactRequestAssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        contact = services.contact_request_assign(contact=contact, expert_slug=data.validated_data["expert"])
        return Response(_contact_out(contact, request_user(request)))
