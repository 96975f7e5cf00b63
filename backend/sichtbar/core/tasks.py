"""Task queues and the one way to enqueue: after commit, never failing the request when the broker is down."""

import logging
from enum import StrEnum
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


class Queue(StrEnum):
    DEFAULT = "default"
    INTEGRATIONS = "integrations"
    SEARCH = "search"
    ANALYTICS = "analytics"


def _publish(task: Any, kwargs: dict[str, Any]) -> None:
    try:
        task.apply_async(kwargs=kwargs)
    except Exception as exc:  # broker down or unreachable: the periodic sweep of the owning app catches up
        logger.warning(
            "could not enqueue %s (%s); a periodic sweep will retry", task.name, type(exc).__name__
        )


def enqueue_on_commit(task: Any, **kwargs: Any) -> None:
    """Run `task` with `kwargs` after the current transaction commits.

    Callers make the effect recoverable without the message (a dirty flag or an unsent marker that a beat
    sweep picks up), so a broker outage delays work but never loses it and never fails the request.
    """
    transaction.on_commit(lambda: _publish(task, kwargs))
