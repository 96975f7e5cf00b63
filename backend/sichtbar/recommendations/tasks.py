"""Celery tasks of the recommendations app."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def engagement_refresh() -> dict[str, int]:
    """Periodic: rebuild the engagement counters the feed ranks with (idempotent)."""
    return services.engagement_refresh()
