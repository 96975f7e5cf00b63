"""Company single sign-on with OpenID Connect (mozilla-django-oidc): users are linked by e-mail or created
on first login; at every sign-in their role (up and down), department and location follow the identity
provider's claims through the documented mapping, and a person the provider no longer admits is signed out
everywhere."""

import logging
from typing import Any
from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from sichtbar.api.exception_handlers import error_body
from sichtbar.audit.services import audit_record

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
    def _verify_jws(self, payload: str, key: Any) -> Any:
        # The library turns only a bad signature into SuspiciousOperation; an expired or not-yet-valid
        # token escaped as a server error.
        try:
            return super()._verify_jws(payload, key)
        except jwt.InvalidTokenError as exc:
            raise SuspiciousOperation(f"ID token verification failed: {exc}") from exc

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        """The library checks the signature against the provider's JWKS, the expiry and the nonce, but not
        whom the ID token was issued to nor by whom: a token the same provider issued to another of the
        company's applications must not sign anyone in here."""
        payload = super().verify_token(token, **kwargs)
        if "nonce" not in kwargs:  # a signed userinfo answer, not the ID token
            return payload
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token audience does not name this client.")
        if len(audiences) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token authorized party is not this client.")
        issuer = getattr(settings, "OIDC_OP_ISSUER", "")
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token issuer is not the configured provider.")
        return payload

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


class SsoFailure:
    """Why a sign-in through the provider failed, as the login page words it (`/login?sso=failed&reason=`)."""

    # the answer belongs to no sign-in this browser started (forged, replayed or expired state)
    STATE = "state"
    # the ID token failed verification: signature, nonce, audience, issuer or expiry
    TOKEN = "token"
    # the provider's token or userinfo endpoint could not be reached or refused the code
    PROVIDER = "provider"
    # the provider answered with an error, e.g. the person declined consent
    DENIED = "denied"
    # verified, but not admitted: unverified e-mail, outside the required group, deactivated
    REFUSED = "refused"


class SsoCallbackView(_SsoEnabledMixin, OIDCAuthenticationCallbackView):
    """The library's callback, with every failure turned into the login page with a reason (never a bare 400
    page), logged and audit-logged; the person is not signed in."""

    reason = SsoFailure.REFUSED

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.GET.get("error"):
            self.reason = SsoFailure.DENIED
        elif "oidc_states" not in request.session:
            self.reason = SsoFailure.STATE
        try:
            return super().get(request)
        except SuspiciousOperation as exc:
            reason = SsoFailure.STATE if "state" in str(exc) else SsoFailure.TOKEN
            return self._failed(reason, str(exc))
        except OSError as exc:  # requests' errors: token or userinfo endpoint unreachable or refusing
            return self._failed(SsoFailure.PROVIDER, type(exc).__name__)

    def _failed(self, reason: str, detail: str) -> HttpResponse:
        logger.warning("single sign-on failed (%s): %s", reason, detail)
        audit_record(actor=None, action="auth.sso_failed", changes={"reason": reason, "detail": detail[:200]})
        self.reason = reason
        return self.login_failure()

    def login_failure(self) -> HttpResponse:
        separator = "&" if "?" in self.failure_url else "?"
        return HttpResponseRedirect(f"{self.failure_url}{separator}{urlencode({'reason': self.reason})}")


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
