from collections.abc import Iterator

import pytest

from sichtbar.integrations.tests.blog_server import BlogServer


@pytest.fixture
def site(settings) -> Iterator[BlogServer]:
    """A real HTTP server on loopback (pages, feeds, images) the guarded client is allowed to reach."""
    server = BlogServer()
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port]
    yield server
    server.close()
