"""Celery tasks of the notifications app: the digests (beat fans out daily and on Mondays)."""

from celery import shared_task

from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import services
from .models import DigestFrequency


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def digest_send(*, user_id: int, frequency: str) -> bool:
    return services.digest_send(user_id=user_id, frequency=frequency)


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def digests_send_all(*, frequency: str = DigestFrequency.DAILY) -> int:
    """Periodic fan-out: one digest task per person with this preference (beat runs it daily, and weekly
    on Mondays); each digest is sent at most once per period."""
    ids = services.digest_user_ids(frequency=frequency)
    for user_id in ids:
        enqueue_on_commit(digest_send, user_id=user_id, frequency=frequency)
    return len(ids)
