"""The click buffer: a Redis stream the redirect appends to and `clicks_flush` drains through a consumer
group. A per-process circuit breaker sends clicks to the database while Redis is unreachable."""

import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import redis
from django.conf import settings

logger = logging.getLogger(__name__)

# Seconds a redirect waits on Redis at most (the buffer off or full), once per back-off: the cache's own
# SOCKET_TIMEOUT, which every request already waits on for its throttles. The time-out measures the
# waiting thread's wall clock, so on a loaded host a descheduled thread "times out" on an answer that
# arrived long ago: 250 ms tripped the fallback under load alone (ADR 0039).
REDIS_TIMEOUT = 1.0
# The buffered path appends from the process's own appender thread, after the visitors have their
# answers: nothing waits on it, so it can be patient. A loaded machine (a CPU-starved Redis, a web
# process whose threads hold the GIL) answers in tens to hundreds of milliseconds; only an outage takes
# seconds.
REDIS_APPEND_TIMEOUT = 3.0
REDIS_BACKOFF = 5.0  # seconds the database fallback is used after a Redis error
GROUP = "links-flush"

_clients: dict[str, redis.Redis] = {}
_down_until = 0.0


@dataclass(frozen=True)
class ClickEvent:
    """One human click as the redirect saw it; `event_id` makes recording it idempotent."""

    event_id: uuid.UUID
    link_id: int
    occurred_at: datetime
    user_id: int | None
    content_id: int | None
    network: str
    visitor_hash: str
    referrer_host: str
    device_class: str

    def to_fields(self) -> dict[str, str]:
        return {
            "e": self.event_id.hex,
            "l": str(self.link_id),
            "t": f"{self.occurred_at.timestamp():.6f}",
            "u": "" if self.user_id is None else str(self.user_id),
            "c": "" if self.content_id is None else str(self.content_id),
            "n": self.network,
            "v": self.visitor_hash,
            "r": self.referrer_host,
            "d": self.device_class,
        }

    @classmethod
    def from_fields(cls, fields: dict[str, str]) -> "ClickEvent":
        return cls(
            event_id=uuid.UUID(fields["e"]),
            link_id=int(fields["l"]),
            occurred_at=datetime.fromtimestamp(float(fields["t"]), tz=UTC),
            user_id=int(fields["u"]) if fields.get("u") else None,
            content_id=int(fields["c"]) if fields.get("c") else None,
            network=fields.get("n", "")[:16],
            visitor_hash=fields.get("v", "")[:64],
            referrer_host=fields.get("r", "")[:255],
            device_class=fields.get("d", "other")[:8],
        )


def stream_key() -> str:
    return str(settings.LINKS_CLICK_STREAM)


def stream_redis(*, patient: bool = False) -> redis.Redis | None:
    """The stream's client, or None without Redis or while the circuit breaker is open. `patient`: the
    appender thread's client (REDIS_APPEND_TIMEOUT), otherwise the request path's (REDIS_TIMEOUT)."""
    url = settings.LINKS_REDIS_URL
    if not url or time.monotonic() < _down_until:
        return None
    timeout = REDIS_APPEND_TIMEOUT if patient else REDIS_TIMEOUT
    key = f"{timeout}:{url}"
    client = _clients.get(key)
    if client is None:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=timeout,
            socket_timeout=timeout,
            decode_responses=True,
        )
        _clients[key] = client
    return client


def stream_redis_failed() -> None:
    global _down_until
    _down_until = time.monotonic() + REDIS_BACKOFF
    logger.warning("click stream: Redis unavailable, recording clicks in the database", exc_info=True)


def stream_redis_reset() -> None:
    """Forget clients and close the breaker (tests, and after a fork)."""
    global _down_until
    _down_until = 0.0
    _clients.clear()


def consumer_name() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"


def flush_redis() -> redis.Redis | None:
    """The flusher's client: patient timeouts, no circuit breaker (a failed flush is simply retried)."""
    url = settings.LINKS_REDIS_URL
    if not url:
        return None
    key = f"flush:{url}"
    client = _clients.get(key)
    if client is None:
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=10, decode_responses=True)
        _clients[key] = client
    return client
