"""Authorization table rows of the audit app (see sichtbar/core/tests/endpoints.py)."""

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/audit-log/", Role.ADMIN),
    Endpoint("get", "/api/v1/audit-log/export/", Role.ADMIN),
]
