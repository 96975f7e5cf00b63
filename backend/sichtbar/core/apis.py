"""Health endpoints: liveness and readiness."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .health import readiness


class HealthOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "unavailable"])


class HealthCheckOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["ok", "down", "not_configured"])
    detail = serializers.CharField()


class ReadinessOutputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["ok", "unavailable"])
    checks = HealthCheckOutputSerializer(many=True)


class LivenessApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes: list[type] = []  # probed by load balancers and orchestrators

    @extend_schema(operation_id="health_live", responses=HealthOutputSerializer, tags=["health"])
    def get(self, request: Request) -> Response:
        return Response({"status": "ok"})


class ReadinessApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    throttle_classes: list[type] = []

    @extend_schema(
        operation_id="health_ready",
        parameters=[
            OpenApiParameter(
                "critical",
                str,
                description="Comma-separated checks whose outage makes this 503 (default: all). "
                "Orchestrators pass `database` so a cache or search outage does not take web pods out.",
            )
        ],
        responses={200: ReadinessOutputSerializer, 503: ReadinessOutputSerializer},
        tags=["health"],
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("critical")
        critical = {name.strip() for name in raw.split(",") if name.strip()} if raw else None
        ok, results = readiness(critical=critical)
        body = {"status": "ok" if ok else "unavailable", "checks": [r.__dict__ for r in results]}
        return Response(body, status=status.HTTP_200_OK if ok else status.HTTP_503_SERVICE_UNAVAILABLE)
