"""Stable error codes of the monitoring app (documented in docs/api.md)."""

from enum import StrEnum


class MonitoringErrorCode(StrEnum):
    FEED_URL_INVALID = "monitoring_feed_url_invalid"
    FEED_EXISTS = "monitoring_feed_exists"
    TERM_EXISTS = "monitoring_term_exists"
    TERM_INVALID = "monitoring_term_invalid"
    FEED_NOT_FOUND = "monitoring_feed_not_found"
    TERM_NOT_FOUND = "monitoring_term_not_found"


class FeedFetchErrorCode(StrEnum):
    """Stored on a feed as `last_error_code` after a failed fetch."""

    BLOCKED = "blocked"
    BLOCKED_PORT = "blocked_port"
    BLOCKED_NETWORK = "blocked_network"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    HTTP_ERROR = "http_error"
    UNREACHABLE = "unreachable"
    INVALID_FEED = "invalid_feed"
    FETCH_FAILED = "fetch_failed"
