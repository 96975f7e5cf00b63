"""The database backend: one search algorithm (`core.DatabaseBackend`) with one class per engine,
PostgreSQL full text (`postgres.PostgresBackend`) and SQLite FTS5 (`sqlite.SqliteBackend`)."""

from django.db import connection

from ...documents import DocumentData
from ...models import SearchDocument
from .core import (
    GENERATION_KEY,
    NAME_LIKE_CUTOFF,
    DatabaseBackend,
    NameVocabulary,
    _name_like,
    _name_vocabulary,
    _trigrams,
    bump_generation,
    is_postgres,
    write_rows,
)
from .postgres import PostgresBackend
from .sqlite import SqliteBackend


def database_engine() -> DatabaseBackend:
    """The engine class of the database Django is connected to."""
    return PostgresBackend() if is_postgres() else SqliteBackend()


def write_documents(*, profile_ids: list[int], audience: str, documents: list[DocumentData]) -> None:
    """Replace the audience's rows of these profiles with `documents` (profiles without one vanish)."""
    write_rows(profile_ids=profile_ids, audience=audience, documents=documents, engine=database_engine())


def delete_documents(*, profile_ids: list[int]) -> None:
    """Drop every audience's documents of these profiles (erasure, deletion)."""
    ids = list(SearchDocument.objects.filter(profile_id__in=profile_ids).values_list("id", flat=True))
    database_engine().forget_text_rows(ids)
    SearchDocument.objects.filter(id__in=ids).delete()


def delete_all() -> None:
    if connection.vendor == "sqlite":
        SqliteBackend().delete_all_text_rows()
    SearchDocument.objects.all().delete()


__all__ = [
    "GENERATION_KEY",
    "NAME_LIKE_CUTOFF",
    "DatabaseBackend",
    "NameVocabulary",
    "PostgresBackend",
    "SqliteBackend",
    "_name_like",
    "_name_vocabulary",
    "_trigrams",
    "bump_generation",
    "database_engine",
    "delete_all",
    "delete_documents",
    "write_documents",
]
