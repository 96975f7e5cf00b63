"""The posting path for real: a Celery worker process posts a queued share to the stand-in Mastodon,
retrying after a 429 and a 503 with the same idempotency key, and the post exists once."""

import os
import subprocess
import sys

import pytest
import redis

from config.celery_app import app as celery_app
from sichtbar.core.tests.test_worker import (
    BACKEND_DIR,
    REDIS,
    _database_url,
    _redis_available,
    _reset_connections,
    _wait_for,
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
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}; CI must run the worker test")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    redis.Redis.from_url(REDIS).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sichtbar.sharing.tests.worker_settings",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS,
        "TEST_OUTBOUND_PORTS": str(plain_mastodon.port),
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
        celery_app.conf.update(
            task_always_eager=previous["task_always_eager"], broker_url=previous["broker_url"]
        )
        _reset_connections()
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


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
