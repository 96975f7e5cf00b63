"""Every endpoint × every role. Later apps add rows to ENDPOINTS; a route without a row fails a test."""

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from sichtbar.accounts.models import ApiToken, Role
from sichtbar.accounts.tests.factories import (
    DepartmentFactory,
    InvitationFactory,
    LocationFactory,
    UserFactory,
)

PUBLIC = "public"
ROLES = [None, Role.EMPLOYEE, Role.MANAGER, Role.ADMIN]
RANK = {PUBLIC: 0, Role.EMPLOYEE: 1, Role.MANAGER: 2, Role.ADMIN: 3}


@dataclass(frozen=True)
class Endpoint:
    method: str
    route: str  # with {placeholders} filled from the objects fixture
    lowest_role: str
    body: dict[str, Any] = field(default_factory=dict)


ENDPOINTS = [
    Endpoint("get", "/api/v1/health/", PUBLIC),
    Endpoint("get", "/api/v1/health/ready/", PUBLIC),
    Endpoint("get", "/api/v1/auth/csrf/", PUBLIC),
    Endpoint("post", "/api/v1/auth/login/", PUBLIC, {"email": "x@example.com", "password": "wrong-pass-123"}),
    Endpoint("post", "/api/v1/auth/logout/", PUBLIC),
    Endpoint("get", "/api/v1/auth/me/", Role.EMPLOYEE),
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


@pytest.fixture
def objects(db) -> dict[str, Any]:
    return {
        "invitation_secret": "s3cret",
        "invitation_id": InvitationFactory(secret="s3cret").id,
        "user_id": UserFactory().id,
        "department_id": DepartmentFactory().id,
        "location_id": LocationFactory().id,
    }


def _client_and_objects(client_for, role, objects):
    user = None if role is None else UserFactory(role=role, is_staff=role == Role.ADMIN)
    values = dict(objects)
    owner = user or UserFactory()
    values["token_key"] = ApiToken.objects.create(user=owner, expiry=None, name="t")[0].token_key
    return client_for(user), values


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method.upper()} {e.route}")
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_role_access(client_for, objects, endpoint, role):
    client, values = _client_and_objects(client_for, role, objects)

    response = getattr(client, endpoint.method)(endpoint.route.format(**values), endpoint.body, format="json")

    allowed = RANK[role or PUBLIC] >= RANK[endpoint.lowest_role]
    if allowed:
        assert response.status_code not in (401, 403), response.content
        assert response.status_code < 500
    else:
        assert response.status_code == 403, response.content
        assert response.json()["code"] in {"not_authenticated", "permission_denied"}


def _api_routes(resolver: URLResolver, prefix: str = "") -> list[str]:
    routes = []
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += _api_routes(pattern, text)
        elif isinstance(pattern, URLPattern) and text.startswith("api/v1/"):
            routes.append(text)
    return routes


def test_every_api_route_is_in_the_table():
    covered = {e.route.split("{")[0].rstrip("/") for e in ENDPOINTS}
    missing = []
    for route in _api_routes(get_resolver()):
        if route == "api/v1/<path:unknown>":
            continue
        static = "/" + route.split("<")[0].rstrip("/")
        if static not in covered and static + "/" not in {c + "/" for c in covered}:
            missing.append(route)
    assert missing == []
