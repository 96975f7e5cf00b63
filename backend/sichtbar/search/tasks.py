"""Celery tasks of the search app: index profiles by id, sweep dirty profiles in batches."""

from celery import shared_task

from sichtbar.core.tasks import Queue

from . import services

# below the task's soft limit (config/task_limits.py, BATCH: 900 s) with room for the batch under way
SWEEP_SECONDS = 600


@shared_task(queue=Queue.SEARCH, autoretry_for=(Exception,), retry_backoff=True, max_retries=8)
def search_index_profiles(*, profile_ids: list[int]) -> int:
    return services.search_index_profiles(profile_ids=profile_ids)


@shared_task(queue=Queue.SEARCH)
def search_index_dirty() -> int:
    """Periodic sweep: catches up whatever an earlier attempt (or an Elasticsearch outage) left dirty."""
    return services.search_index_dirty(seconds=SWEEP_SECONDS)
