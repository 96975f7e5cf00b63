from collections.abc import Callable, Iterator

import pytest

from .blog_server import BlogServer
from .linkedin_server import LinkedInServer
from .linkedin_server import settings_for as linkedin_settings_for
from .mastodon_server import MastodonServer


@pytest.fixture
def blog() -> Iterator[BlogServer]:
    server = BlogServer()
    yield server
    server.close()


@pytest.fixture
def allow(settings) -> Callable[..., None]:
    """Let the outbound client reach the given stand-in servers (loopback and their ports allowed)."""

    def _allow(*servers: BlogServer) -> None:
        settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
        settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port for server in servers]

    return _allow


@pytest.fixture
def allowed_blog(blog, allow) -> BlogServer:
    allow(blog)
    return blog


@pytest.fixture
def linkedin(settings, monkeypatch) -> Iterator[LinkedInServer]:
    """A stand-in LinkedIn the settings point at (posting enabled), reachable through the guard."""
    server = LinkedInServer()
    _allow_oauth(settings, monkeypatch, server)
    linkedin_settings_for(settings, server)
    yield server
    server.close()


@pytest.fixture
def mastodon(settings, monkeypatch) -> Iterator[MastodonServer]:
    server = MastodonServer()
    _allow_oauth(settings, monkeypatch, server)
    yield server
    server.close()


def _allow_oauth(settings, monkeypatch, server) -> None:
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [*getattr(settings, "OUTBOUND_HTTP_EXTRA_PORTS", []), server.port]
    settings.SITE_URL = "http://sichtbar.test"
    # oauthlib insists on https; the stand-ins speak plain HTTP on loopback.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
