"""Governance API: the social-media guidelines (versions, publication, the current one and its acceptance)
and the confidentiality rules. Paths, operation ids and tags are the ones they had in the content app."""

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.accounts.models import User
from sichtbar.accounts.permissions import IsEmployee, IsManager
from sichtbar.api.requests import request_user

from . import selectors, serializers, services
from .models import ConfidentialityRule, GuidelineVersion

TAG = "content"


# --- guidelines ----------------------------------------------------------------------------------


def _guideline(pk: int) -> GuidelineVersion:
    return get_object_or_404(selectors.guideline_list(), pk=pk)


class GuidelineListCreateApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="guidelines_list", responses=serializers.GuidelineOutputSerializer(many=True), tags=[TAG]
    )
    def get(self, request: Request) -> Response:
        return Response(serializers.GuidelineOutputSerializer(selectors.guideline_list(), many=True).data)

    @extend_schema(
        operation_id="guidelines_create",
        request=serializers.GuidelineInputSerializer,
        responses={201: serializers.GuidelineOutputSerializer},
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.GuidelineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.guideline_create(actor=request_user(request), data=data.validated_data)
        return Response(serializers.GuidelineOutputSerializer(version).data, status=status.HTTP_201_CREATED)


class GuidelineDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="guidelines_update",
        request=serializers.GuidelineUpdateInputSerializer,
        responses=serializers.GuidelineOutputSerializer,
        tags=[TAG],
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = serializers.GuidelineUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        version = services.guideline_update(
            actor=request_user(request), version=_guideline(pk), data=data.validated_data
        )
        return Response(serializers.GuidelineOutputSerializer(version).data)


class GuidelinePublishApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="guidelines_publish",
        request=None,
        responses=serializers.GuidelineOutputSerializer,
        tags=[TAG],
    )
    def post(self, request: Request, pk: int) -> Response:
        version = services.guideline_publish(actor=request_user(request), version=_guideline(pk))
        return Response(serializers.GuidelineOutputSerializer(version).data)


def _current_out(user: User) -> dict[str, Any]:
    current = selectors.guideline_current()
    acceptance = selectors.guideline_acceptance(user=user)
    return serializers.GuidelineCurrentOutputSerializer(
        {
            "guideline": current,
            "accepted": current is None or acceptance is not None,
            "accepted_at": acceptance.accepted_at if acceptance else None,
        }
    ).data


class GuidelineCurrentApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="guidelines_current", responses=serializers.GuidelineCurrentOutputSerializer, tags=[TAG]
    )
    def get(self, request: Request) -> Response:
        return Response(_current_out(request_user(request)))


class GuidelineAcceptApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(
        operation_id="guidelines_accept",
        request=serializers.GuidelineAcceptInputSerializer,
        responses=serializers.GuidelineCurrentOutputSerializer,
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.GuidelineAcceptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request_user(request)
        services.guideline_accept(user=user, version_id=data.validated_data["version_id"])
        return Response(_current_out(user))


# --- confidentiality rules -----------------------------------------------------------------------


def _rule(pk: int) -> ConfidentialityRule:
    return get_object_or_404(selectors.rule_list(), pk=pk)


class ConfidentialityRuleListCreateApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_rules_list",
        responses=serializers.ConfidentialityRuleOutputSerializer(many=True),
        tags=[TAG],
    )
    def get(self, request: Request) -> Response:
        return Response(
            serializers.ConfidentialityRuleOutputSerializer(selectors.rule_list(), many=True).data
        )

    @extend_schema(
        operation_id="content_rules_create",
        request=serializers.ConfidentialityRuleInputSerializer,
        responses={201: serializers.ConfidentialityRuleOutputSerializer},
        tags=[TAG],
    )
    def post(self, request: Request) -> Response:
        data = serializers.ConfidentialityRuleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rule = services.rule_create(actor=request_user(request), data=data.validated_data)
        return Response(
            serializers.ConfidentialityRuleOutputSerializer(rule).data, status=status.HTTP_201_CREATED
        )


class ConfidentialityRuleDetailApi(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        operation_id="content_rules_update",
        request=serializers.ConfidentialityRuleUpdateInputSerializer,
        responses=serializers.ConfidentialityRuleOutputSerializer,
        tags=[TAG],
    )
    def patch(self, request: Request, pk: int) -> Response:
        data = serializers.ConfidentialityRuleUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        rule = services.rule_update(actor=request_user(request), rule=_rule(pk), data=data.validated_data)
        return Response(serializers.ConfidentialityRuleOutputSerializer(rule).data)

    @extend_schema(operation_id="content_rules_delete", responses={204: None}, tags=[TAG])
    def delete(self, request: Request, pk: int) -> Response:
        services.rule_delete(actor=request_user(request), rule=_rule(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
