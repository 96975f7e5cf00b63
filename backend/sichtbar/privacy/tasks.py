"""Privacy tasks: the nightly retention run."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services


@shared_task(queue=Queue.DEFAULT)
def retention_purge() -> dict[str, int]:
    return services.retention_purge()
