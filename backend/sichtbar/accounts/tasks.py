"""Celery tasks of the accounts app: thin wrappers that take ids and call services."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT)
def password_reset_send_email(*, user_id: int) -> bool:
    """Kept for reset messages queued before an upgrade: the request now writes the mail itself."""
    return services.password_reset_send_email(user_id=user_id)


@shared_task(queue=Queue.DEFAULT)
def invitations_expire() -> int:
    return services.invitations_expire()


@shared_task(queue=Queue.DEFAULT)
def api_tokens_purge_expired() -> int:
    return services.api_tokens_purge_expired()
