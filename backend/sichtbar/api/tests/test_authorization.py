"""Every endpoint × every role, from the rows each app lists in its tests/access.py."""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from sichtbar.accounts.models import ApiToken, Role
from sichtbar.accounts.tests.factories import UserFactory

from .endpoints import PUBLIC, Endpoint

ROLES = [None, Role.EMPLOYEE, Role.MANAGER, Role.ADMIN]
RANK = {PUBLIC: 0, Role.EMPLOYEE: 1, Role.MANAGER: 2, Role.ADMIN: 3}


def _access_modules() -> list[Any]:
    modules = []
    for app in apps.get_app_configs():
        name = f"{app.name}.tests.access"
        if app.name.startswith("sichtbar.") and find_spec(f"{app.name}.tests") and find_spec(name):
            modules.append(import_module(name))
    return modules


ENDPOINTS: list[Endpoint] = [row for module in _access_modules() for row in module.ENDPOINTS]


@pytest.fixture
def objects(db) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for module in _access_modules():
        if hasattr(module, "make_objects"):
            values.update(module.make_objects())
    return values


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: f"{e.method.upper()} {e.route}")
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_role_access(client_for, objects, endpoint, role):
    user = None if role is None else UserFactory(role=role, is_staff=role == Role.ADMIN)
    values = dict(objects)
    values["token_key"] = ApiToken.objects.create(user=user or UserFactory(), expiry=None, name="t")[
        0
    ].token_key
    client = client_for(user)

    response = getattr(client, endpoint.method)(
        endpoint.route.format(**values), endpoint.body, format=endpoint.format
    )

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
    missing = [
        route
        for route in _api_routes(get_resolver())
        if route != "api/v1/<path:unknown>" and "/" + route.split("<")[0].rstrip("/") not in covered
    ]
    assert missing == []
