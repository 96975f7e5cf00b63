"""Writes of the search index: mark profiles dirty, index them in batches (database, then Elasticsearch)."""

import logging
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sichtbar.core.services import cache_delete_prefix
from sichtbar.profiles.models import Audience, Profile

from .backends.database import bump_generation, delete_all, delete_documents, write_documents
from .documents import build_documents
from .embeddings import attach_embeddings
from .text import load_taxonomy, taxonomy_changed

logger = logging.getLogger(__name__)
BATCH_SIZE = 200


def search_mark_dirty(*, profile_ids: list[int]) -> None:
    """Flag profiles for reindexing and index them after the surrounding transaction commits.

    Call this from every write that changes what a profile shows (profile, skills, user name, department,
    taxonomy renames). Without a worker (embedded mode) the task runs right after the commit."""
    ids = sorted(set(profile_ids))
    if not ids:
        return
    Profile.objects.filter(id__in=ids).update(search_dirty=True)
    from .tasks import search_index_profiles

    transaction.on_commit(lambda: search_index_profiles.delay(profile_ids=ids))


def search_remove_profiles(*, profile_ids: list[int]) -> None:
    """Remove profiles from every index now (erasure, deletion); Elasticsearch follows after the commit.

    Searches never show a profile that is gone even before that: hits are re-checked against the database."""
    delete_documents(profile_ids=profile_ids)
    transaction.on_commit(bump_generation)
    if elasticsearch_enabled():
        ids = list(profile_ids)

        def remove() -> None:
            from .backends.elastic import index_documents

            try:
                for audience in Audience.values:
                    index_documents(profile_ids=ids, audience=audience, documents=[])
            except Exception:  # search_rebuild catches up; hits are filtered by the database meanwhile
                logger.exception("could not remove profiles %s from Elasticsearch", ids)

        transaction.on_commit(remove)


def elasticsearch_enabled() -> bool:
    return settings.SEARCH_BACKEND == "elasticsearch" and bool(settings.ELASTICSEARCH_URL)


def search_index_profiles(*, profile_ids: list[int]) -> int:
    """(Re)index these profiles for every audience, then clear their dirty flags.

    The database index is written (and committed) first: it is the fallback. When Elasticsearch is
    configured and fails, this raises before the flags are cleared, so a retry or the sweep catches up."""
    started = timezone.now()
    taxonomy = load_taxonomy()
    per_audience = {
        audience: build_documents(profile_ids=profile_ids, audience=audience, taxonomy=taxonomy)
        for audience in Audience.values
    }
    # outside the write transaction: embedding is the slow part (reused where the text is unchanged)
    attach_embeddings([d for documents in per_audience.values() for d in documents])
    with transaction.atomic():
        for audience, documents in per_audience.items():
            write_documents(profile_ids=profile_ids, audience=audience, documents=documents)
        transaction.on_commit(bump_generation)
    if elasticsearch_enabled():
        from .backends.elastic import index_documents

        for audience, documents in per_audience.items():
            index_documents(profile_ids=profile_ids, audience=audience, documents=documents)
    Profile.objects.filter(id__in=profile_ids, updated_at__lte=started).update(search_dirty=False)
    return sum(len(d) for d in per_audience.values())


def search_index_dirty(
    *, batch_size: int = BATCH_SIZE, max_batches: int | None = None, seconds: float | None = None
) -> int:
    """Index every dirty profile in batches; each batch commits on its own. With `seconds`, no new batch
    starts after that long (embedding a large backlog takes longer than a task may run; the next sweep
    goes on where this one stopped)."""
    done, batches = 0, 0
    last_id = 0
    deadline = time.monotonic() + seconds if seconds is not None else None
    while (max_batches is None or batches < max_batches) and (
        deadline is None or time.monotonic() < deadline
    ):
        ids = list(
            Profile.objects.filter(search_dirty=True, id__gt=last_id)
            .order_by("id")
            .values_list("id", flat=True)[:batch_size]
        )
        if not ids:
            break
        search_index_profiles(profile_ids=ids)
        done += len(ids)
        batches += 1
        last_id = ids[-1]
    return done


def search_rebuild_database() -> int:
    """Rebuild the database index from scratch (the Elasticsearch rebuild swaps an alias instead)."""
    delete_all()
    Profile.objects.update(search_dirty=True)
    return search_index_dirty()


def search_taxonomy_changed(*, skill_ids: list[int]) -> None:
    """After a skill is renamed, moved, merged or gets new synonyms: query-time synonyms work at once;
    reindex the profiles that show these skills or skills below them (their indexed names and subtree
    levels) and refresh Elasticsearch's synonyms set."""
    from sichtbar.profiles.models import ProfileSkill, Skill

    transaction.on_commit(taxonomy_changed)
    # with their sub-skills: a document stores each skill's level under its ancestors too (skill_levels)
    affected, frontier = set(skill_ids), set(skill_ids)
    while frontier:
        frontier = set(
            Skill.objects.filter(parent_id__in=frontier).exclude(id__in=affected).values_list("id", flat=True)
        )
        affected |= frontier
    profile_ids = list(
        ProfileSkill.objects.filter(skill_id__in=affected).values_list("profile_id", flat=True).distinct()
    )
    search_mark_dirty(profile_ids=profile_ids)
    if elasticsearch_enabled():

        def sync() -> None:
            from .backends.elastic import client, sync_synonyms

            try:
                sync_synonyms(client(), load_taxonomy())
            except Exception:  # the next search_rebuild or sync command catches up
                logger.exception("could not update the Elasticsearch synonyms set")

        transaction.on_commit(sync)


def search_caches_forget() -> int:
    """Drop every cached search result, name vocabulary and browse page (an erased person may be in them)."""
    return cache_delete_prefix(prefix="search:result:") + sum(
        cache_delete_prefix(prefix=f"search:{kind}:") for kind in ("names", "browse")
    )
