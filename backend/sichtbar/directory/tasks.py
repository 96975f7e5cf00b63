"""Celery tasks of the directory app: thin wrappers that take ids and call services."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def contact_request_notify_assignee(*, contact_request_id: str) -> bool:
    return services.contact_request_notify_assignee(contact_request_id=contact_request_id)


@shared_task(queue=Queue.DEFAULT, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def contact_request_send_acknowledgement(*, contact_request_id: str) -> bool:
    return services.contact_request_send_acknowledgement(contact_request_id=contact_request_id)


@shared_task(queue=Queue.DEFAULT, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def contact_request_send_reply(*, contact_request_id: str) -> bool:
    return services.contact_request_send_reply(contact_request_id=contact_request_id)


@shared_task(queue=Queue.ANALYTICS, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def search_appearances_flush() -> int:
    """Periodic: move the search appearance counts buffered in Redis into the table."""
    return services.search_appearances_flush()
