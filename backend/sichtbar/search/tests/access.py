"""Authorization table rows of the search app (see sichtbar/core/tests/endpoints.py)."""

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import PUBLIC, Endpoint

ENDPOINTS = [
    Endpoint("get", "/api/v1/public/experts/", PUBLIC),
    Endpoint("get", "/api/v1/public/experts/autocomplete/", PUBLIC),
    Endpoint("post", "/api/v1/public/experts/match/", PUBLIC, {"text": "Kubernetes"}),
    Endpoint("get", "/api/v1/directory/experts/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/directory/autocomplete/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/directory/match/", Role.EMPLOYEE, {"text": "Kubernetes"}),
]
