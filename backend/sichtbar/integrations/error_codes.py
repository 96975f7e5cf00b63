"""Stable error codes of the integrations app (documented in docs/api.md)."""

from enum import StrEnum


class IntegrationsErrorCode(StrEnum):
    PROVIDER_NOT_SUPPORTED = "provider_not_supported"
    URL_INVALID = "url_invalid"
    URL_NOT_ALLOWED = "url_not_allowed"
    BLOG_UNREACHABLE = "blog_unreachable"
    FEED_NOT_FOUND = "feed_not_found"
    CONNECTION_EXISTS = "connection_exists"
    TOO_MANY_CONNECTIONS = "too_many_connections"
    PROVIDER_NOT_CONFIGURED = "provider_not_configured"
    INSTANCE_INVALID = "instance_invalid"
    INSTANCE_UNREACHABLE = "instance_unreachable"
    OAUTH_STATE_INVALID = "oauth_state_invalid"
    OAUTH_FAILED = "oauth_failed"
    NOTHING_TO_APPLY = "nothing_to_apply"


class SyncErrorCode(StrEnum):
    """What went wrong in the last sync of a connection (Connection.last_error_code), shown to its owner."""

    BLOCKED = "blocked"
    BLOCKED_PORT = "blocked_port"
    BLOCKED_NETWORK = "blocked_network"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    HTTP_ERROR = "http_error"
    UNREACHABLE = "unreachable"
    INVALID_FEED = "invalid_feed"
    SYNC_FAILED = "sync_failed"
    RATE_LIMITED = "rate_limited"
    AUTH_EXPIRED = "auth_expired"
    PROVIDER_ERROR = "provider_error"
