"""Authorization table rows of the profiles app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint

from .factories import ProfileFactory, SkillFactory

ENDPOINTS = [
    Endpoint("get", "/api/v1/profile/", Role.EMPLOYEE),
    Endpoint("patch", "/api/v1/profile/", Role.EMPLOYEE, {"headline_de": "x"}),
    Endpoint("put", "/api/v1/profile/skills/", Role.EMPLOYEE),
    Endpoint("put", "/api/v1/profile/languages/", Role.EMPLOYEE),
    Endpoint("put", "/api/v1/profile/links/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/profile/photo/", Role.EMPLOYEE, format="multipart"),
    Endpoint("delete", "/api/v1/profile/photo/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/profile/publish/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/profile/unpublish/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/profile/preview/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/profile/skill-suggestions/", Role.EMPLOYEE),
    Endpoint(
        "post", "/api/v1/profile/skill-suggestions/{suggestion_id}/accept/", Role.EMPLOYEE, {"level": 3}
    ),
    Endpoint("post", "/api/v1/profile/skill-suggestions/{suggestion_id}/dismiss/", Role.EMPLOYEE),
    Endpoint("get", "/api/v1/skills/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/skills/", Role.MANAGER, {"name_de": "Neu", "name_en": "New"}),
    Endpoint("get", "/api/v1/skills/autocomplete/", Role.EMPLOYEE),
    Endpoint("post", "/api/v1/skills/proposals/", Role.EMPLOYEE, {"name": "Vorschlag"}),
    Endpoint("patch", "/api/v1/skills/{skill_id}/", Role.MANAGER, {"description": "x"}),
    Endpoint("post", "/api/v1/skills/{proposed_skill_id}/approve/", Role.MANAGER),
    Endpoint("post", "/api/v1/skills/{proposed_skill_id}/reject/", Role.MANAGER),
    Endpoint("post", "/api/v1/skills/{skill_id}/merge/", Role.MANAGER, {"into": 0}),
]


def make_objects() -> dict[str, Any]:
    from sichtbar.profiles.models import SkillSuggestion

    suggestion = SkillSuggestion.objects.create(
        profile=ProfileFactory(), skill=SkillFactory(), evidence_count=1
    )
    return {
        "skill_id": SkillFactory().id,
        "proposed_skill_id": SkillFactory(status="proposed").id,
        "suggestion_id": suggestion.id,
    }
