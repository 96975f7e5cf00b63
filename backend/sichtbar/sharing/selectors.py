"""Reads of the sharing app: a person's shares, what a share dialog offers, and due scheduled shares."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet

from sichtbar.accounts.models import User
from sichtbar.content.limits import NETWORK_TEXT_LIMITS, X_URL_LENGTH
from sichtbar.content.models import ContentItem, ShareText
from sichtbar.content.selectors import content_visible_to
from sichtbar.core.networks import Network
from sichtbar.integrations.selectors import posting_connection

from .models import Share, ShareStatus

# Networks with a posting API (when the person connected an account); all others open a share intent.
API_NETWORKS = {Network.LINKEDIN, Network.MASTODON}
# The tracked link is appended to the text: a separator and the link (networks count URLs as 23).
LINK_ALLOWANCE = X_URL_LENGTH + 2
STALE_QUEUED_MINUTES = 15


def share_list(*, user: User) -> QuerySet[Share]:
    return Share.objects.filter(user=user).select_related("content", "link").order_by("-created_at", "-id")


def share_get(*, user: User, pk: int) -> Share | None:
    return share_list(user=user).filter(pk=pk).first()


def shareable_content_get(*, user: User, pk: int) -> ContentItem | None:
    return content_visible_to(user=user).filter(pk=pk).first()


def text_limit(network: str) -> int:
    """Characters the person may write: the network's limit minus room for the tracked link."""
    return NETWORK_TEXT_LIMITS[network] - LINK_ALLOWANCE


@dataclass(frozen=True)
class NetworkOption:
    network: str
    display_name: str
    limit: int
    suggested_text: str
    method: str  # "api" or "intent"
    connected: bool


def share_options(*, user: User, content: ContentItem) -> list[NetworkOption]:
    """Per network: the suggested text, the limit, and whether the post goes out through the API."""
    suggested = dict(ShareText.objects.filter(content=content).values_list("network", "text"))
    options = []
    for network in Network:
        connected = network in API_NETWORKS and posting_connection(user=user, provider=network) is not None
        options.append(
            NetworkOption(
                network=network.value,
                display_name=str(network.label),
                limit=text_limit(network),
                suggested_text=suggested.get(network.value, ""),
                method="api" if connected else "intent",
                connected=connected,
            )
        )
    return options


def shares_stale_queued(*, now: datetime) -> list[int]:
    """Queued shares whose task message may have been lost (broker outage): the sweep enqueues them again."""
    return list(
        Share.objects.filter(
            status=ShareStatus.QUEUED, updated_at__lt=now - timedelta(minutes=STALE_QUEUED_MINUTES)
        ).values_list("id", flat=True)
    )
