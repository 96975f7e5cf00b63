"""Celery tasks of the analytics app: rollups on the analytics queue, headcount snapshots, weekly report."""

from datetime import date, timedelta

from celery import shared_task
from django.utils import timezone

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.ANALYTICS, acks_late=True)
def analytics_rollup_recent() -> int:
    """Beat: the last days, dirty days and days of changed facts. Idempotent (delete + insert per day)."""
    return len(services.rollup_recent())


@shared_task(queue=Queue.ANALYTICS, acks_late=True)
def analytics_rollup_today() -> bool:
    """Beat, every 30 s: today's figures, re-rolled when its facts changed (idempotent)."""
    return services.rollup_today()


@shared_task(queue=Queue.ANALYTICS, acks_late=True)
def analytics_rollup_range(*, start: str, end: str) -> int:
    return services.rollup_range(start=date.fromisoformat(start), end=date.fromisoformat(end))


@shared_task(queue=Queue.ANALYTICS, acks_late=True)
def analytics_headcount_snapshot() -> int:
    """Beat, daily: today's headcount per department (the history adoption rates divide by)."""
    return services.headcount_snapshot(day=timezone.localdate())


@shared_task(queue=Queue.ANALYTICS)
def analytics_weekly_report() -> int:
    """Beat, Mondays: fan out one report per manager, for the week that ended yesterday."""
    week_end = timezone.localdate() - timedelta(days=1)
    recipients = services.weekly_report_recipients()
    for user_id in recipients:
        analytics_weekly_report_send.apply_async(
            kwargs={"user_id": user_id, "week_end": week_end.isoformat()}
        )
    return len(recipients)


@shared_task(queue=Queue.ANALYTICS, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def analytics_weekly_report_send(*, user_id: int, week_end: str) -> bool:
    return services.weekly_report_send(user_id=user_id, week_end=date.fromisoformat(week_end))
