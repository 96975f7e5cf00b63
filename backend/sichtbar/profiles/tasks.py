"""Celery tasks of the profiles app: imported activity turned into skill suggestions and an activity score."""

from celery import shared_task

from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import selectors, services


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def skill_suggestions_refresh(*, user_id: int) -> dict[str, int]:
    return services.skill_suggestions_refresh(user_id=user_id)


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def activity_refresh_all() -> int:
    """Daily fan-out: the score decays with time even without new posts, and it catches up lost messages."""
    ids = selectors.users_with_activity()
    for user_id in ids:
        enqueue_on_commit(skill_suggestions_refresh, user_id=user_id)
    return len(ids)
