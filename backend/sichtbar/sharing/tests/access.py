"""Authorization table rows of the sharing app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.content.tests.factories import FeedContentItemFactory
from sichtbar.core.tests.endpoints import Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/shares/", Role.EMPLOYEE),
    Endpoint(
        "post", "/api/v1/shares/", Role.EMPLOYEE, {"content": 987654, "network": "xing", "text": "Hallo"}
    ),
    Endpoint("post", "/api/v1/shares/check/", Role.EMPLOYEE, {"network": "x", "text": "Hallo"}),
    Endpoint("get", "/api/v1/shares/compose/{share_content_id}/", Role.EMPLOYEE),
    # Employees get 404 for another person's share: the route is open to them, the object is not.
    Endpoint("post", "/api/v1/shares/{share_missing_id}/cancel/", Role.EMPLOYEE),
]


def make_objects() -> dict[str, Any]:
    return {"share_content_id": FeedContentItemFactory().pk, "share_missing_id": 987654}
