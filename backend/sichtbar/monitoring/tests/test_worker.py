"""The task path for real: a Celery worker process fans out the feed fetches (one failing feed does not stop
the other) and scans the posts a blog sync imports, through the hook in the integrations import."""

import subprocess

import pytest

from sichtbar.core.tests.worker import (
    _wait_for,
    integrations_worker_process,
)
from sichtbar.integrations import tasks as integrations_tasks
from sichtbar.integrations.tests.blog_server import Page, rss
from sichtbar.integrations.tests.factories import ConnectionFactory
from sichtbar.monitoring import tasks
from sichtbar.monitoring.models import FetchStatus, Mention, MonitoringFeed

from .factories import MonitoredTermFactory, MonitoringFeedFactory


@pytest.fixture
def worker(transactional_db, news):
    with integrations_worker_process(
        settings_module="sichtbar.integrations.tests.worker_settings", outbound_port=news.port
    ) as process:
        yield process


def _fail_with_output(process: subprocess.Popen, what: str) -> None:
    process.terminate()
    output = process.communicate(timeout=15)[0].decode(errors="replace")
    pytest.fail(f"the worker did not {what}; worker output:\n{output[-4000:]}")


@pytest.mark.worker
def test_a_worker_fetches_every_feed_and_a_failing_one_is_recorded(worker, news):
    MonitoredTermFactory(text="Sichtbar")
    news.pages["/ok"] = rss({"title": "Sichtbar wächst", "link": "https://n.example.com/1", "guid": "1"})
    news.pages["/down"] = Page(b"gone", status=404)
    working = MonitoringFeedFactory(url=f"{news.url}/ok")
    failing = MonitoringFeedFactory(url=f"{news.url}/down")

    tasks.feeds_fetch_all.apply_async()

    def done() -> bool:
        return (
            Mention.objects.filter(feed=working).exists()
            and MonitoringFeed.objects.get(pk=failing.pk).last_fetch_status == FetchStatus.ERROR
        )

    if not _wait_for(done):
        _fail_with_output(worker, "fetch the feeds")
    assert MonitoringFeed.objects.get(pk=failing.pk).last_error_code == "http_error"
    assert Mention.objects.get().title == "Sichtbar wächst"


@pytest.mark.worker
def test_a_blog_sync_in_the_worker_scans_the_imported_posts(worker, news):
    MonitoredTermFactory(text="Sichtbar")
    news.pages["/blog"] = rss(
        {"title": "Mein Jahr bei Sichtbar", "link": "https://blog.example.com/1", "guid": "b1"},
        {"title": "Urlaub", "link": "https://blog.example.com/2", "guid": "b2"},
    )
    connection = ConnectionFactory(feed_url=f"{news.url}/blog")

    integrations_tasks.blog_sync.apply_async(kwargs={"connection_id": connection.pk})

    if not _wait_for(lambda: Mention.objects.exists()):
        _fail_with_output(worker, "scan the imported posts")
    mention = Mention.objects.get()
    assert (mention.source, mention.post.connection_id, mention.title) == (
        "network",
        connection.pk,
        "Mein Jahr bei Sichtbar",
    )
