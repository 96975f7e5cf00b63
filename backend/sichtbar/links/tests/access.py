"""Authorization table rows of the links app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

from .factories import TrackedLinkFactory

ENDPOINTS = [
    Endpoint("get", "/api/v1/links/", Role.EMPLOYEE),
    # Employees see their own links' statistics only (404 for others'); the row checks role access.
    Endpoint("get", "/api/v1/links/{tracked_link_id}/stats/", Role.EMPLOYEE),
    Endpoint(
        "post",
        "/api/v1/conversions/",
        Role.MANAGER,
        {"link": "accessTable1", "key": "application-1", "kind": "application"},
    ),
]


def make_objects() -> dict[str, Any]:
    link = TrackedLinkFactory(code="accessTable1")
    return {"tracked_link_id": link.id}
