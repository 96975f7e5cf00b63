"""Authorization table rows of the recommendations app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.content.tests.factories import FeedContentItemFactory
from sichtbar.core.tests.endpoints import Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/feed/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/feed/{feed_content_id}/dismiss/", Role.EMPLOYEE, {"reason": "item"}),
    # 404 when the caller has nothing to undo: the route is open to employees.
    Endpoint("delete", "/api/v1/feed/{feed_content_id}/dismiss/", Role.EMPLOYEE),
]


def make_objects() -> dict[str, Any]:
    return {"feed_content_id": FeedContentItemFactory().pk}
