"""Authorization table rows of the accounts app (see sichtbar/api/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.api.tests.endpoints import PUBLIC, Endpoint

from .factories import DepartmentFactory, InvitationFactory, LocationFactory, UserFactory

ENDPOINTS = [
    Endpoint("get", "/api/v1/auth/csrf/", PUBLIC),
    Endpoint("post", "/api/v1/auth/login/", PUBLIC, {"email": "x@example.com", "password": "wrong-pass-123"}),
    Endpoint("post", "/api/v1/auth/logout/", PUBLIC),
    Endpoint("get", "/api/v1/auth/me/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/auth/config/", PUBLIC),
    Endpoint("get", "/api/v1/auth/sso/start/", PUBLIC),
    Endpoint("get", "/api/v1/auth/sso/callback/", PUBLIC),
    Endpoint("patch", "/api/v1/auth/me/", Role.EMPLOYEE, {"language": "de"}),
    Endpoint("post", "/api/v1/auth/password-reset/", PUBLIC, {"email": "x@example.com"}),
    Endpoint(
        "post", "/api/v1/auth/password-reset/confirm/", PUBLIC, {"uid": "x", "token": "y", "password": "z"}
    ),
    Endpoint("get", "/api/v1/auth/invitations/{invitation_secret}/", PUBLIC),
    Endpoint("post", "/api/v1/auth/invitations/accept/", PUBLIC, {"token": "unknown", "password": "x"}),
    Endpoint("get", "/api/v1/auth/tokens/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/auth/tokens/", Role.EMPLOYEE, {"name": "t", "expires_in_days": 1}),
    Endpoint("delete", "/api/v1/auth/tokens/{token_key}/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/users/", Role.ADMIN),
    Endpoint("get", "/api/v1/users/{user_id}/", Role.ADMIN),
    Endpoint("patch", "/api/v1/users/{user_id}/", Role.ADMIN, {"role": "employee"}),
    Endpoint("get", "/api/v1/users/invitations/", Role.ADMIN),
    Endpoint("post", "/api/v1/users/invitations/", Role.ADMIN, {"email": "new@example.com"}),
    Endpoint("delete", "/api/v1/users/invitations/{invitation_id}/", Role.ADMIN),
    Endpoint("post", "/api/v1/users/invitations/{invitation_id}/resend/", Role.ADMIN),
    Endpoint("get", "/api/v1/organisation/departments/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/organisation/departments/", Role.ADMIN, {"name": "Neu"}),
    Endpoint("patch", "/api/v1/organisation/departments/{department_id}/", Role.ADMIN, {"name": "Umbenannt"}),
    Endpoint("delete", "/api/v1/organisation/departments/{department_id}/", Role.ADMIN),
    Endpoint("get", "/api/v1/organisation/locations/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/organisation/locations/", Role.ADMIN, {"name": "Neu", "city": "Bonn"}),
    Endpoint("patch", "/api/v1/organisation/locations/{location_id}/", Role.ADMIN, {"city": "Bonn"}),
    Endpoint("delete", "/api/v1/organisation/locations/{location_id}/", Role.ADMIN),
    Endpoint("post", "/api/v1/organisation/import/", Role.ADMIN),
]


def make_objects() -> dict[str, Any]:
    return {
        "invitation_secret": "s3cret",
        "invitation_id": InvitationFactory(secret="s3cret").id,
        "user_id": UserFactory().id,
        "department_id": DepartmentFactory().id,
        "location_id": LocationFactory().id,
    }
