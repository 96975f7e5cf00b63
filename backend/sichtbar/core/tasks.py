"""The task queues. Workers subscribe to these; tasks name their queue explicitly."""

from enum import StrEnum


class Queue(StrEnum):
    DEFAULT = "default"
    INTEGRATIONS = "integrations"
    SEARCH = "search"
    ANALYTICS = "analytics"
