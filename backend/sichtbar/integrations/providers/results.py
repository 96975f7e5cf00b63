"""Results of network calls that other apps receive (sharing records them)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublishedPost:
    external_id: str  # e.g. the LinkedIn post URN or the Mastodon status id
    url: str
