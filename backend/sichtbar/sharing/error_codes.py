"""Stable error codes of the sharing app (documented in docs/api.md)."""

from enum import StrEnum


class SharingErrorCode(StrEnum):
    CONTENT_NOT_FOUND = "share_content_not_found"
    SHARE_NOT_FOUND = "share_not_found"
    GUIDELINE_NOT_ACCEPTED = "guideline_not_accepted"
    TEXT_TOO_LONG = "share_text_too_long"
    TEXT_BLOCKED = "share_text_blocked"
    WARNINGS_NOT_ACKNOWLEDGED = "share_warnings_not_acknowledged"
    SCHEDULE_NEEDS_CONNECTION = "share_schedule_needs_connection"
    SCHEDULE_IN_PAST = "share_schedule_in_past"
    NOT_CANCELLABLE = "share_not_cancellable"


class ShareFailureCode(StrEnum):
    """Why a queued share could not be posted (Share.error_code)."""

    AUTH_EXPIRED = "auth_expired"
    NOT_CONNECTED = "not_connected"
    RATE_LIMITED = "rate_limited"
    PROVIDER_ERROR = "provider_error"
