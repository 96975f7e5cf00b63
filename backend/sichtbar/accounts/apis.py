"""Accounts API: session login for the SPA, password reset, invitations, users, organisation, API tokens."""

from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_protect, ensure_csrf_cookie
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sichtbar.api.exception_handlers import error_body
from sichtbar.api.requests import request_user
from sichtbar.core.errors import NotFoundError
from sichtbar.core.throttling import AnonRateThrottle

from . import selectors, serializers, services
from .error_codes import AccountsErrorCode
from .filters import InvitationFilter, UserFilter
from .lockout import login_lock_remaining
from .models import ApiToken, Department, Invitation, Location, User
from .permissions import IsAdmin, IsEmployee
from .scim import scim_token_create, scim_token_revoke
from .throttles import (
    PasswordResetAccountThrottle,
    PasswordResetAddressThrottle,
    PasswordResetConfirmAccountThrottle,
    PasswordResetConfirmAddressThrottle,
)


def _user_out(user: User) -> dict[str, Any]:
    user = selectors.user_list().get(pk=user.pk)
    return serializers.UserOutputSerializer(user).data


# --- session ----------------------------------------------------------------------------------


@method_decorator(ensure_csrf_cookie, name="dispatch")
class CsrfApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="auth_csrf", responses=serializers.CsrfOutputSerializer, tags=["auth"])
    def get(self, request: Request) -> Response:
        return Response({"csrf_token": get_token(request)})


