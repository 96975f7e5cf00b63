"""Settings of the blog sync bench (driver and Celery worker): embedded settings with the outbound client
allowed to reach the bench's feed server on loopback, through the same settings the tests use, and a
counter around feed parsing (parse calls and parsed bytes, in Redis, shared by every worker process)."""

from typing import Any

from celery.signals import worker_init, worker_process_init
from config.settings.local import *  # noqa: F403
from config.settings.local import env

OUTBOUND_HTTP_ALLOW_LOOPBACK = True
OUTBOUND_HTTP_EXTRA_PORTS = [int(port) for port in env.list("BENCH_OUTBOUND_PORTS", default=[])]
BENCH_COUNTER_URL = env.str("REDIS_URL", default="")
BENCH_COUNTER_PREFIX = "bench:blog_sync:"


def _count_parsing(**_kwargs: Any) -> None:
    """Wrap the parser the sync service calls; idempotent (runs in the parent and in each child)."""
    import redis
    from sichtbar.integrations import services

    if getattr(services.parse_feed, "_bench_counted", False):
        return
    original = services.parse_feed
    counter = redis.Redis.from_url(BENCH_COUNTER_URL)

    def counted(content: bytes, **kwargs: Any) -> Any:
        pipe = counter.pipeline()
        pipe.incr(f"{BENCH_COUNTER_PREFIX}calls")
        pipe.incrby(f"{BENCH_COUNTER_PREFIX}bytes", len(content))
        pipe.execute()
        return original(content, **kwargs)

    counted._bench_counted = True  # type: ignore[attr-defined]
    services.parse_feed = counted  # type: ignore[assignment]


worker_init.connect(_count_parsing, weak=False)
worker_process_init.connect(_count_parsing, weak=False)
