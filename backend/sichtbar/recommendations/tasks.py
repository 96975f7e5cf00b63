"""Celery tasks of the recommendations app."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def engagement_refresh() -> dict[str, int]:
    """Periodic: rebuild the engagement counters the feed ranks with (idempotent)."""
    return services.engagement_refresh()


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def feed_rankings_refresh() -> dict[str, int]:
    """Periodic: recompute the stale rankings of people who read their feed lately (idempotent)."""
    return services.feed_rankings_refresh()


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def feed_ranking_refresh(user_id: int) -> bool:
    """One person's ranking after they shared or dismissed something (idempotent)."""
    return services.feed_ranking_refresh(user_id=user_id)
