"""The integrations app's answers to lower apps' questions about imported posts (sichtbar.core.events)."""

from sichtbar.core.events import (
    AuthoredText,
    AuthoredTexts,
    AuthorsWithPosts,
    ShownPost,
    ShownPosts,
    subscribe,
)
from sichtbar.core.richtext import html_to_text

from .models import ImportedPost
from .selectors import profile_posts


def authored_texts(query: AuthoredTexts) -> list[AuthoredText]:
    rows = ImportedPost.objects.filter(author_id=query.user_id).values_list(
        "title", "summary", "published_at", "created_at"
    )
    return [
        AuthoredText(title, summary, published_at or created_at)
        for title, summary, published_at, created_at in rows
    ]


POST_EXCERPT_CHARS = 280


def excerpt(summary: str, *, limit: int = POST_EXCERPT_CHARS) -> str:
    """A post's text as a short plain excerpt: whole words, an ellipsis where it was cut."""
    text = " ".join(html_to_text(summary).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,.;:–-") + "…"


def shown_posts(query: ShownPosts) -> list[ShownPost]:
    return [
        ShownPost(
            post.title,
            post.url,
            post.published_at,
            network=post.connection.provider,
            excerpt=excerpt(post.summary),
        )
        for post in profile_posts(user_id=query.user_id)
    ]


def authors_with_posts(query: AuthorsWithPosts) -> set[int]:
    return set(ImportedPost.objects.filter(author__is_active=True).values_list("author_id", flat=True))


def register() -> None:
    subscribe(AuthoredTexts, authored_texts)
    subscribe(ShownPosts, shown_posts)
    subscribe(AuthorsWithPosts, authors_with_posts)
