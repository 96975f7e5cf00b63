"""Authorization table rows of the integrations app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

from .factories import ImportedPostFactory

ENDPOINTS = [
    Endpoint("get", "/api/v1/connections/", Role.EMPLOYEE),
    # A loopback address on a closed port: refused by the guard, so the table test never leaves the machine.
    Endpoint(
        "post", "/api/v1/connections/", Role.EMPLOYEE, {"provider": "blog", "url": "http://127.0.0.1:9/"}
    ),
    Endpoint("delete", "/api/v1/connections/{connection_id}/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/connections/{connection_id}/sync/", Role.EMPLOYEE),
    Endpoint(
        "post",
        "/api/v1/connections/{connection_id}/suggestions/apply/",
        Role.EMPLOYEE,
        {"apply": ["profile_url"]},
    ),
    # LinkedIn without credentials in the table test: refused before anything leaves the machine.
    Endpoint("post", "/api/v1/connections/oauth/start/", Role.EMPLOYEE, {"provider": "linkedin"}),
    Endpoint(
        "post",
        "/api/v1/connections/oauth/callback/",
        Role.EMPLOYEE,
        {"provider": "linkedin", "code": "c", "state": "s"},
    ),
    Endpoint("get", "/api/v1/activity/", Role.EMPLOYEE),
    Endpoint("patch", "/api/v1/activity/{imported_post_id}/", Role.EMPLOYEE, {"show_on_profile": True}),
    Endpoint("post", "/api/v1/activity/linkedin-archive/", Role.EMPLOYEE, format="multipart"),
]


def make_objects() -> dict[str, Any]:
    post = ImportedPostFactory()
    return {"connection_id": post.connection_id, "imported_post_id": post.id}
