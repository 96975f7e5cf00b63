"""Request size limit enforced by the app itself (a proxy in front may do the same, but need not exist):
a body larger than allowed for its path is refused with 413 before anything reads it."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from .exception_handlers import error_body


def body_limit(path: str) -> int:
    """Bytes a request body to `path` may have: the larger limit of an upload path, else the default."""
    for prefix, limit in settings.API_MAX_BODY_BYTES_BY_PATH.items():
        if path.startswith(prefix):
            return int(limit)
    return int(settings.API_MAX_BODY_BYTES)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    message = _("The request body is too large (at most %(megabytes)s MB).") % {
        "megabytes": round(limit / 1024 / 1024, 1)
    }
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(message=message, code="request_too_large"), status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")


class BodySizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = body_limit(request.path)
        if length > limit:
            return too_large(request, limit)
        return self.get_response(request)
