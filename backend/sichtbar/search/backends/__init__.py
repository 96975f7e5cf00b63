"""Backend selection: `settings.SEARCH_BACKEND` names it; the database is always there to fall back on."""

import logging

from django.conf import settings

from .base import SearchBackend, SearchBackendUnavailable
from .database import DatabaseBackend, database_engine

logger = logging.getLogger(__name__)


def database_backend() -> DatabaseBackend:
    return database_engine()


def get_backend() -> SearchBackend:
    if settings.SEARCH_BACKEND == "elasticsearch" and settings.ELASTICSEARCH_URL:
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend()
    return database_engine()


__all__ = ["SearchBackend", "SearchBackendUnavailable", "database_backend", "get_backend"]
