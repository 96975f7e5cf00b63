"""Authorization table rows of the content app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

from .factories import ContentItemFactory, ContentSourceFactory

M, E = Role.MANAGER, Role.EMPLOYEE
ITEM = "/api/v1/content/items/{content_item_id}/"

ENDPOINTS = [
    Endpoint("get", "/api/v1/content/items/", M),
    Endpoint("post", "/api/v1/content/items/", M, {"title": "Zugriff", "url": "https://example.com/z"}),
    Endpoint("get", ITEM, M),
    Endpoint("patch", ITEM, M, {"important": True}),
    Endpoint("post", ITEM + "image/", M, {}, "multipart"),
    Endpoint("delete", ITEM + "image/", M),
    Endpoint("post", ITEM + "transition/", M, {"action": "submit"}),
    Endpoint("get", ITEM + "reviewers/", M),
    Endpoint("get", "/api/v1/content/settings/", M),
    Endpoint("patch", "/api/v1/content/settings/", Role.ADMIN, {"allow_self_approval": False}),
    Endpoint("get", ITEM + "comments/", M),
    Endpoint("post", ITEM + "comments/", M, {"body": "Sieht gut aus."}),
    Endpoint("get", ITEM + "history/", M),
    Endpoint("get", "/api/v1/content/review-queue/", M),
    Endpoint("get", "/api/v1/content/available/", E),
    Endpoint("get", "/api/v1/content/suggestions/", E),
    Endpoint("post", "/api/v1/content/suggestions/", E, {"url": "ftp://not-allowed.example"}),
    Endpoint("get", "/api/v1/content/sources/", M),
    Endpoint("post", "/api/v1/content/sources/", M, {"name": "Blog", "feed_url": "notaurl"}),
    Endpoint("patch", "/api/v1/content/sources/{content_source_id}/", M, {"name": "Umbenannt"}),
    Endpoint("delete", "/api/v1/content/sources/{content_source_id}/", M),
    Endpoint("post", "/api/v1/content/sources/{content_source_id}/import/", M),
    Endpoint("post", "/api/v1/content/check/", E, {"text": "Hallo", "network": "x"}),
    Endpoint("get", "/api/v1/content/limits/", E),
]


def make_objects() -> dict[str, Any]:
    return {
        "content_item_id": ContentItemFactory().pk,
        "content_source_id": ContentSourceFactory().pk,
    }
