"""Celery tasks of the governance app."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def guideline_notify_all(*, version_id: int) -> int:
    return services.guideline_notify_all(version_id=version_id)
