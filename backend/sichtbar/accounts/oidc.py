"""Company single sign-on with OpenID Connect (mozilla-django-oidc): users are linked by e-mail or created
on first login, and their role follows the identity provider's groups claim when a mapping is configured."""

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from sichtbar.api.exception_handlers import error_body

from .models import ROLE_RANK, Role, User

logger = logging.getLogger(__name__)


def role_from_claims(claims: dict[str, Any]) -> str | None:
    """The highest role the IdP's groups claim maps to, or None when nothing maps (the role stays)."""
    value = claims.get(settings.OIDC_ROLE_CLAIM)
    groups = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    roles = [Role(settings.OIDC_ROLE_MAP[group]) for group in groups if group in settings.OIDC_ROLE_MAP]
    return max(roles, key=lambda role: ROLE_RANK[role]) if roles else None


class SichtbarOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # An address the IdP has not verified must not take over an existing account.
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(email__iexact=claims["email"].strip())

    def create_user(self, claims: dict[str, Any]) -> User:
        role = role_from_claims(claims) or Role.EMPLOYEE
        user = User.objects.create_user(
            claims["email"].strip().lower(),
            password=None,  # unusable: this person signs in through the IdP
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("family_name", "")[:150],
            role=role,
            is_staff=role == Role.ADMIN,
        )
        logger.info("created user %s from single sign-on with role %s", user.pk, role)
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        fields = []
        for attribute, claim in (("first_name", "given_name"), ("last_name", "family_name")):
            if not getattr(user, attribute) and claims.get(claim):
                setattr(user, attribute, claims[claim][:150])
                fields.append(attribute)
        role = role_from_claims(claims)
        if settings.OIDC_SYNC_ROLES and role is not None and role != user.role:
            user.role, user.is_staff = role, role == Role.ADMIN
            fields += ["role", "is_staff"]
        if fields:
            user.save(update_fields=fields)
        return user


class _SsoEnabledMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            body = error_body(message=_("Single sign-on is not configured."), code="sso_disabled")
            return JsonResponse(body, status=404)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class SsoStartView(_SsoEnabledMixin, OIDCAuthenticationRequestView):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)


class SsoCallbackView(_SsoEnabledMixin, OIDCAuthenticationCallbackView):
    pass
