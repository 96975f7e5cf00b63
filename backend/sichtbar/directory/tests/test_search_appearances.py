"""Search appearances: buffered in Redis without a database write on the search request, flushed into the
table exactly once, and written directly when Redis is down."""

import os
import uuid
from datetime import date, timedelta
from unittest import mock

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sichtbar.directory import privacy, services
from sichtbar.directory.models import SearchAppearance, SearchAppearanceFlush
from sichtbar.directory.tasks import search_appearances_flush
from sichtbar.profiles.tests.factories import ProfileFactory
from sichtbar.search.tests.helpers import index_all, profile, skill
from sichtbar.search.text import taxonomy_changed

pytestmark = pytest.mark.django_db
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DEAD_REDIS = "redis://127.0.0.1:1/0"


def _redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def _fresh_breaker(monkeypatch):
    monkeypatch.setattr(services, "_appearance_redis_down_until", 0.0)


@pytest.fixture
def buffer(settings):
    """Redis as the buffer, under a key prefix of this test's own."""
    if not _redis_available():
        pytest.skip("Redis is not reachable")
    prefix = f"test-appearances:{uuid.uuid4().hex}"
    settings.REDIS_URL = REDIS
    settings.SEARCH_APPEARANCES_KEY_PREFIX = prefix
    client = redis.Redis.from_url(REDIS, decode_responses=True)
    yield client, prefix
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def no_redis(settings):
    settings.REDIS_URL = DEAD_REDIS


