from collections.abc import Callable, Iterator

import pytest

from .blog_server import BlogServer


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
