"""The import path for real: the periodic fan-out and each source's import run in a Celery worker process,
fetching feeds from a real server on loopback."""

import os
import subprocess
import sys

import pytest
import redis

from config.celery_app import app as celery_app
from sichtbar.content import tasks
from sichtbar.content.models import ContentItem
from sichtbar.core.tests.test_worker import (
    BACKEND_DIR,
    REDIS,
    _database_url,
    _redis_available,
    _reset_connections,
    _wait_for,
)
from sichtbar.integrations.tests.blog_server import BlogServer, rss

from .factories import ContentSourceFactory


@pytest.fixture
def feeds():
    server = BlogServer()
    yield server
    server.close()


@pytest.fixture
def content_worker(transactional_db, feeds):
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}; CI must run the worker test")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    redis.Redis.from_url(REDIS).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sichtbar.integrations.tests.worker_settings",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS,
        "TEST_OUTBOUND_PORTS": str(feeds.port),
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-Q", "integrations"]
    command += ["-l", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"]
    process = subprocess.Popen(
        command, cwd=BACKEND_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    previous = {
        "task_always_eager": celery_app.conf.task_always_eager,
        "broker_url": celery_app.conf.broker_url,
    }
    celery_app.conf.update(task_always_eager=False, broker_url=REDIS)
    _reset_connections()
    try:
        yield process
    finally:
        celery_app.conf.update(**previous)
        _reset_connections()
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_a_worker_imports_every_active_source_as_drafts(content_worker, feeds):
    feeds.pages["/presse"] = rss(
        {"title": "Neuer Standort", "link": "https://firma.example/wien", "guid": "p1"}
    )
    feeds.pages["/jobs"] = rss(
        {"title": "Platform Engineer", "link": "https://firma.example/job", "guid": "j1"}
    )
    feeds.pages["/alt"] = rss({"title": "Alt", "link": "https://firma.example/alt", "guid": "x1"})
    press = ContentSourceFactory(feed_url=f"{feeds.url}/presse", kind="press")
    jobs = ContentSourceFactory(feed_url=f"{feeds.url}/jobs", kind="job")
    ContentSourceFactory(feed_url=f"{feeds.url}/alt", is_active=False)

    tasks.sources_import_all.apply_async()

    if not _wait_for(lambda: ContentItem.objects.count() == 2):
        content_worker.terminate()
        output = content_worker.communicate(timeout=15)[0].decode(errors="replace")
        pytest.fail(f"the worker did not import the feeds; worker output:\n{output[-4000:]}")
    assert sorted(ContentItem.objects.values_list("source_id", "kind", "status", "title")) == sorted(
        [(press.pk, "press", "draft", "Neuer Standort"), (jobs.pk, "job", "draft", "Platform Engineer")]
    )
    assert sorted(path for path, _ in feeds.hits) == ["/jobs", "/presse"]
