"""Celery tasks of the sharing app: post one share (retried with backoff), and the sweep for due ones."""

from typing import Any

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from sichtbar.core import retry
from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import selectors, services

MAX_RETRIES = 5
DEFAULT_RETRY_BASE_SECONDS = 30


def backoff_seconds(retries: int, retry_after: float | None = None) -> int:
    """Exponential backoff with jitter (base SHARING_RETRY_BASE_SECONDS, 30 s unless a test lowers it);
    the network's Retry-After wins when it asks for longer."""
    base = getattr(settings, "SHARING_RETRY_BASE_SECONDS", DEFAULT_RETRY_BASE_SECONDS)
    return retry.backoff_seconds(retries, retry_after, base=base)


@shared_task(bind=True, queue=Queue.INTEGRATIONS, max_retries=MAX_RETRIES, acks_late=True, ignore_result=True)
def share_publish(self: Any, *, share_id: int) -> str:
    final = self.request.is_eager or self.request.retries >= MAX_RETRIES
    outcome = services.share_publish(share_id=share_id, final_attempt=final)
    if outcome.retry:
        raise self.retry(countdown=backoff_seconds(self.request.retries, outcome.retry_after))
    return outcome.status


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def shares_publish_due() -> int:
    """Periodic: queue scheduled shares that are due, and re-enqueue queued ones whose message was lost."""
    now = timezone.now()
    ids = services.shares_release_due(now=now) + selectors.shares_stale_queued(now=now)
    for share_id in dict.fromkeys(ids):
        enqueue_on_commit(share_publish, share_id=share_id)
    return len(ids)
