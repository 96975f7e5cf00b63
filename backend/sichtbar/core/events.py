"""In-process events and queries: a lower app says what happened (or asks), higher apps answer.

Floors point down (docs/architecture.md): an app imports only its own layer or below, so a lower app
cannot call a higher one. Instead it publishes an event defined here, and each higher app that cares
subscribes in its `AppConfig.ready()`. Handlers run synchronously, in the publisher's transaction, in the
order they subscribed; work that should wait for the commit enqueues with `transaction.on_commit` as
before. A query is an event whose handlers return an answer: `ask()` returns the list of answers.

Every event of the project is declared in this module, so that this file is the one catalogue of what
crosses a floor (docs/architecture.md lists them with their publishers and subscribers).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

E = TypeVar("E", bound="Event | Query[Any]")
R = TypeVar("R")

_handlers: dict[type, list[Callable[[Any], Any]]] = {}


@dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happened; subscribers react, their return values are ignored."""


@dataclass(frozen=True, kw_only=True)
class Query(Generic[R]):
    """A question a lower app asks the apps above it; each subscriber returns one answer of type R."""


def subscribe(kind: type[E], handler: Callable[[E], Any]) -> None:
    """Register `handler` for events of class `kind` (call from AppConfig.ready; registering the same
    handler twice is a no-op, so a second ready() in tests does not run it twice)."""
    handlers = _handlers.setdefault(kind, [])
    if handler not in handlers:
        handlers.append(handler)


def publish(event: Event) -> None:
    """Run every handler subscribed to the event's class, in subscription order."""
    for handler in list(_handlers.get(type(event), ())):
        handler(event)


def ask(query: Query[R]) -> list[R]:
    """Every subscriber's answer to `query`, in subscription order (empty when nobody answers)."""
    return [handler(query) for handler in list(_handlers.get(type(query), ()))]


def subscribers(kind: type) -> list[Callable[[Any], Any]]:
    """The handlers registered for `kind` (for tests and the architecture check)."""
    return list(_handlers.get(kind, ()))


# --- the catalogue -----------------------------------------------------------------------------
# accounts, profiles -> search


@dataclass(frozen=True, kw_only=True)
class UserDetailsChanged(Event):
    """A user's name, department, location or active state changed (accounts). Search reindexes the
    person's profile."""

    user_id: int


@dataclass(frozen=True, kw_only=True)
class ProfilesChanged(Event):
    """Profiles changed what they show (profiles). Search marks them dirty and reindexes after commit."""

    profile_ids: list[int]


@dataclass(frozen=True, kw_only=True)
class ProfilesRemoved(Event):
    """Profiles were erased or deleted (profiles' privacy erasure). Search drops them from every index."""

    profile_ids: list[int]


@dataclass(frozen=True, kw_only=True)
class TaxonomyChanged(Event):
    """Skills were renamed, moved, merged or got synonyms (profiles). Search reindexes who shows them."""

    skill_ids: list[int]


# search -> directory


@dataclass(frozen=True, kw_only=True)
class SearchResultsShown(Event):
    """A search answered with these profiles for this audience (search). The directory counts
    appearances for the experts' own statistics."""

    profile_ids: list[int]
    audience: str


# integrations -> profiles, monitoring


@dataclass(frozen=True, kw_only=True)
class PostsImported(Event):
    """Posts of people were imported, changed or removed (integrations). Profiles refresh the authors'
    skill suggestions (`user_ids`); monitoring scans the new and changed posts for mentions (`post_ids`)."""

    user_ids: list[int]
    post_ids: list[int]


@dataclass(frozen=True)
class AuthoredText:
    """One imported post of a person, as the profile's skill suggestions read it."""

    title: str
    summary: str
    written_at: datetime


@dataclass(frozen=True, kw_only=True)
class AuthoredTexts(Query[list[AuthoredText]]):
    """The imported posts of `user_id` (profiles asks, integrations answers): evidence for skills."""

    user_id: int


@dataclass(frozen=True)
class ShownPost:
    """An imported post the expert chose to show on the profile."""

    title: str
    url: str
    published_at: datetime | None
    network: str = ""  # the connection's provider: blog, mastodon, linkedin, linkedin_archive
    excerpt: str = ""  # plain text, at most POST_EXCERPT_CHARS characters


@dataclass(frozen=True, kw_only=True)
class ShownPosts(Query[list[ShownPost]]):
    """The posts `user_id` shows on the profile, newest first (profiles asks, integrations answers)."""

    user_id: int


@dataclass(frozen=True, kw_only=True)
class AuthorsWithPosts(Query[set[int]]):
    """Active users who have imported posts (profiles' activity score asks, integrations answers)."""


# accounts -> analytics


@dataclass(frozen=True, kw_only=True)
class PersonLeft(Event):
    """A person's account ended on `day` (SCIM deactivation or deletion): they leave that day's headcount."""

    user_id: int
    day: date


# sharing -> recommendations


@dataclass(frozen=True, kw_only=True)
class ContentShared(Event):
    """A person shared a content item (sharing). Recommendations drop the person's cached feed."""

    user_id: int
    content_id: int


# notifications -> content


@dataclass(frozen=True, kw_only=True)
class DigestItems(Query[list[Any]]):
    """The content items of `user_id`'s e-mail digest: live since `since`, matching the person's skills or
    important, at most `limit` (notifications asks, content answers with its ContentItem rows, which the
    digest template renders)."""

    user_id: int
    since: datetime
    limit: int
