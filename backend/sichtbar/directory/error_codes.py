"""Stable error codes of the directory app (documented in docs/api.md)."""

from enum import StrEnum


class DirectoryErrorCode(StrEnum):
    CONTACT_NOT_AVAILABLE = "contact_not_available"
    CONSENT_REQUIRED = "consent_required"
    CONTACT_REQUEST_CLOSED = "contact_request_closed"
    ASSIGNEE_INVALID = "assignee_invalid"
    CONTACT_FLOOD_EXPERT = "contact_flood_expert"
    CONTACT_FLOOD_COMPANY = "contact_flood_company"
