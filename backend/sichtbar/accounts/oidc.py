"""Company single sign-on with OpenID Connect (mozilla-django-oidc): users are linked by e-mail or created
on first login; at every sign-in their role (up and down), department and location follow the identity
provider's claims through the documented mapping, and a person the provider no longer admits is signed out
everywhere."""

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from sichtbar.api.exception_handlers import error_body

from .models import ROLE_RANK, Department, Location, Role, User

logger = logging.getLogger(__name__)


def _groups(claims: dict[str, Any]) -> list[str]:
    value = claims.get(settings.OIDC_ROLE_CLAIM)
    return value if isinstance(value, list) else [value] if isinstance(value, str) else []


def role_from_claims(claims: dict[str, Any]) -> str | None:
    """The highest role the IdP's groups claim maps to, or None when nothing maps."""
    groups = _groups(claims)
    roles = [Role(settings.OIDC_ROLE_MAP[group]) for group in groups if group in settings.OIDC_ROLE_MAP]
    return max(roles, key=lambda role: ROLE_RANK[role]) if roles else None


def synced_role(claims: dict[str, Any]) -> str:
    """The role at this sign-in: the highest mapped one, else the safe default (OIDC_DEFAULT_ROLE,
    `employee`): removing someone from the admin group at the provider demotes them at their next sign-in."""
    return role_from_claims(claims) or Role(getattr(settings, "OIDC_DEFAULT_ROLE", Role.EMPLOYEE))


def admitted(claims: dict[str, Any]) -> bool:
    """Whether the provider still admits this person to Sichtbar (OIDC_REQUIRED_GROUP, when set)."""
    required = getattr(settings, "OIDC_REQUIRED_GROUP", "")
    return not required or required in _groups(claims)


class SichtbarOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims: dict[str, Any]) -> bool:
        # An address the IdP has not verified must not take over an existing account (and must not sign
        # its owner out either: only verified claims may end sessions).
        if not claims.get("email") or claims.get("email_verified", True) is False:
            return False
        if not admitted(claims):
            from .scim import user_sign_out_everywhere

            for user in self.filter_users_by_claims(claims):
                ended = user_sign_out_everywhere(user=user)
                logger.info("single sign-on refused user %s; %s sessions and tokens ended", user.pk, ended)
            return False
        return True

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return User.objects.filter(email__iexact=claims["email"].strip())

    def create_user(self, claims: dict[str, Any]) -> User:
        role = synced_role(claims)
        user = User.objects.create_user(
            claims["email"].strip().lower(),
            password=None,  # unusable: this person signs in through the IdP
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("family_name", "")[:150],
            role=role,
            is_staff=role == Role.ADMIN,
        )
        logger.info("created user %s from single sign-on with role %s", user.pk, role)
        return self.update_user(user, claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        fields = []
        for attribute, claim in (("first_name", "given_name"), ("last_name", "family_name")):
            if not getattr(user, attribute) and claims.get(claim):
                setattr(user, attribute, claims[claim][:150])
                fields.append(attribute)
        role = synced_role(claims)
        if settings.OIDC_SYNC_ROLES and role != user.role:
            logger.info("single sign-on changes the role of user %s from %s to %s", user.pk, user.role, role)
            user.role, user.is_staff = role, role == Role.ADMIN
            fields += ["role", "is_staff"]
        fields += _sync_organisation(user, claims)
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


def _sync_organisation(user: User, claims: dict[str, Any]) -> list[str]:
    """Department and location follow the claims named by OIDC_DEPARTMENT_CLAIM / OIDC_LOCATION_CLAIM when
    the provider sends them: a department is created when new, a location must exist (it needs a city)."""
    fields = []
    department_name = claims.get(getattr(settings, "OIDC_DEPARTMENT_CLAIM", "department"))
    if isinstance(department_name, str) and department_name.strip():
        department = Department.objects.filter(name__iexact=department_name.strip()).first()
        department = department or Department.objects.create(name=department_name.strip()[:120])
        if user.department_id != department.pk:
            user.department = department
            fields.append("department")
    location_name = claims.get(getattr(settings, "OIDC_LOCATION_CLAIM", "location"))
    if isinstance(location_name, str) and location_name.strip():
        location = Location.objects.filter(name__iexact=location_name.strip()).first()
        if location is not None and user.location_id != location.pk:
            user.location = location
            fields.append("location")
    return fields
