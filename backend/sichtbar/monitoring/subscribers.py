"""What mention monitoring does when posts are imported: scan the new and changed ones after the commit."""

from sichtbar.core.events import PostsImported, subscribe

from .services import mentions_scan_posts_enqueue


def on_posts_imported(event: PostsImported) -> None:
    mentions_scan_posts_enqueue(post_ids=event.post_ids)


def register() -> None:
    subscribe(PostsImported, on_posts_imported)
