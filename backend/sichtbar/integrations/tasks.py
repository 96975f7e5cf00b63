"""Celery tasks of the integrations app: thin wrappers that take ids and call services."""

import random
from typing import Any

from celery import shared_task
from celery.exceptions import MaxRetriesExceededError

from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import selectors, services

MAX_RETRIES = 4
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 3600


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


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def blogs_sync_all() -> int:
    """Periodic fan-out: one sync task per connected blog."""
    ids = selectors.blog_connection_ids()
    for connection_id in ids:
        enqueue_on_commit(blog_sync, connection_id=connection_id)
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
