"""Readiness checks of the parts this installation is configured to use."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: str  # "ok" | "down" | "not_configured"
    detail: str = ""


def _database() -> CheckResult:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return CheckResult("database", "ok", connection.vendor)


def _cache() -> CheckResult:
    cache.set("health:probe", "1", timeout=5)
    if cache.get("health:probe") != "1":
        raise RuntimeError("cache did not return the probe")
    return CheckResult("cache", "ok", "redis" if settings.REDIS_URL else "local memory")


def _broker() -> CheckResult:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return CheckResult("broker", "not_configured", "tasks run in-process")
    url = settings.CELERY_BROKER_URL
    if url.startswith(("redis://", "rediss://")):
        client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        client.ping()
        return CheckResult("broker", "ok", "redis")
    from config.celery_app import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return CheckResult("broker", "ok", url.split(":", 1)[0])


def _search() -> CheckResult:
    if settings.SEARCH_BACKEND != "elasticsearch":
        return CheckResult("search", "ok", "database")
    import urllib.request

    # Internal infrastructure named by the operator, not user input: no SSRF guard needed here.
    url = f"{settings.ELASTICSEARCH_URL.rstrip('/')}/_cluster/health"
    if not url.startswith(("http://", "https://")):
        raise ValueError("ELASTICSEARCH_URL must be an http(s) URL")
    with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310  (scheme checked above)
        if resp.status >= 400:
            raise RuntimeError(f"HTTP {resp.status}")
    return CheckResult("search", "ok", "elasticsearch")


CHECKS: dict[str, Callable[[], CheckResult]] = {
    "database": _database,
    "cache": _cache,
    "broker": _broker,
    "search": _search,
}


def readiness(*, critical: set[str] | None = None) -> tuple[bool, list[CheckResult]]:
    """Run every check; ready unless a check in `critical` (default: all) is down."""
    results = []
    for name, check in CHECKS.items():
        try:
            results.append(check())
        except Exception as exc:
            logger.warning("readiness check %s failed: %s", name, exc)
            results.append(CheckResult(name, "down", type(exc).__name__))
    considered = [r for r in results if critical is None or r.name in critical]
    return all(r.status != "down" for r in considered), results
