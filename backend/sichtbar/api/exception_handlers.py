"""One error shape for every error: {"message", "code", "extra": {"fields": {...}}}."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from sichtbar.core.errors import ApplicationError

logger = logging.getLogger(__name__)


def _flatten(detail: Any) -> dict[str, Any]:
    """Turn DRF's nested error detail into {field: [messages]} (nested fields keep nesting)."""
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def _messages(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _messages(inner) for key, inner in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return [_messages(item) for item in value]
        return [str(item) for item in value]
    return [str(value)]


def error_body(
    *, message: str, code: str, fields: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    return {"message": message, "code": code, "extra": {"fields": fields or {}, **extra}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        set_rollback()  # a refused operation leaves nothing half-written
        return Response(
            error_body(message=exc.message, code=exc.code, fields=exc.fields, **exc.extra),
            status=exc.status_code,
        )
    if isinstance(exc, RequestDataTooBig):
        set_rollback()
        return Response(
            error_body(message=_("The request body is too large."), code="request_too_large"),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, SuspiciousOperation):
        # Django's guards on what a request may carry (more form fields or files than
        # DATA_UPLOAD_MAX_NUMBER_FIELDS/FILES, a malformed multipart body): the client's fault, as
        # Django's own views answer it (400), in the one error shape.
        set_rollback()
        message = _("The request could not be read: it has too many fields or a malformed body.")
        return Response(error_body(message=message, code="bad_request"), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, OverflowError):
        # A number beyond what the database holds (SQLite: 64 bits) that no input type caught.
        set_rollback()
        message = _("A number is out of range.")
        return Response(error_body(message=message, code="out_of_range"), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("unhandled API error", exc_info=exc)
        set_rollback()
        return Response(
            error_body(message=_("Something went wrong on our side. Please try again."), code="server_error"),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )

    assert isinstance(exc, exceptions.APIException)
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        message = _("Please correct the highlighted fields.")
        non_field = fields.get("non_field_errors")
        if isinstance(non_field, list) and non_field and len(fields) == 1:
            message = non_field[0]
        response.data = error_body(message=message, code="validation_error", fields=fields)
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.default_detail)
        extra: dict[str, Any] = {}
        wait = getattr(exc, "wait", None)
        if isinstance(exc, exceptions.Throttled) and wait is not None:
            extra["retry_after_seconds"] = int(wait)
        response.data = error_body(message=str(detail), code=str(code), **extra)
    return response
