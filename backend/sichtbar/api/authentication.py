"""Session authentication for the SPA that always enforces CSRF, and its OpenAPI description."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import SessionAuthentication


class CsrfSessionAuthentication(SessionAuthentication):
    """Django's session, as used by the SPA; unsafe methods need the X-CSRFToken header."""


class CsrfSessionAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "sichtbar.api.authentication.CsrfSessionAuthentication"
    name = "sessionAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
