"""Celery tasks of the monitoring app: thin wrappers that take ids and call services."""

from typing import Any

from celery import shared_task
from celery.exceptions import MaxRetriesExceededError

from sichtbar.core.retry import backoff_seconds
from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import selectors, services

MAX_RETRIES = 4


@shared_task(bind=True, queue=Queue.INTEGRATIONS, max_retries=MAX_RETRIES, ignore_result=True)
def feed_fetch(self: Any, *, feed_id: int, force: bool = False) -> dict[str, Any]:
    outcome = services.feed_fetch(feed_id=feed_id, force=force)
    if outcome.temporary and not self.request.is_eager:
        try:
            raise self.retry(countdown=backoff_seconds(self.request.retries, outcome.retry_after))
        except MaxRetriesExceededError:
            pass  # the error stays recorded on the feed; the next periodic fetch tries again
    return {"created": outcome.created, "updated": outcome.updated, "error": outcome.error_code}


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def feeds_fetch_all() -> int:
    """Periodic fan-out: one fetch task per active monitoring feed."""
    ids = selectors.feed_ids_to_fetch()
    for feed_id in ids:
        enqueue_on_commit(feed_fetch, feed_id=feed_id)
    return len(ids)


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def mentions_scan_posts(*, post_ids: list[int]) -> int:
    return services.mentions_scan_posts(post_ids=post_ids)


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def mentions_scan_recent_posts() -> int:
    """Periodic sweep for scans whose message was lost (broker down while posts were imported)."""
    return services.mentions_scan_recent_posts()


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def mentions_rescan() -> dict[str, int]:
    return services.mentions_rescan()
