"""What profiles do when an author's posts are imported: refresh their skill suggestions after the commit."""

from sichtbar.core.events import PostsImported, subscribe

from .services import skill_suggestions_refresh_enqueue


def on_posts_imported(event: PostsImported) -> None:
    for user_id in sorted(set(event.user_ids)):
        skill_suggestions_refresh_enqueue(user_id=user_id)


def register() -> None:
    subscribe(PostsImported, on_posts_imported)
