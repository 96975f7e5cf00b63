"""What recommendations do when a person shares: their cached feed is stale (the item leaves it)."""

from sichtbar.core.events import ContentShared, subscribe

from .selectors import feed_cache_invalidate


def on_content_shared(event: ContentShared) -> None:
    feed_cache_invalidate(user_id=event.user_id)


def register() -> None:
    subscribe(ContentShared, on_content_shared)
