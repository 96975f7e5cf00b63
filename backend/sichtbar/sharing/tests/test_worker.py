"""The posting path for real: a Celery worker process posts a queued share to the stand-in Mastodon,
retrying after a 429 and a 503 with the same idempotency key, and the post exists once."""

import pytest

from sichtbar.core.tests.worker import (
    _wait_for,
    integrations_worker_process,
)
from sichtbar.integrations.tests.mastodon_server import MastodonServer
from sichtbar.integrations.tests.stand_in import Reply
from sichtbar.sharing import services
from sichtbar.sharing.models import Share, ShareStatus

from .conftest import posts


@pytest.fixture
def plain_mastodon():
    server = MastodonServer()
    yield server
    server.close()


@pytest.fixture
def sharing_worker(transactional_db, plain_mastodon):
    with integrations_worker_process(
        settings_module="sichtbar.sharing.tests.worker_settings", outbound_port=plain_mastodon.port
    ) as process:
        yield process


@pytest.mark.worker
def test_a_worker_posts_after_retries_exactly_once(sharing_worker, plain_mastodon, sharer, item):
    from sichtbar.integrations.models import Connection
    from sichtbar.integrations.services import token_store

    connection = Connection.objects.create(
        user=sharer,
        provider="mastodon",
        url=f"{plain_mastodon.url}/@erika",
        instance_url=plain_mastodon.url,
        status="connected",
        scopes="read write:statuses",
    )
    plain_mastodon.tokens["ma-worker-token"] = {"client_id": "app"}
    token_store(connection=connection, access_token="ma-worker-token", scopes="read write:statuses")
    plain_mastodon.failures["/api/v1/statuses"] += [
        Reply(429, {"error": "slow down"}, {"Retry-After": "1"}),
        Reply(503, {"error": "maintenance"}),
    ]

    created = services.share_create(user=sharer, content=item, network="mastodon", text="Aus dem Worker")
    share = created.share

    def posted():
        return Share.objects.get(pk=share.pk).status == ShareStatus.POSTED

    if not _wait_for(posted):
        sharing_worker.terminate()
        output = sharing_worker.communicate(timeout=15)[0].decode(errors="replace")
        pytest.fail(f"the worker did not post the share; worker output:\n{output[-4000:]}")
    share.refresh_from_db()
    calls = posts(plain_mastodon)
    assert len(calls) == 3
    assert {call.headers["idempotency-key"] for call in calls} == {f"share-{share.pk}"}
    assert len(plain_mastodon.posted) == 1
    assert share.attempts == 3
    assert share.external_url == next(iter(plain_mastodon.posted.values()))["url"]
