"""Privacy tasks: the nightly retention run, the analytics rebuild after an erasure."""

from datetime import date

from celery import shared_task

from sichtbar.analytics.services import analytics_days_rebuild
from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT, soft_time_limit=1800, time_limit=1900)
def retention_purge() -> dict[str, int]:
    return services.retention_purge()


@shared_task(queue=Queue.ANALYTICS, acks_late=True)
def erasure_rollup(*, days: list[str]) -> int:
    """Rebuild the analytics of the days an erased person appeared in, so totals equal the rows at once
    (idempotent: each day is deleted and rebuilt; the days are also marked dirty for the periodic run)."""
    return analytics_days_rebuild(days=[date.fromisoformat(day) for day in days])
