"""Celery tasks of the mail outbox: send one mail (by id, idempotent) and the periodic sweep."""

from typing import Any

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(bind=True, queue=Queue.DEFAULT, soft_time_limit=60, time_limit=90)
def mail_send(self: Any, *, mail_id: int) -> bool:
    # The task id is the claim token: the same message delivered again after its worker died may finish
    # the send it claimed; any other task finds the mail taken.
    return services.mail_send(mail_id=mail_id, claim_token=self.request.id or "")


@shared_task(queue=Queue.DEFAULT, soft_time_limit=120, time_limit=180)
def mail_sweep() -> int:
    return services.mail_sweep()
