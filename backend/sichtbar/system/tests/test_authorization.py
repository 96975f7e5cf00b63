"""Every endpoint × every role, from the rows each app lists in its tests/access.py."""

import inspect
import re
from importlib import import_module
from importlib.util import find_spec
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from sichtbar.accounts.models import ApiToken, Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.accounts.tests.roles import RANK, ROLES
from sichtbar.core.tests.endpoints import PUBLIC, SCIM_TOKEN, Endpoint


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

    if endpoint.lowest_role == SCIM_TOKEN:  # a session of any role, admins included, is not a SCIM client
        assert response.status_code == 401, response.content
        assert response.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
        return
    allowed = RANK[role or PUBLIC] >= RANK[endpoint.lowest_role]
    if allowed:
        assert response.status_code not in (401, 403), response.content
        assert response.status_code < 500
    else:
        assert response.status_code == 403, response.content
        assert response.json()["code"] in {"not_authenticated", "permission_denied"}


SCIM_ENDPOINTS = [e for e in ENDPOINTS if e.lowest_role == SCIM_TOKEN]


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", SCIM_ENDPOINTS, ids=lambda e: f"{e.method.upper()} {e.route}")
def test_scim_routes_open_with_a_scim_token_only(objects, endpoint):
    """The SCIM bearer token opens every SCIM route; an admin's personal API token sent the same way does not,
    and neither does a revoked SCIM token."""
    from rest_framework.test import APIClient

    from sichtbar.accounts.scim import scim_token_create, scim_token_revoke

    admin = UserFactory(role=Role.ADMIN, is_staff=True)
    _personal, personal_secret = ApiToken.objects.create(user=admin, expiry=None, name="t")
    _token, secret = scim_token_create(name="IdP")
    revoked, revoked_secret = scim_token_create(name="old")
    scim_token_revoke(token=revoked, actor=admin)
    route = endpoint.route.format(**objects)

    def call(bearer: str) -> Any:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {bearer}")
        return getattr(client, endpoint.method)(route, endpoint.body, format=endpoint.format)

    opened = call(secret)
    assert opened.status_code not in (401, 403) and opened.status_code < 500, opened.content
    assert call(personal_secret).status_code == 401
    assert call(revoked_secret).status_code == 401


def _api_routes(resolver: URLResolver, prefix: str = "") -> list[tuple[str, Any]]:
    """Every /api/v1/ and /scim/v2/ URL pattern with its view callback, includes expanded."""
    routes = []
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            routes += _api_routes(pattern, text)
        elif isinstance(pattern, URLPattern) and text.startswith(("api/v1/", "scim/v2/")):
            routes.append((text, pattern.callback))
    return routes


def _route_key(route: str) -> str:
    """`api/v1/skills/<int:pk>/merge/` and `/api/v1/skills/{skill_id}/merge/` name the same route."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", route).strip("/")


def _methods(callback: Any) -> list[str]:
    """The HTTP methods a route answers: a viewset route's action map, or the view class's handlers."""
    # throttle() and other decorators wrap the view: the first layer that knows its class counts
    view = inspect.unwrap(callback, stop=lambda f: hasattr(f, "cls") or hasattr(f, "view_class"))
    actions = getattr(view, "actions", None)
    if actions:
        return sorted(actions)
    view_class = getattr(view, "cls", None) or getattr(view, "view_class", None)
    assert view_class is not None, f"{callback} is not a class-based view: its methods are unknown"
    return sorted(
        method
        for method in view_class.http_method_names
        if method not in {"options", "head", "trace"} and hasattr(view_class, method)
    )


def _served() -> set[tuple[str, str]]:
    return {
        (method, _route_key(route))
        for route, callback in _api_routes(get_resolver())
        if route != "api/v1/<path:unknown>"  # the JSON 404 for unknown API paths
        for method in _methods(callback)
    }


def test_every_api_route_and_method_is_in_the_table():
    """Exact: each URL pattern × method a view answers has a row (a new route under an existing prefix, or
    a new method on an existing route, fails until its row is written)."""
    rows = {(e.method.lower(), _route_key(e.route)) for e in ENDPOINTS}
    assert sorted(_served() - rows) == []


def test_every_row_names_a_route_and_method_that_exist():
    """No stale rows: a removed or renamed route must leave the table too, or its row tests nothing."""
    rows = {(e.method.lower(), _route_key(e.route)) for e in ENDPOINTS}
    assert sorted(rows - _served()) == []
    assert len(rows) == len(ENDPOINTS)  # no row listed twice
