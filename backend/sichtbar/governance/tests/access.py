"""Authorization table rows of the governance app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

from .factories import GuidelineFactory, RuleFactory

M, E = Role.MANAGER, Role.EMPLOYEE

ENDPOINTS = [
    Endpoint("get", "/api/v1/content/rules/", M),
    Endpoint(
        "post", "/api/v1/content/rules/", M, {"name": "R", "kind": "word", "value": "x", "action": "warn"}
    ),
    Endpoint("patch", "/api/v1/content/rules/{content_rule_id}/", M, {"name": "Neu"}),
    Endpoint("delete", "/api/v1/content/rules/{content_rule_id}/", M),
    Endpoint("get", "/api/v1/guidelines/", M),
    Endpoint(
        "post", "/api/v1/guidelines/", M, {"title_de": "T", "title_en": "T", "text_de": "a", "text_en": "b"}
    ),
    Endpoint("patch", "/api/v1/guidelines/{guideline_id}/", M, {"title_de": "Neu"}),
    Endpoint("post", "/api/v1/guidelines/{guideline_id}/publish/", M),
    Endpoint("get", "/api/v1/guidelines/current/", E),
    Endpoint("post", "/api/v1/guidelines/current/accept/", E, {"version_id": 0}),
]


def make_objects() -> dict[str, Any]:
    return {
        "content_rule_id": RuleFactory().pk,
        "guideline_id": GuidelineFactory(published_at=None, version=900).pk,
    }
