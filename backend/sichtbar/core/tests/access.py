"""Authorization table rows of the core app (see sichtbar/core/tests/endpoints.py)."""

from sichtbar.core.tests.endpoints import PUBLIC, Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/health/", PUBLIC),
    Endpoint("get", "/api/v1/health/ready/", PUBLIC),
]
