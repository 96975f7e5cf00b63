"""OpenAPI post-processing: every operation documents the one error shape."""

from typing import Any

ERROR_SCHEMA = {
    "type": "object",
    "required": ["message", "code", "extra"],
    "properties": {
        "message": {"type": "string", "description": "Human-readable, translated (Accept-Language)."},
        "code": {"type": "string", "description": "Stable machine-readable error code."},
        "extra": {
            "type": "object",
            "required": ["fields"],
            "properties": {
                "fields": {
                    "type": "object",
                    "additionalProperties": True,
                    "description": "Field name to list of messages; `non_field_errors` for the whole input.",
                }
            },
            "additionalProperties": True,
        },
    },
}

_DESCRIPTIONS = {
    "400": "Invalid input",
    "401": "Not authenticated",
    "403": "Not authenticated or not allowed",
    "404": "Not found",
    "409": "Conflicts with the current state",
    "413": "Request body too large",
    "415": "Body in a media type the endpoint does not parse",
    "429": "Too many requests (rate limit or login lockout); see Retry-After",
}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            # Every request may be rate-limited (anonymous callers always are); every body may be too
            # large (sichtbar/api/middleware.py) or of a media type the endpoint does not parse; a write
            # may conflict with the current state.
            codes = (
                ["400", "403", "404", "409", "413", "415", "429"]
                if method != "get"
                else ["403", "404", "429"]
            )
            if method == "get" and "parameters" in operation:
                codes.append("400")
            for code in codes:
                responses.setdefault(
                    code,
                    {"description": _DESCRIPTIONS[code], "content": {"application/json": {"schema": ref}}},
                )
    return result
