"""Errors of the networks' APIs as the rest of Sichtbar sees them (re-exported from integrations.services).

Callers (sharing, the sync tasks) decide by type: retry later, ask the person to re-consent, or give up.
"""

from sichtbar.core.http import OutboundError, OutboundHttpError


class ProviderError(Exception):
    """The network refused or failed. `temporary`: trying again later may help (5xx, timeouts, garbage)."""

    def __init__(self, message: str, *, temporary: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.temporary = temporary
        self.status = status


class ProviderRateLimited(ProviderError):
    """HTTP 429: try again after `retry_after` seconds (None when the network did not say)."""

    def __init__(self, message: str = "rate limited", *, retry_after: int | None = None) -> None:
        super().__init__(message, temporary=True, status=429)
        self.retry_after = retry_after


class ProviderAuthExpired(ProviderError):
    """HTTP 401 or no usable token: the person has to connect the network again (re-consent)."""

    def __init__(self, message: str = "the access token is no longer valid") -> None:
        super().__init__(message, temporary=False, status=401)


def provider_error_from(exc: OutboundError) -> ProviderError:
    """Map an outbound client error to the provider error callers handle."""
    if isinstance(exc, OutboundHttpError):
        if exc.status == 401:
            return ProviderAuthExpired()
        if exc.status == 429:
            retry = int(exc.retry_after) if exc.retry_after is not None else None
            return ProviderRateLimited(retry_after=retry)
        return ProviderError(f"HTTP {exc.status}", temporary=exc.temporary, status=exc.status)
    return ProviderError(type(exc).__name__, temporary=exc.temporary)
