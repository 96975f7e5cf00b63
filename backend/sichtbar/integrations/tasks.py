"""Celery tasks of the integrations app: thin wrappers that take ids and call services."""

import logging
import random
from typing import Any

from celery import shared_task
from celery.exceptions import MaxRetriesExceededError

from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import selectors, services

logger = logging.getLogger(__name__)

MAX_RETRIES = 4
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 3600
BLOG_SYNC_BATCH = 10  # blogs per task of the periodic sync; their feeds are fetched concurrently


def backoff_seconds(retries: int, retry_after: float | None = None) -> int:
    """Exponential backoff with jitter; a server's Retry-After wins when it asks for longer."""
    delay = min(BACKOFF_BASE_SECONDS * 2**retries, BACKOFF_MAX_SECONDS)
    delay = int(delay * random.uniform(0.8, 1.2))  # noqa: S311 - jitter, not cryptography
    return max(delay, int(retry_after or 0))


@shared_task(bind=True, queue=Queue.INTEGRATIONS, max_retries=MAX_RETRIES, ignore_result=True)
def blog_sync(self: Any, *, connection_id: int) -> dict[str, Any]:
    result = services.blog_sync(connection_id=connection_id)
    if result.temporary and not self.request.is_eager:
        try:
            raise self.retry(countdown=backoff_seconds(self.request.retries, result.retry_after))
        except MaxRetriesExceededError:
            pass  # the error stays recorded on the connection; the next periodic sync tries again
    return {"created": result.created, "updated": result.updated, "error": result.error_code}


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True, soft_time_limit=1700, time_limit=1800)
def blog_history_import(*, connection_id: int) -> str | None:
    """The published history of a newly connected blog (see services.blog_history_import)."""
    return services.blog_history_import(connection_id=connection_id)


@shared_task(bind=True, queue=Queue.INTEGRATIONS, ignore_result=True)
def blogs_sync_batch(self: Any, *, connection_ids: list[int]) -> dict[str, int]:
    """Sync a batch of blogs (see services.blogs_sync); a blog whose fetch failed temporarily is retried on
    its own, with backoff, by `blog_sync`. Idempotent: a redelivered batch re-asks with the validators."""
    results = services.blogs_sync(connection_ids=connection_ids)
    retrying = 0
    for connection_id, result in results.items():
        if result.temporary and not self.request.is_eager:
            retrying += 1
            countdown = backoff_seconds(0, result.retry_after)
            try:
                blog_sync.apply_async(kwargs={"connection_id": connection_id}, countdown=countdown)
            except Exception:  # the error stays on the connection; the next periodic sync tries again
                logger.warning("could not schedule the retry of blog %s", connection_id)
    return {
        "synced": sum(1 for result in results.values() if not result.skipped),
        "created": sum(result.created for result in results.values()),
        "retrying": retrying,
    }


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def blogs_sync_all() -> int:
    """Periodic fan-out: one task per BLOG_SYNC_BATCH blogs (not per blog: a task's own cost, broker round
    trips and a fresh database connection, was larger than a 304's). Returns the number of blogs."""
    ids = selectors.blog_connection_ids()
    for start in range(0, len(ids), BLOG_SYNC_BATCH):
        enqueue_on_commit(blogs_sync_batch, connection_ids=ids[start : start + BLOG_SYNC_BATCH])
    return len(ids)


@shared_task(bind=True, queue=Queue.INTEGRATIONS, max_retries=MAX_RETRIES, ignore_result=True)
def mastodon_sync(self: Any, *, connection_id: int) -> dict[str, Any]:
    from .oauth import mastodon_sync as sync

    result = sync(connection_id=connection_id)
    if result.temporary and not self.request.is_eager:
        try:
            raise self.retry(countdown=backoff_seconds(self.request.retries, result.retry_after))
        except MaxRetriesExceededError:
            pass  # the error stays recorded on the connection; the next periodic sync tries again
    return {"created": result.created, "updated": result.updated, "error": result.error_code}


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def mastodon_sync_all() -> int:
    """Periodic fan-out: one sync task per connected Mastodon account."""
    ids = selectors.mastodon_connection_ids()
    for connection_id in ids:
        enqueue_on_commit(mastodon_sync, connection_id=connection_id)
    return len(ids)


@shared_task(bind=True, queue=Queue.INTEGRATIONS, max_retries=MAX_RETRIES, ignore_result=True)
def linkedin_analytics_sync(self: Any, *, connection_id: int) -> dict[str, Any]:
    from .oauth import linkedin_analytics_sync as sync

    result = sync(connection_id=connection_id)
    if result.temporary and not self.request.is_eager:
        try:
            raise self.retry(countdown=backoff_seconds(self.request.retries, result.retry_after))
        except MaxRetriesExceededError:
            pass
    return {"updated": result.updated, "error": result.error_code}


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def linkedin_analytics_sync_all() -> int:
    """Periodic fan-out, only when LinkedIn approved the app for post analytics."""
    ids = selectors.linkedin_analytics_connection_ids()
    for connection_id in ids:
        enqueue_on_commit(linkedin_analytics_sync, connection_id=connection_id)
    return len(ids)
