"""Request body parsers: JSON with a nesting limit (deeply nested bodies are a 400, never a RecursionError
in a serializer), plus DRF's form and multipart parsers."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def json_depth_exceeds(data: Any, limit: int) -> bool:
    """Whether lists/objects in `data` nest deeper than `limit` (iterative: no recursion of its own)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class DepthLimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        message = _("The JSON body nests deeper than %(limit)s levels.") % {
            "limit": settings.API_JSON_MAX_DEPTH
        }
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if json_depth_exceeds(data, settings.API_JSON_MAX_DEPTH):
            raise ParseError(message)
        return data
