"""The authorization table's vocabulary. Each app lists its endpoints in `sichtbar/<app>/tests/access.py`:

    ENDPOINTS = [Endpoint("get", "/api/v1/things/{thing_id}/", Role.EMPLOYEE), ...]

    def make_objects() -> dict[str, Any]:   # optional: fills the route placeholders
        return {"thing_id": ThingFactory().id}

The table test (sichtbar/system/tests/test_authorization.py) runs every row for every role and fails for an
/api/v1/ or /scim/v2/ route × method that no row covers (and for a row that names no route). SCIM routes
have the lowest "role" SCIM_TOKEN: no session or personal token of any role opens them, only a SCIM bearer
token an administrator created.
"""

from dataclasses import dataclass, field
from typing import Any

PUBLIC = "public"
SCIM_TOKEN = "scim-token"


@dataclass(frozen=True)
class Endpoint:
    method: str
    route: str  # {placeholders} are filled from the objects the apps' make_objects() return
    lowest_role: str  # PUBLIC, a Role value, or SCIM_TOKEN
    body: dict[str, Any] = field(default_factory=dict)
    format: str = "json"
