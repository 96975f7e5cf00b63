"""The authorization table's vocabulary. Each app lists its endpoints in `sichtbar/<app>/tests/access.py`:

    ENDPOINTS = [Endpoint("get", "/api/v1/things/{thing_id}/", Role.EMPLOYEE), ...]

    def make_objects() -> dict[str, Any]:   # optional: fills the route placeholders
        return {"thing_id": ThingFactory().id}

The table test (sichtbar/api/tests/test_authorization.py) runs every row for every role and fails for an
/api/v1/ route × method that no row covers (and for a row that names no route).
"""

from dataclasses import dataclass, field
from typing import Any

PUBLIC = "public"


@dataclass(frozen=True)
class Endpoint:
    method: str
    route: str  # {placeholders} are filled from the objects the apps' make_objects() return
    lowest_role: str  # PUBLIC or a Role value
    body: dict[str, Any] = field(default_factory=dict)
    format: str = "json"
