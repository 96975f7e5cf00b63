"""Indexing: dirty flags, batches, the task, and what happens when Elasticsearch fails."""

import re

import pytest

from sichtbar.profiles.models import Profile
from sichtbar.search import services, tasks
from sichtbar.search.models import SearchDocument, SearchTerm

from .helpers import profile, skill

pytestmark = pytest.mark.django_db


def test_the_sweep_indexes_dirty_profiles_in_batches_and_clears_their_flags():
    k8s = skill("Kubernetes")
    people = [profile(slug=f"p{i}", skills={k8s: 3}) for i in range(5)]
    Profile.objects.filter(id=people[0].id).update(search_dirty=False)

    assert tasks.search_index_dirty.delay().get() == 4  # batch size is irrelevant to the result
    assert services.search_index_dirty(batch_size=2) == 0

    assert set(SearchDocument.objects.values_list("slug", flat=True)) == {"p1", "p2", "p3", "p4"}
    assert not Profile.objects.filter(search_dirty=True).exists()
    assert SearchTerm.objects.filter(facet="skill").count() == 8  # 4 profiles × 2 audiences


def test_batches_stop_where_asked():
    for i in range(5):
        profile(slug=f"p{i}")

    assert services.search_index_dirty(batch_size=2, max_batches=2) == 4
    assert Profile.objects.filter(search_dirty=True).count() == 1


def test_public_documents_hold_only_public_sections():
    profile(slug="mixed", bio="<p>Nur intern</p>", sections={"bio": "internal"})
    services.search_index_dirty()

    public = SearchDocument.objects.get(slug="mixed", audience="public")
    internal = SearchDocument.objects.get(slug="mixed", audience="internal")
    assert public.text.bio_text == ""
    assert internal.text.bio_text == "Nur intern"


def test_a_profile_that_is_no_longer_visible_leaves_the_index():
    p = profile(slug="leaving")
    services.search_index_dirty()
    p.is_published = False
    p.save()

    services.search_index_profiles(profile_ids=[p.id])

    assert list(SearchDocument.objects.values_list("audience", flat=True)) == ["internal"]


def test_mark_dirty_indexes_right_after_commit(django_capture_on_commit_callbacks):
    p = profile(slug="fresh")
    Profile.objects.filter(id=p.id).update(search_dirty=False)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.search_mark_dirty(profile_ids=[p.id])
        assert Profile.objects.get(id=p.id).search_dirty is True
        assert not SearchDocument.objects.exists()

    assert len(callbacks) >= 1
    assert SearchDocument.objects.filter(slug="fresh").count() == 2
    assert Profile.objects.get(id=p.id).search_dirty is False


def test_flags_stay_set_when_elasticsearch_fails(settings, monkeypatch):
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    p = profile(slug="kept")
    from sichtbar.search.backends import elastic

    def fail(**kwargs):
        raise ConnectionError("cluster down")

    monkeypatch.setattr(elastic, "index_documents", fail)

    with pytest.raises(ConnectionError):
        services.search_index_profiles(profile_ids=[p.id])

    assert Profile.objects.get(id=p.id).search_dirty is True
    assert SearchDocument.objects.filter(slug="kept").count() == 2  # the database fallback is up to date

    calls = []
    monkeypatch.setattr(elastic, "index_documents", lambda **kwargs: calls.append(kwargs["audience"]))
    services.search_index_profiles(profile_ids=[p.id])

    assert sorted(calls) == ["internal", "public"]
    assert Profile.objects.get(id=p.id).search_dirty is False


def test_taxonomy_change_marks_the_skills_profiles_dirty(django_capture_on_commit_callbacks):
    k8s, go = skill("Kubernetes"), skill("Go")
    with_k8s, with_go = profile(slug="k", skills={k8s: 3}), profile(slug="g", skills={go: 3})
    Profile.objects.update(search_dirty=False)

    with django_capture_on_commit_callbacks(execute=False):
        services.search_taxonomy_changed(skill_ids=[k8s.id])

    assert Profile.objects.get(id=with_k8s.id).search_dirty is True
    assert Profile.objects.get(id=with_go.id).search_dirty is False


def test_removed_profiles_leave_every_index_and_their_text_is_not_found():
    from .test_search import slugs

    erased = profile(slug="erased", last_name="Loeschmich")
    services.search_index_dirty()

    services.search_remove_profiles(profile_ids=[erased.id])
    erased.delete()
    profile(slug="newcomer", last_name="Neu")  # may get the same document ids on SQLite
    services.search_index_dirty()

    assert not SearchDocument.objects.filter(slug="erased").exists()
    assert slugs("Loeschmich", "internal") == []
    assert slugs("Neu", "internal") == ["newcomer"]


def test_indexing_never_reads_posts_and_its_queries_do_not_grow_with_the_batch():
    """Posts are not indexed: reading them cost one query per profile and language."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    k8s = skill("Kubernetes")

    def index(count: int) -> list[str]:
        people = [profile(slug=f"n{count}-{i}", skills={k8s: 3}, languages=("de",)) for i in range(count)]
        with CaptureQueriesContext(connection) as queries:
            services.search_index_profiles(profile_ids=[p.id for p in people])
        return [q["sql"] for q in queries.captured_queries]

    index(1)  # the taxonomy is loaded (and cached) once
    small, large = index(2), index(6)
    assert not [sql for sql in large if "integrations_importedpost" in sql]
    assert len(large) == len(small)


def test_a_document_row_is_written_once_with_its_vector_and_its_texts_beside_it():
    """PostgreSQL computes the vector in the INSERT: an UPDATE after it left a dead version of every row
    behind (twice the pages for a query to scan). The long texts live in SearchDocumentText."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    expert = profile(slug="once", bio="<p>Ich migriere Anwendungen in die Cloud.</p>", languages=("de",))
    with CaptureQueriesContext(connection) as queries:
        services.search_index_profiles(profile_ids=[expert.id])

    rewrites = [
        q["sql"]
        for q in queries.captured_queries
        if re.match(r'\s*UPDATE\s+"?search_searchdocument\b', q["sql"])
    ]
    assert rewrites == []
    document = SearchDocument.objects.select_related("text").get(slug="once", audience="public")
    assert document.text.bio_text == "Ich migriere Anwendungen in die Cloud."
    assert document.text.cards["de"]["slug"] == "once"
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        found = SearchDocument.objects.filter(search_vector=SearchQuery("Anwendungen", config="german"))
        assert list(found.values_list("slug", flat=True)) == ["once", "once"]  # both audiences
        assert "'anwend':" in document.search_vector and "C" in document.search_vector  # the bio weighs C


def test_a_taxonomy_loaded_in_bulk_by_the_demo_is_searchable_at_once(django_capture_on_commit_callbacks):
    """A process that cached the taxonomy a moment ago sees skills the demo created in bulk: it publishes
    the change like every taxonomy writer (a search for "K8s" once found nobody right after a reseed)."""
    from sichtbar.profiles import demo
    from sichtbar.search.text import load_taxonomy

    assert load_taxonomy().lookup("k8s") == []  # cached in this process, for up to 30 seconds

    with django_capture_on_commit_callbacks(execute=True):
        demo._taxonomy()

    assert [skill.slug for skill in load_taxonomy().lookup("k8s")] == ["kubernetes"]
