"""Failed feed fetches as stable codes and translated messages that name the operator setting to change."""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from sichtbar.core.http import (
    OutboundBlocked,
    OutboundError,
    OutboundHttpError,
    OutboundTimeout,
    OutboundTooLarge,
)


class FeedErrorCode(StrEnum):
    """Stored as `last_error_code` of a blog connection, a monitoring feed or a content source."""

    BLOCKED = "blocked"
    BLOCKED_PORT = "blocked_port"
    BLOCKED_NETWORK = "blocked_network"
    TIMEOUT = "timeout"
    TOO_LARGE = "too_large"
    HTTP_ERROR = "http_error"
    UNREACHABLE = "unreachable"
    INVALID_FEED = "invalid_feed"
    FETCH_FAILED = "fetch_failed"


@dataclass(frozen=True)
class FeedError:
    code: str
    message: str  # translated, for the person who connected the feed; never echoes internal detail


def feed_error(error: OutboundError) -> FeedError:
    """The code and message of a failed fetch. A refused port or network names the setting that allows it,
    so an intranet blog's owner knows what to ask their administrator for."""
    if isinstance(error, OutboundBlocked):
        if error.reason == "port":
            return FeedError(
                FeedErrorCode.BLOCKED_PORT,
                _(
                    "Port %(port)s is not allowed for outgoing connections. An administrator can allow it "
                    "with the setting OUTBOUND_HTTP_EXTRA_PORTS."
                )
                % {"port": error.port},
            )
        if error.reason == "address":
            return FeedError(
                FeedErrorCode.BLOCKED_NETWORK,
                _(
                    "This address is in a private or internal network. An administrator can allow the "
                    "network with the setting OUTBOUND_HTTP_ALLOWED_NETWORKS."
                ),
            )
        return FeedError(FeedErrorCode.BLOCKED, _("This address may not be fetched."))
    if isinstance(error, OutboundTimeout):
        return FeedError(FeedErrorCode.TIMEOUT, _("The feed did not answer in time."))
    if isinstance(error, OutboundTooLarge):
        return FeedError(FeedErrorCode.TOO_LARGE, _("The feed is too large."))
    if isinstance(error, OutboundHttpError):
        return FeedError(
            FeedErrorCode.HTTP_ERROR,
            _("The feed answered with HTTP status %(status)s.") % {"status": error.status},
        )
    return FeedError(FeedErrorCode.UNREACHABLE, _("The feed could not be reached."))


def invalid_feed() -> FeedError:
    return FeedError(FeedErrorCode.INVALID_FEED, _("The feed could not be read."))


def fetch_failed() -> FeedError:
    return FeedError(FeedErrorCode.FETCH_FAILED, _("The import failed; it will be retried."))