@pytest.fixture
def people(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""
    cache.clear()
    taxonomy_changed()
    k8s = skill("Kubernetes", aliases=("K8s",))
    found = [profile(slug=f"pub{i}", last_name=f"Public{i}", skills={k8s: 3 + i}) for i in range(3)]
    colleague = profile(
        slug="colleague", last_name="Intern", skills={k8s: 5}, sections={"basics": "internal"}
    )
    index_all()
    return {p.slug: p for p in [*found, colleague]}


def counts() -> set[tuple[str, str, int]]:
    return {
        (a.profile.slug, a.audience, a.count)
        for a in SearchAppearance.objects.select_related("profile").filter(day=timezone.localdate())
    }


def test_a_results_page_is_buffered_without_a_database_write_and_flushed(
    api_client, client_for, employee, people, buffer
):
    client, prefix = buffer

    response = api_client.get("/api/v1/public/experts/", {"q": "K8s", "page_size": 2})
    client_for(employee).get("/api/v1/directory/experts/", {"q": "K8s"})

    assert response.status_code == 200
    assert not SearchAppearance.objects.exists()  # nothing written on the request
    today = timezone.localdate().isoformat()
    pub2, pub1 = str(people["pub2"].pk), str(people["pub1"].pk)
    assert client.hgetall(f"{prefix}:live:{today}:public") == {pub2: "1", pub1: "1"}

    assert search_appearances_flush() == 2 + 4

    assert counts() == {
        ("pub2", "public", 1),
        ("pub1", "public", 1),
        ("colleague", "internal", 1),
        ("pub2", "internal", 1),
        ("pub1", "internal", 1),
        ("pub0", "internal", 1),
    }
    assert list(client.scan_iter(match=f"{prefix}:*")) == []

    api_client.get("/api/v1/public/experts/", {"q": "K8s", "page_size": 2})
    api_client.get("/api/v1/public/experts/", {"q": "K8s", "page_size": 2, "page": 2})
    search_appearances_flush()

    public = {(slug, n) for slug, audience, n in counts() if audience == "public"}
    assert public == {("pub2", 2), ("pub1", 2), ("pub0", 1)}


def test_recording_with_redis_costs_no_query(people, buffer):
    ids = [p.pk for p in people.values()]

    with CaptureQueriesContext(connection) as queries:
        services.search_appearances_record(profile_ids=ids, audience="internal")

    assert len(queries) == 0
    assert search_appearances_flush() == 4


def test_redis_down_writes_the_counts_after_the_commit(
    api_client, people, no_redis, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.get("/api/v1/public/experts/", {"q": "K8s"})
    with django_capture_on_commit_callbacks(execute=True):
        api_client.get("/api/v1/public/experts/", {"q": "K8s"})

    assert response.status_code == 200
    assert counts() == {("pub2", "public", 2), ("pub1", "public", 2), ("pub0", "public", 2)}
    assert search_appearances_flush() == 0  # nothing buffered


def test_redis_failing_falls_back_and_backs_off(people, buffer, django_capture_on_commit_callbacks):
    with (
        mock.patch.object(redis.client.Pipeline, "execute", side_effect=redis.ConnectionError("gone")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.search_appearances_record(profile_ids=[people["pub0"].pk], audience="public")
    # Redis answers again, but within the back-off the fallback is used without trying it.
    with django_capture_on_commit_callbacks(execute=True):
        services.search_appearances_record(profile_ids=[people["pub0"].pk], audience="public")

    assert counts() == {("pub0", "public", 2)}
    client, prefix = buffer
    assert list(client.scan_iter(match=f"{prefix}:*")) == []


def test_a_flush_that_died_after_writing_is_not_counted_twice(people, buffer):
    client, prefix = buffer
    day = timezone.localdate().isoformat()
    pid = str(people["pub0"].pk)
    # Died after the commit: the token is recorded, the renamed hash is still there.
    client.hset(f"{prefix}:flushing:done:{day}:public", pid, 3)
    SearchAppearanceFlush.objects.create(token="done")
    SearchAppearance.objects.create(profile=people["pub0"], audience="public", day=day, count=3)
    # Died before the commit: the token is unknown, the counts must still be written.
    client.hset(f"{prefix}:flushing:lost:{day}:public", pid, 5)

    assert search_appearances_flush() == 5

    assert counts() == {("pub0", "public", 8)}
    assert list(client.scan_iter(match=f"{prefix}:*")) == []


def test_buffered_counts_of_a_deleted_profile_are_dropped(people, buffer):
    gone = people["pub0"].pk
    services.search_appearances_record(profile_ids=[gone, people["pub1"].pk], audience="public")
    people["pub0"].search_documents.all().delete()
    type(people["pub0"]).objects.filter(pk=gone).delete()

    assert search_appearances_flush() == 1
    assert counts() == {("pub1", "public", 1)}


def test_counts_keep_their_day(people, buffer):
    yesterday = timezone.localdate() - timedelta(days=1)
    services.search_appearances_record(profile_ids=[people["pub0"].pk], audience="public", day=yesterday)

    search_appearances_flush()

    assert list(SearchAppearance.objects.values_list("day", "audience", "count")) == [
        (yesterday, "public", 1)
    ]


def test_old_flush_tokens_are_dropped(buffer):
    old = SearchAppearanceFlush.objects.create(token="old")
    SearchAppearanceFlush.objects.filter(pk=old.pk).update(flushed_at=timezone.now() - timedelta(days=8))
    recent = SearchAppearanceFlush.objects.create(token="recent")

    search_appearances_flush()

    assert list(SearchAppearanceFlush.objects.values_list("pk", flat=True)) == [recent.pk]


def test_export_and_erasure_cover_search_appearances():
    mine = ProfileFactory()
    other = ProfileFactory()
    SearchAppearance.objects.create(profile=mine, audience="public", day="2026-11-20", count=7)
    SearchAppearance.objects.create(profile=other, audience="public", day="2026-11-20", count=2)

    data = privacy.export_user_data(mine.user)
    privacy.erase_user_data(mine.user)

    assert data["search_appearances"] == [{"day": date(2026, 11, 20), "audience": "public", "count": 7}]
    assert list(SearchAppearance.objects.values_list("profile_id", flat=True)) == [other.pk]


def test_a_web_workers_warm_up_search_is_no_appearance(
    api_client, people, no_redis, django_capture_on_commit_callbacks
):
    """Every gunicorn worker runs a search per audience before it serves (config.wsgi.warm_up calls
    search_warm_up); the appearance figures people see count visitors' result pages only."""
    from sichtbar.search.selectors import search_warm_up

    with django_capture_on_commit_callbacks(execute=True):
        search_warm_up()  # "Cloud Kubernetes": a Kubernetes holder is on its first page
    assert not SearchAppearance.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):  # the control: a visitor's page counts
        api_client.get("/api/v1/public/experts/", {"q": "Kubernetes", "page_size": 1})
    assert {slug for slug, _audience, _n in counts()} == {"pub2"}
