"""Celery tasks of the content app: thin wrappers that take ids and call services; fan-outs for beat."""

from typing import Any

from celery import shared_task

from sichtbar.core.tasks import Queue, enqueue_on_commit

from . import selectors, services


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True, max_retries=2)
def content_fetch_metadata(*, content_id: int) -> bool:
    return services.content_fetch_metadata(content_id=content_id)


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def source_import(*, source_id: int) -> dict[str, Any]:
    result = services.source_import(source_id=source_id)
    return {"created": result.created, "error": result.error}


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def sources_import_all() -> int:
    """Periodic fan-out: one import task per active company feed."""
    ids = selectors.source_ids_active()
    for source_id in ids:
        enqueue_on_commit(source_import, source_id=source_id)
    return len(ids)


@shared_task(queue=Queue.INTEGRATIONS, ignore_result=True)
def suggestions_fetch_missing_metadata() -> int:
    """Sweep: suggestions whose metadata task was lost (broker down) get it again."""
    ids = list(
        selectors.ContentItem.objects.filter(
            suggested_by__isnull=False, metadata_fetched_at__isnull=True
        ).values_list("id", flat=True)[:200]
    )
    for content_id in ids:
        enqueue_on_commit(content_fetch_metadata, content_id=content_id)
    return len(ids)


@shared_task(queue=Queue.DEFAULT, ignore_result=True)
def content_published_notify(*, content_id: int) -> int:
    return services.content_published_notify(content_id=content_id)
