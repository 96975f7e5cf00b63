"""Authorization table rows of the organisation app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/organisation/privacy/", Role.MANAGER),
    Endpoint("put", "/api/v1/organisation/privacy/", Role.ADMIN, body={"works_council_mode_choice": True}),
]


def make_objects() -> dict[str, Any]:
    return {}
