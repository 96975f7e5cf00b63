"""Authorization table rows of the privacy app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.tests.endpoints import Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/privacy/export/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/privacy/erase/", Role.EMPLOYEE, {"confirm_email": "not-me@example.com"}),
    Endpoint("get", "/api/v1/privacy/consents/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/privacy/consents/", Role.EMPLOYEE, {"purpose": "leaderboard", "granted": True}),
    Endpoint(
        "post", "/api/v1/privacy/users/{erasable_user_id}/erase/", Role.ADMIN, {"confirm_email": "x@y.z"}
    ),
    Endpoint("get", "/api/v1/privacy/users/{erasable_user_id}/export/", Role.ADMIN),
    Endpoint("put", "/api/v1/privacy/users/{erasable_user_id}/legal-hold/", Role.ADMIN, {"reason": ""}),
    Endpoint("post", "/api/v1/privacy/lookup/", Role.ADMIN, {"email": "visitor@example.org"}),
    Endpoint("post", "/api/v1/privacy/visitors/export/", Role.ADMIN, {"email": "nobody@example.org"}),
    Endpoint(
        "post",
        "/api/v1/privacy/visitors/erase/",
        Role.ADMIN,
        {"email": "nobody@example.org", "confirm_email": "other@example.org"},
    ),
    Endpoint("get", "/api/v1/privacy/retention/", Role.ADMIN),
    Endpoint("put", "/api/v1/privacy/retention/", Role.ADMIN, {"periods": {}}),
]


def make_objects() -> dict[str, Any]:
    return {"erasable_user_id": UserFactory().id}
