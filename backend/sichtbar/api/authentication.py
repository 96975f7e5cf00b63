"""Session authentication for the SPA that always enforces CSRF, and its OpenAPI description."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication


class CsrfSessionAuthentication(SessionAuthentication):
    """Django's session, as used by the SPA; unsafe methods need the X-CSRFToken header."""

    def enforce_csrf(self, request: Any) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                _("Your session's security token is missing or outdated. Please reload the page."),
                code="csrf_failed",
            ) from None


class CsrfSessionAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "sichtbar.api.authentication.CsrfSessionAuthentication"
    name = "sessionAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
