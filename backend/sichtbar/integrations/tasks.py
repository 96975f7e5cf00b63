"""Celery tasks of the integrations app: thin wrappers that take ids and call services."""

import logging
from typing import Any

from celery import shared_task
from celery.exceptions import MaxRetriesExceededError

from sichtbar.core.retry import backoff_seconds  # 60 s doubling up to an hour
from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import selectors, services

logger = logging.getLogger(__name__)

MAX_RETRIES = 4
BLOG_SYNC_BATCH = 10  # blogs per task of the periodic sync; their feeds are fetched concurrently


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
    from .networks.mastodon import mastodon_sync as sync

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
    from .networks.linkedin import linkedin_analytics_sync as sync

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
