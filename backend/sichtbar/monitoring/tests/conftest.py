from collections.abc import Callable, Iterator

import pytest

from sichtbar.integrations.tests.blog_server import BlogServer


@pytest.fixture
def news() -> Iterator[BlogServer]:
    """A stand-in news site on loopback (the integrations app's real HTTP server speaking RSS and Atom)."""
    server = BlogServer()
    yield server
    server.close()


@pytest.fixture
def forum() -> Iterator[BlogServer]:
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
