"""Authorization table rows of the core app (see sichtbar/api/tests/endpoints.py)."""

from sichtbar.api.tests.endpoints import PUBLIC, Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/health/", PUBLIC),
    Endpoint("get", "/api/v1/health/ready/", PUBLIC),
]
