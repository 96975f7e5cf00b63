"""Celery tasks of the directory app: thin wrappers that take ids and call services."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.ANALYTICS, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def search_appearances_flush() -> int:
    """Periodic: move the search appearance counts buffered in Redis into the table."""
    return services.search_appearances_flush()
