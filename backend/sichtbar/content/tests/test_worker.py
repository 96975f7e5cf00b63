"""The import path for real: the periodic fan-out and each source's import run in a Celery worker process,
fetching feeds from a real server on loopback."""

import pytest

from sichtbar.content import tasks
from sichtbar.content.models import ContentItem
from sichtbar.core.tests.worker import (
    _wait_for,
    integrations_worker_process,
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
    with integrations_worker_process(
        settings_module="sichtbar.integrations.tests.worker_settings", outbound_port=feeds.port
    ) as process:
        yield process


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
