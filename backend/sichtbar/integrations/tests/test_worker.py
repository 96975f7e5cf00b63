"""The sync path for real: the periodic fan-out and the per-blog syncs run in a Celery worker process."""

import pytest

from sichtbar.core.tests.worker import _wait_for, integrations_worker_process
from sichtbar.integrations import tasks
from sichtbar.integrations.models import ImportedPost

from .blog_server import rss
from .factories import ConnectionFactory


@pytest.fixture
def integrations_worker(transactional_db, blog):
    with integrations_worker_process(
        settings_module="sichtbar.integrations.tests.worker_settings", outbound_port=blog.port
    ) as process:
        yield process


@pytest.mark.worker
def test_a_worker_fans_out_and_syncs_every_blog(integrations_worker, blog):
    blog.pages["/a"] = rss({"title": "A", "link": "https://a.example.com/1", "guid": "a1"})
    blog.pages["/b"] = rss({"title": "B", "link": "https://b.example.com/1", "guid": "b1"})
    first = ConnectionFactory(feed_url=f"{blog.url}/a")
    second = ConnectionFactory(feed_url=f"{blog.url}/b")

    tasks.blogs_sync_all.apply_async()

    def imported():
        return ImportedPost.objects.count() == 2

    if not _wait_for(imported):
        integrations_worker.terminate()
        output = integrations_worker.communicate(timeout=15)[0].decode(errors="replace")
        pytest.fail(f"the worker did not sync the blogs; worker output:\n{output[-4000:]}")
    assert sorted(ImportedPost.objects.values_list("connection_id", "title")) == [
        (first.id, "A"),
        (second.id, "B"),
    ]
    assert sorted(path for path, _ in blog.hits) == ["/a", "/b"]


@pytest.fixture
def plain_mastodon():
    """The stand-in without touching this process's settings: only the worker process talks to it."""
    from .mastodon_server import MastodonServer

    server = MastodonServer()
    yield server
    server.close()


@pytest.fixture
def mastodon_worker(transactional_db, plain_mastodon):
    with integrations_worker_process(
        settings_module="sichtbar.integrations.tests.worker_settings",
        outbound_port=plain_mastodon.port,
        env={"OAUTHLIB_INSECURE_TRANSPORT": "1"},
    ) as process:
        yield process


@pytest.mark.worker
def test_a_worker_syncs_mastodon_accounts_and_records_a_failing_one(mastodon_worker, plain_mastodon):
    mastodon = plain_mastodon
    from sichtbar.integrations import services
    from sichtbar.integrations.models import Connection

    from .mastodon_server import status

    mastodon.statuses = [status(3), status(2), status(1)]
    token = "ma-worker-token"
    mastodon.tokens[token] = {"client_id": "x"}
    good = ConnectionFactory(
        provider="mastodon", feed_url="", instance_url=mastodon.url, external_account_id=mastodon.account_id
    )
    services.token_store(connection=good, access_token=token)
    broken = ConnectionFactory(
        provider="mastodon", feed_url="", instance_url=mastodon.url, external_account_id=mastodon.account_id
    )
    services.token_store(connection=broken, access_token="revoked-token")

    tasks.mastodon_sync_all.apply_async()

    def done():
        return (
            ImportedPost.objects.filter(connection=good).count() == 3
            and Connection.objects.get(pk=broken.pk).status == "needs_reconsent"
        )

    if not _wait_for(done):
        mastodon_worker.terminate()
        output = mastodon_worker.communicate(timeout=15)[0].decode(errors="replace")
        seen = list(Connection.objects.values_list("id", "status", "last_error_code"))
        pytest.fail(f"the worker did not sync Mastodon ({seen}); worker output:\n{output[-4000:]}")
    good.refresh_from_db()
    assert (good.status, good.followers) == ("connected", 321)
    assert ImportedPost.objects.get(connection=good, external_id="3").reposts == 1
