"""Authorization table rows of the notifications app (see sichtbar/core/tests/endpoints.py)."""

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

E = Role.EMPLOYEE

ENDPOINTS = [
    Endpoint("get", "/api/v1/notifications/", E),
    Endpoint("get", "/api/v1/notifications/unread/", E),
    Endpoint("post", "/api/v1/notifications/read/", E, {}),
    Endpoint("get", "/api/v1/notifications/preference/", E),
    Endpoint("put", "/api/v1/notifications/preference/", E, {"digest": "daily"}),
]
