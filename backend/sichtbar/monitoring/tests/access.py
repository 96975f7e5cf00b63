"""Authorization table rows of the monitoring app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

from .factories import MonitoredTermFactory, MonitoringFeedFactory

ENDPOINTS = [
    Endpoint("get", "/api/v1/monitoring/feeds/", Role.MANAGER),
    Endpoint(
        "post",
        "/api/v1/monitoring/feeds/",
        Role.MANAGER,
        {"name": "Presse", "url": "https://presse.example.com/feed", "kind": "news"},
    ),
    Endpoint("patch", "/api/v1/monitoring/feeds/{monitoring_feed_id}/", Role.MANAGER, {"name": "Neu"}),
    Endpoint("delete", "/api/v1/monitoring/feeds/{monitoring_feed_id}/", Role.MANAGER),
    Endpoint("post", "/api/v1/monitoring/feeds/{monitoring_feed_id}/fetch/", Role.MANAGER),
    Endpoint("get", "/api/v1/monitoring/terms/", Role.MANAGER),
    Endpoint("post", "/api/v1/monitoring/terms/", Role.MANAGER, {"text": "Zugriffstest", "kind": "brand"}),
    Endpoint("patch", "/api/v1/monitoring/terms/{monitoring_term_id}/", Role.MANAGER, {"active": False}),
    Endpoint("delete", "/api/v1/monitoring/terms/{monitoring_term_id}/", Role.MANAGER),
    # Employees see the mentions that name them: the routes are open to them, the data is filtered.
    Endpoint("get", "/api/v1/monitoring/mentions/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/monitoring/mentions/summary/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/monitoring/mentions/export/", Role.EMPLOYEE),
]


def make_objects() -> dict[str, Any]:
    return {
        "monitoring_feed_id": MonitoringFeedFactory().pk,
        "monitoring_term_id": MonitoredTermFactory().pk,
    }
