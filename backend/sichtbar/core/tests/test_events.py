"""The in-process event registry: handlers run in order, once each; every event of the catalogue reaches
the apps above its publisher that need it (the replacement for upward imports)."""

import random
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from sichtbar.core import events
from sichtbar.core.events import Event, Query, ask, publish, subscribe, subscribers
from sichtbar.core.retry import backoff_seconds


@pytest.fixture(autouse=True)
def _registry_restored() -> Iterator[None]:
    """The test's own handlers go away afterwards; the apps' registrations stay as ready() left them."""
    saved = {kind: list(handlers) for kind, handlers in events._handlers.items()}
    yield
    events._handlers.clear()
    events._handlers.update(saved)


@dataclass(frozen=True, kw_only=True)
class _Happened(Event):
    value: int


@dataclass(frozen=True, kw_only=True)
class _HowMany(Query[int]):
    value: int


def test_publish_runs_each_handler_once_in_subscription_order() -> None:
    seen: list[tuple[str, int]] = []

    def first(event: _Happened) -> None:
        seen.append(("first", event.value))

    def second(event: _Happened) -> None:
        seen.append(("second", event.value))

    subscribe(_Happened, first)
    subscribe(_Happened, second)
    subscribe(_Happened, first)  # a second registration (ready() twice) is a no-op
    publish(_Happened(value=7))
    assert seen == [("first", 7), ("second", 7)]
    assert subscribers(_Happened) == [first, second]


def test_ask_collects_every_answer_and_nobody_answering_is_an_empty_list() -> None:
    assert ask(_HowMany(value=1)) == []
    subscribe(_HowMany, lambda query: query.value * 2)
    subscribe(_HowMany, lambda query: query.value * 3)
    assert ask(_HowMany(value=5)) == [10, 15]


def test_an_event_of_another_class_reaches_no_handler() -> None:
    seen: list[int] = []

    @dataclass(frozen=True, kw_only=True)
    class _Other(Event):
        value: int

    subscribe(_Happened, lambda event: seen.append(event.value))
    publish(_Other(value=3))
    assert seen == []


def _subscriber_modules(kind: type) -> list[str]:
    return [handler.__module__ for handler in subscribers(kind)]


def test_the_installed_apps_subscribe_where_the_catalogue_says() -> None:
    """AppConfig.ready() of each app registered its handlers (docs/architecture.md lists the same)."""
    assert _subscriber_modules(events.UserDetailsChanged) == ["sichtbar.search.subscribers"]
    assert _subscriber_modules(events.ProfilesChanged) == ["sichtbar.search.subscribers"]
    assert _subscriber_modules(events.ProfilesRemoved) == ["sichtbar.search.subscribers"]
    assert _subscriber_modules(events.TaxonomyChanged) == ["sichtbar.search.subscribers"]
    assert _subscriber_modules(events.SearchResultsShown) == ["sichtbar.directory.subscribers"]
    assert sorted(_subscriber_modules(events.PostsImported)) == [
        "sichtbar.monitoring.subscribers",
        "sichtbar.profiles.subscribers",
    ]
    assert _subscriber_modules(events.AuthoredTexts) == ["sichtbar.integrations.subscribers"]
    assert _subscriber_modules(events.ShownPosts) == ["sichtbar.integrations.subscribers"]
    assert _subscriber_modules(events.AuthorsWithPosts) == ["sichtbar.integrations.subscribers"]
    assert _subscriber_modules(events.ContentShared) == ["sichtbar.recommendations.subscribers"]
    assert _subscriber_modules(events.DigestItems) == ["sichtbar.content.subscribers"]


def test_backoff_doubles_with_jitter_caps_and_lets_retry_after_win() -> None:
    random.seed(1)
    for retries, low, high in [(0, 48, 72), (1, 96, 144), (2, 192, 288), (20, 2880, 4320)]:
        assert low <= backoff_seconds(retries) <= high
    assert 24 <= backoff_seconds(0, base=30) <= 36
    assert backoff_seconds(0, retry_after=1800) == 1800
    assert backoff_seconds(0, base=0.1) == 1  # never less than a second
