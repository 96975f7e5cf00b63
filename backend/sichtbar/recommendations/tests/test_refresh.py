"""Rankings kept warm in the background: readers, the beat refresh, invalidation on feedback and content."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sichtbar.content.models import ContentStatus
from sichtbar.content.tests.factories import FeedContentItemFactory
from sichtbar.profiles.tests.factories import ProfileFactory, ProfileSkillFactory, SkillFactory
from sichtbar.recommendations import privacy, services
from sichtbar.recommendations.models import CatalogueChange, FeedReader
from sichtbar.recommendations.selectors import (
    catalogue_changed_at,
    feed_ranking_store,
    feed_rankings_cached,
    feed_readers_stale,
    personal_feed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _feed_cached(settings):
    settings.RECOMMENDATIONS_FEED_CACHE_SECONDS = 900
    settings.RECOMMENDATIONS_FEED_REFRESH_SECONDS = 300
    settings.RECOMMENDATIONS_FEED_ACTIVE_DAYS = 7
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kubernetes():
    return SkillFactory(slug="kubernetes", name_de="Kubernetes", name_en="Kubernetes")


@pytest.fixture
def reader(kubernetes):
    profile = ProfileFactory()
    ProfileSkillFactory(profile=profile, skill=kubernetes, level=5)
    return profile.user


def _ranked_ids(user):
    cached = feed_rankings_cached(user_ids=[user.pk]).get(user.pk)
    return None if cached is None else [c.id for c in cached.ranked]


def test_reading_the_feed_notes_the_reader_once_a_day(client_for, reader):
    client = client_for(reader)
    client.get("/api/v1/feed/")
    first = FeedReader.objects.get(user=reader).last_read_at

    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/feed/")

    assert FeedReader.objects.get(user=reader).last_read_at == first
    assert not any("recommendations_feedreader" in q["sql"] for q in queries.captured_queries)


def test_refresh_computes_missing_rankings_of_recent_readers_only(reader, kubernetes):
    item = FeedContentItemFactory(topics=[kubernetes])
    now = timezone.now()
    FeedReader.objects.create(user=reader, last_read_at=now - timedelta(days=1))
    gone = ProfileFactory().user
    FeedReader.objects.create(user=gone, last_read_at=now - timedelta(days=8))

    result = services.feed_rankings_refresh(now=now)

    assert result == {"refreshed": 1, "forgotten": 1}
    assert _ranked_ids(reader) == [item.pk]
    assert _ranked_ids(gone) is None
    assert not FeedReader.objects.filter(user=gone).exists()
    # Fresh now: a second run has nothing to do (idempotent).
    assert services.feed_rankings_refresh(now=now)["refreshed"] == 0


def test_warm_ranking_serves_the_request_without_ranking_queries(reader, kubernetes):
    item = FeedContentItemFactory(topics=[kubernetes])
    FeedReader.objects.create(user=reader, last_read_at=timezone.now())
    services.feed_rankings_refresh()

    with CaptureQueriesContext(connection) as queries:
        entries, _more = personal_feed(user=reader, language="en")

    assert [e.item.pk for e in entries] == [item.pk]
    # The catalogue check, the serving re-check (items + topics) and the reason names; no affinity or
    # candidate queries.
    assert len(queries) <= 4
    assert not any("profiles_profileskill" in q["sql"] for q in queries.captured_queries)


def test_old_rankings_and_content_changes_make_rankings_stale(reader, kubernetes):
    first = FeedContentItemFactory(topics=[kubernetes])
    now = timezone.now()
    FeedReader.objects.create(user=reader, last_read_at=now)
    services.feed_rankings_refresh(now=now)
    assert feed_readers_stale(now=now + timedelta(seconds=60)) == []
    assert feed_readers_stale(now=now + timedelta(seconds=301)) == [reader.pk]

    newer = FeedContentItemFactory(topics=[kubernetes])  # publishing marks the catalogue changed
    assert feed_readers_stale(now=timezone.now()) == [reader.pk]
    services.feed_rankings_refresh()
    assert _ranked_ids(reader) == [newer.pk, first.pk]


def test_feedback_recomputes_the_ranking_in_the_background(
    client_for, reader, kubernetes, django_capture_on_commit_callbacks
):
    items = [FeedContentItemFactory(topics=[kubernetes]) for _ in range(2)]
    client = client_for(reader)
    client.get("/api/v1/feed/")
    assert sorted(_ranked_ids(reader) or []) == sorted(i.pk for i in items)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/api/v1/feed/{items[0].pk}/dismiss/", {"reason": "item"}, format="json")

    assert response.status_code == 201
    assert len(callbacks) == 1  # the refresh task, run eagerly here
    assert _ranked_ids(reader) == [items[1].pk]  # already under the new version: the next read is warm


def test_management_command_refreshes(reader, kubernetes, capsys):
    FeedContentItemFactory(topics=[kubernetes])
    FeedReader.objects.create(user=reader, last_read_at=timezone.now())

    call_command("recommendations_refresh")

    assert "'refreshed': 1" in capsys.readouterr().out


def test_privacy_export_and_erase_the_reader_record(reader):
    read_at = timezone.now()
    FeedReader.objects.create(user=reader, last_read_at=read_at)

    assert privacy.export_user_data(reader)["feed_last_read_at"] == read_at
    privacy.erase_user_data(reader)
    assert not FeedReader.objects.filter(user=reader).exists()


def test_a_ranking_cached_before_a_publication_is_not_served_even_before_any_refresh(reader, kubernetes):
    first = FeedContentItemFactory(topics=[kubernetes])
    computed = timezone.now()
    feed_ranking_store(user=reader, now=computed)  # cached by some process before the publication
    assert _ranked_ids(reader) == [first.pk]

    newer = FeedContentItemFactory(topics=[kubernetes])  # publishing writes the mark to the database

    assert CatalogueChange.objects.get().changed_at > computed
    entries, _more = personal_feed(user=reader, language="en")  # no refresh task has run
    assert [e.item.pk for e in entries] == [newer.pk, first.pk]
    assert _ranked_ids(reader) == [newer.pk, first.pk]  # recomputed and kept


def test_a_ranking_that_read_the_catalogue_before_a_publication_committed_is_not_served(reader, kubernetes):
    """A publication stamps its mark inside its transaction; a ranking that starts after the stamp but
    before the commit reads neither the item nor the mark, and must not count as fresh because its clock
    is later than the stamp (a live set-up's feed kept the old ranking for minutes so)."""
    base = timezone.now()
    with mock.patch.object(timezone, "now", return_value=base - timedelta(minutes=10)):
        first = FeedContentItemFactory(topics=[kubernetes], published_at=timezone.now())
    # some process ranks at base - 1 min and sees the catalogue as it was before the commit
    feed_ranking_store(user=reader, now=base - timedelta(minutes=1))
    # the publication, stamped at base - 2 min, commits after that ranking
    with mock.patch.object(timezone, "now", return_value=base - timedelta(minutes=2)):
        newer = FeedContentItemFactory(topics=[kubernetes], published_at=timezone.now())

    entries, _more = personal_feed(user=reader, language="en")

    assert [e.item.pk for e in entries] == [newer.pk, first.pk]
    recomputed = feed_rankings_cached(user_ids=[reader.pk])[reader.pk]
    assert not recomputed.behind(catalogue_changed_at(now=timezone.now()))  # it read the new mark


def test_archiving_marks_the_catalogue_changed_and_the_item_leaves_the_feed(reader, kubernetes):
    keep, gone = FeedContentItemFactory(topics=[kubernetes]), FeedContentItemFactory(topics=[kubernetes])
    personal_feed(user=reader, language="en")
    before = CatalogueChange.objects.get().changed_at

    gone.status = ContentStatus.ARCHIVED
    gone.save()

    assert CatalogueChange.objects.get().changed_at > before
    entries, _more = personal_feed(user=reader, language="en")
    assert [e.item.pk for e in entries] == [keep.pk]


def test_a_start_or_expiry_date_passing_counts_as_a_catalogue_change(reader, kubernetes):
    now = timezone.now()
    FeedContentItemFactory(topics=[kubernetes], published_at=now - timedelta(hours=2))
    CatalogueChange.objects.update(changed_at=now - timedelta(hours=1))
    starts = now + timedelta(minutes=10)
    expires = now + timedelta(minutes=20)
    FeedContentItemFactory(topics=[kubernetes], published_at=now - timedelta(hours=2), starts_at=starts)
    FeedContentItemFactory(topics=[kubernetes], published_at=now - timedelta(hours=2), expires_at=expires)
    CatalogueChange.objects.update(changed_at=now - timedelta(hours=1))

    assert catalogue_changed_at(now=now) == now - timedelta(hours=1)
    assert catalogue_changed_at(now=starts + timedelta(seconds=1)) == starts
    assert catalogue_changed_at(now=expires) == expires
