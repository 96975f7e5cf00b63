"""Celery tasks of the links app: draining the click stream and the click retention rules."""

import logging

from celery import shared_task

from sichtbar.core.tasks import Queue
from sichtbar.links import services

logger = logging.getLogger(__name__)


@shared_task(queue=Queue.ANALYTICS, ignore_result=True)
def clicks_flush() -> int:
    """Beat (every few seconds) and triggered by the redirect; idempotent, safe to run concurrently."""
    return services.clicks_flush()


@shared_task(queue=Queue.ANALYTICS, ignore_result=True)
def clicks_retention() -> int:
    """Hourly: visitor hashes blanked after the repeat window + a day, old salts and clicks deleted."""
    return services.clicks_retention_apply()
