"""Fallbacks that keep unknown API paths in the one error shape."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from .exception_handlers import error_body


def api_not_found(request: HttpRequest, unknown: str = "") -> JsonResponse:
    return JsonResponse(
        error_body(message=_("This API endpoint does not exist."), code="not_found"), status=404
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 404 handler: the one error shape under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return api_not_found(request)
    return defaults.page_not_found(request, exception or Http404())


def csrf_failure(request: HttpRequest, reason: str = "") -> JsonResponse:
    """CSRF rejections in the one error shape (the SPA shows the message and fetches a fresh token)."""
    return JsonResponse(
        error_body(
            message=_("Your session's security token is missing or outdated. Please reload the page."),
            code="csrf_failed",
        ),
        status=403,
    )
