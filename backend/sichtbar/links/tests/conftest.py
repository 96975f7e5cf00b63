import os
import uuid
from collections.abc import Iterator

import pytest
import redis

from sichtbar.links import stream
from sichtbar.links.selectors import link_target_cache_clear
from sichtbar.links.visitors import daily_salt_forget

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens there: Redis is "down"


@pytest.fixture(autouse=True)
def _links_isolated(settings) -> Iterator[None]:
    """Each test its own stream key, no cached codes or salts, the circuit breaker closed; clicks are
    stored directly unless a test asks for the stream (`click_stream`)."""
    settings.LINKS_CLICK_STREAM = f"test:links:{uuid.uuid4().hex}"
    settings.LINKS_REDIS_URL = ""
    stream.stream_redis_reset()
    link_target_cache_clear()
    daily_salt_forget()
    yield
    stream.stream_redis_reset()


@pytest.fixture
def click_stream(settings) -> Iterator[redis.Redis]:
    """The real Redis stream (TEST_REDIS_URL); deleted afterwards."""
    client = redis.Redis.from_url(REDIS, decode_responses=True)
    try:
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    settings.LINKS_REDIS_URL = REDIS
    settings.LINKS_CLICK_BUFFER_MS = 0  # one XADD per click, so tests see the stream at once
    stream.stream_redis_reset()
    yield client
    client.delete(settings.LINKS_CLICK_STREAM)


@pytest.fixture
def redis_down(settings) -> None:
    settings.LINKS_REDIS_URL = CLOSED_PORT
    settings.LINKS_CLICK_BUFFER_MS = 0
    stream.stream_redis_reset()
