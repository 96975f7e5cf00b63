"""Stable error codes of the links app (documented in docs/api.md)."""

LINK_NOT_FOUND = "link_not_found"
CONVERSION_LINK_UNKNOWN = "conversion_link_unknown"