class AuthConfigApi(APIView):
    """What the login page offers: password login, and single sign-on when an IdP is configured."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="auth_config", responses=serializers.AuthConfigOutputSerializer, tags=["auth"]
    )
    def get(self, request: Request) -> Response:
        enabled = settings.OIDC_ENABLED
        return Response(
            {
                "sso": {
                    "enabled": enabled,
                    "label": settings.OIDC_LOGIN_LABEL or _("Sign in with your company account"),
                    "login_url": reverse("v1:auth-sso-start") if enabled else None,
                },
                "password_login": True,
            }
        )


@method_decorator(csrf_protect, name="dispatch")
class LoginApi(APIView):
    """Per address: the `login` throttle; per account: the lockout with back-off (accounts/lockout.py)."""

    permission_classes = [AllowAny]
    throttle_scope = "login"

    @extend_schema(
        operation_id="auth_login",
        request=serializers.LoginInputSerializer,
        responses=serializers.UserOutputSerializer,
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.LoginInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email = data.validated_data["email"].lower()
        user = authenticate(request._request, username=email, password=data.validated_data["password"])
        # Refusals are answered, not raised: raising rolls back, and the attempt's audit record must stay.
        wait = login_lock_remaining(email=email)
        if user is None and wait:
            message = _("Too many failed sign-ins for this account. Please try again in %(seconds)s seconds.")
            return Response(
                error_body(
                    message=message % {"seconds": wait},
                    code=AccountsErrorCode.LOGIN_LOCKED,
                    retry_after_seconds=wait,
                ),
                status=status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(wait)},
            )
        if user is None:
            return Response(
                error_body(
                    message=_("E-mail address or password is wrong, or the account is deactivated."),
                    code=AccountsErrorCode.INVALID_CREDENTIALS,
                ),
                status=status.HTTP_400_BAD_REQUEST,
            )
        login(request._request, user)
        return Response(_user_out(user))


class LogoutApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(operation_id="auth_logout", request=None, responses={204: None}, tags=["auth"])
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(operation_id="auth_me", responses=serializers.UserOutputSerializer, tags=["auth"])
    def get(self, request: Request) -> Response:
        return Response(_user_out(request_user(request)))

    @extend_schema(
        operation_id="auth_me_update",
        request=serializers.MeUpdateInputSerializer,
        responses=serializers.UserOutputSerializer,
        tags=["auth"],
    )
    def patch(self, request: Request) -> Response:
        data = serializers.MeUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_update_self(user=request_user(request), data=data.validated_data)
        return Response(_user_out(user))


@method_decorator(csrf_protect, name="dispatch")
class PasswordResetApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, PasswordResetAddressThrottle, PasswordResetAccountThrottle]

    @extend_schema(
        operation_id="auth_password_reset",
        request=serializers.PasswordResetInputSerializer,
        responses={202: serializers.DetailOutputSerializer},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.PasswordResetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(email=data.validated_data["email"])
        return Response(
            {
                "detail": _(
                    "If an account exists for this address, we have sent a link to reset the password."
                )
            },
            status=status.HTTP_202_ACCEPTED,
        )


@method_decorator(csrf_protect, name="dispatch")
class PasswordResetConfirmApi(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [
        AnonRateThrottle,
        PasswordResetConfirmAddressThrottle,
        PasswordResetConfirmAccountThrottle,
    ]

    @extend_schema(
        operation_id="auth_password_reset_confirm",
        request=serializers.PasswordResetConfirmInputSerializer,
        responses={204: None},
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.PasswordResetConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(**data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationPreviewApi(APIView):
    permission_classes = [AllowAny]
    throttle_scope = "invitation"

    @extend_schema(
        operation_id="auth_invitation_preview",
        responses=serializers.InvitationPreviewOutputSerializer,
        tags=["auth"],
    )
    def get(self, request: Request, token: str) -> Response:
        invitation = selectors.invitation_get_pending(token=token)
        if invitation is None:
            raise NotFoundError(
                _("This invitation link is invalid, has expired or was already used."),
                code=AccountsErrorCode.INVITATION_INVALID,
            )
        return Response(serializers.InvitationPreviewOutputSerializer(invitation).data)


@method_decorator(csrf_protect, name="dispatch")
class InvitationAcceptApi(APIView):
    permission_classes = [AllowAny]
    throttle_scope = "invitation"

    @extend_schema(
        operation_id="auth_invitation_accept",
        request=serializers.InvitationAcceptInputSerializer,
        responses=serializers.UserOutputSerializer,
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.InvitationAcceptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.invitation_accept(**data.validated_data)
        login(request._request, user, backend="sichtbar.accounts.backends.LockoutModelBackend")
        return Response(_user_out(user))


# --- API tokens -------------------------------------------------------------------------------


@extend_schema(tags=["auth"])
class ApiTokenListCreateApi(generics.ListAPIView):
    permission_classes = [IsEmployee]
    serializer_class = serializers.ApiTokenOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return selectors.api_token_list(user=request_user(self.request))

    @extend_schema(
        operation_id="auth_tokens_create",
        request=serializers.ApiTokenCreateInputSerializer,
        responses={201: serializers.ApiTokenCreatedOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = serializers.ApiTokenCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, secret = services.api_token_create(user=request_user(request), **data.validated_data)
        token.token = secret
        return Response(
            serializers.ApiTokenCreatedOutputSerializer(token).data, status=status.HTTP_201_CREATED
        )


class ApiTokenRevokeApi(APIView):
    permission_classes = [IsEmployee]

    @extend_schema(operation_id="auth_tokens_revoke", responses={204: None}, tags=["auth"])
    def delete(self, request: Request, token_key: str) -> Response:
        token = get_object_or_404(ApiToken, token_key=token_key, user=request_user(request))
        services.api_token_revoke(token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- SCIM tokens (admins) --------------------------------------------------------------------


@extend_schema(tags=["users"])
class ScimTokenListCreateApi(generics.ListAPIView):
    """Bearer tokens for the identity provider's SCIM client (/scim/v2/); the secret is shown once."""

    permission_classes = [IsAdmin]
    serializer_class = serializers.ScimTokenOutputSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> Any:
        return selectors.scim_token_list()

    @extend_schema(
        operation_id="scim_tokens_create",
        request=serializers.ScimTokenCreateInputSerializer,
        responses={201: serializers.ScimTokenCreatedOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = serializers.ScimTokenCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, secret = scim_token_create(name=data.validated_data["name"], actor=request_user(request))
        token.token = secret  # type: ignore[attr-defined]
        return Response(
            serializers.ScimTokenCreatedOutputSerializer(token).data, status=status.HTTP_201_CREATED
        )


class ScimTokenRevokeApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(operation_id="scim_tokens_revoke", responses={204: None}, tags=["users"])
    def delete(self, request: Request, pk: int) -> Response:
        token = get_object_or_404(selectors.scim_token_list(), pk=pk)
        scim_token_revoke(token=token, actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- users and invitations (admins) -----------------------------------------------------------


@extend_schema(tags=["users"])
class UserListApi(generics.ListAPIView):
    permission_classes = [IsAdmin]
    serializer_class = serializers.UserOutputSerializer
    filterset_class = UserFilter
    search_fields = ["email", "first_name", "last_name"]
    ordering_fields = ["last_name", "email", "date_joined", "role"]
    ordering = ["last_name", "first_name"]

    def get_queryset(self) -> Any:
        return selectors.user_list()


class UserDetailApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(operation_id="users_retrieve", responses=serializers.UserOutputSerializer, tags=["users"])
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            serializers.UserOutputSerializer(get_object_or_404(selectors.user_list(), pk=pk)).data
        )

    @extend_schema(
        operation_id="users_update",
        request=serializers.UserUpdateInputSerializer,
        responses=serializers.UserOutputSerializer,
        tags=["users"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        user = get_object_or_404(User, pk=pk)
        data = serializers.UserUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        user = services.user_update(actor=request_user(request), user=user, data=data.validated_data)
        return Response(_user_out(user))


@extend_schema(tags=["users"])
class InvitationListCreateApi(generics.ListAPIView):
    permission_classes = [IsAdmin]
    serializer_class = serializers.InvitationOutputSerializer
    filterset_class = InvitationFilter
    search_fields = ["email", "first_name", "last_name"]
    ordering_fields = ["created_at", "email", "expires_at"]
    ordering = ["-created_at"]

    def get_queryset(self) -> Any:
        return selectors.invitation_list()

    @extend_schema(
        operation_id="users_invitations_create",
        request=serializers.InvitationCreateInputSerializer,
        responses={201: serializers.InvitationOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = serializers.InvitationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.invitation_create(invited_by=request_user(request), **data.validated_data)
        invitation = selectors.invitation_list().get(pk=invitation.pk)
        return Response(
            serializers.InvitationOutputSerializer(invitation).data, status=status.HTTP_201_CREATED
        )


class InvitationRevokeApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(operation_id="users_invitations_revoke", responses={204: None}, tags=["users"])
    def delete(self, request: Request, pk: int) -> Response:
        services.invitation_revoke(
            invitation=get_object_or_404(Invitation, pk=pk), actor=request_user(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationResendApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="users_invitations_resend",
        request=None,
        responses=serializers.InvitationOutputSerializer,
        tags=["users"],
    )
    def post(self, request: Request, pk: int) -> Response:
        invitation = services.invitation_resend(
            invitation=get_object_or_404(Invitation, pk=pk), actor=request_user(request)
        )
        invitation = selectors.invitation_list().get(pk=invitation.pk)
        return Response(serializers.InvitationOutputSerializer(invitation).data)


# --- organisation -----------------------------------------------------------------------------


class _OrganisationListCreateApi(generics.ListAPIView):
    """Everyone signed in reads the organisation; admins change it."""

    search_fields = ["name"]
    ordering_fields = ["name"]
    ordering = ["name"]

    def get_permissions(self) -> list[Any]:
        return [IsAdmin()] if self.request.method == "POST" else [IsEmployee()]


@extend_schema(tags=["organisation"])
class DepartmentListCreateApi(_OrganisationListCreateApi):
    serializer_class = serializers.DepartmentOutputSerializer

    def get_queryset(self) -> Any:
        return selectors.department_list().order_by("name")

    @extend_schema(
        operation_id="organisation_departments_create",
        request=serializers.DepartmentInputSerializer,
        responses={201: serializers.DepartmentOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = serializers.DepartmentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        department = services.department_create(**data.validated_data, actor=request_user(request))
        department = selectors.department_list().get(pk=department.pk)
        return Response(
            serializers.DepartmentOutputSerializer(department).data, status=status.HTTP_201_CREATED
        )


class DepartmentDetailApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="organisation_departments_update",
        request=serializers.DepartmentInputSerializer,
        responses=serializers.DepartmentOutputSerializer,
        tags=["organisation"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        department = get_object_or_404(Department, pk=pk)
        data = serializers.DepartmentInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.department_update(
            department=department, data=data.validated_data, actor=request_user(request)
        )
        department = selectors.department_list().get(pk=pk)
        return Response(serializers.DepartmentOutputSerializer(department).data)

    @extend_schema(
        operation_id="organisation_departments_delete", responses={204: None}, tags=["organisation"]
    )
    def delete(self, request: Request, pk: int) -> Response:
        services.organisation_delete(
            instance=get_object_or_404(Department, pk=pk), actor=request_user(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["organisation"])
class LocationListCreateApi(_OrganisationListCreateApi):
    serializer_class = serializers.LocationOutputSerializer

    def get_queryset(self) -> Any:
        return selectors.location_list().order_by("name")

    @extend_schema(
        operation_id="organisation_locations_create",
        request=serializers.LocationInputSerializer,
        responses={201: serializers.LocationOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        data = serializers.LocationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        location = services.location_create(**data.validated_data, actor=request_user(request))
        location = selectors.location_list().get(pk=location.pk)
        return Response(serializers.LocationOutputSerializer(location).data, status=status.HTTP_201_CREATED)


class LocationDetailApi(APIView):
    permission_classes = [IsAdmin]

    @extend_schema(
        operation_id="organisation_locations_update",
        request=serializers.LocationUpdateInputSerializer,
        responses=serializers.LocationOutputSerializer,
        tags=["organisation"],
    )
    def patch(self, request: Request, pk: int) -> Response:
        location = get_object_or_404(Location, pk=pk)
        data = serializers.LocationUpdateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.location_update(location=location, data=data.validated_data, actor=request_user(request))
        location = selectors.location_list().get(pk=pk)
        return Response(serializers.LocationOutputSerializer(location).data)

    @extend_schema(operation_id="organisation_locations_delete", responses={204: None}, tags=["organisation"])
    def delete(self, request: Request, pk: int) -> Response:
        services.organisation_delete(instance=get_object_or_404(Location, pk=pk), actor=request_user(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class OrganisationImportApi(APIView):
    permission_classes = [IsAdmin]
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="organisation_import",
        request={"multipart/form-data": serializers.OrganisationImportInputSerializer},
        responses={
            200: serializers.OrganisationImportOutputSerializer,
            400: OpenApiResponse(description="Bad file"),
        },
        tags=["organisation"],
    )
    def post(self, request: Request) -> Response:
        data = serializers.OrganisationImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.organisation_import(
            data=data.validated_data["file"].read(), actor=request_user(request)
        )
        return Response(serializers.OrganisationImportOutputSerializer(result).data)
