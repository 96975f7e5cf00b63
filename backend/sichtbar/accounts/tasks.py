"""Celery tasks of the accounts app: thin wrappers that take ids and call services."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def invitation_send_email(*, invitation_id: int, secret: str) -> bool:
    return services.invitation_send_email(invitation_id=invitation_id, secret=secret)


@shared_task(queue=Queue.DEFAULT, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def password_reset_send_email(*, user_id: int) -> bool:
    return services.password_reset_send_email(user_id=user_id)


@shared_task(queue=Queue.DEFAULT)
def invitations_send_unsent() -> int:
    return services.invitations_send_unsent()


@shared_task(queue=Queue.DEFAULT)
def invitations_expire() -> int:
    return services.invitations_expire()


@shared_task(queue=Queue.DEFAULT)
def api_tokens_purge_expired() -> int:
    return services.api_tokens_purge_expired()
