"""A real Celery worker killed (SIGKILL) while it flushes clicks: a new worker takes over its unacknowledged
entries, and every click is stored exactly once."""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
from django.utils import timezone

from config.celery_app import app as celery_app
from sichtbar.core.tests.worker import BACKEND_DIR, _database_url, _reset_connections, _wait_for
from sichtbar.links.models import Click
from sichtbar.links.stream import GROUP, ClickEvent
from sichtbar.links.tasks import clicks_flush

from .conftest import REDIS
from .factories import TrackedLinkFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CLICKS = 12_000


def _start_worker(stream: str, *, pause_after_batches: int = 0, paused_file: str = "") -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sichtbar.links.tests.worker_settings",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS,
        "TEST_LINKS_STREAM": stream,
        "TEST_LINKS_REDIS": REDIS,
        "LOG_LEVEL": "WARNING",
        "TEST_LINKS_PAUSE_AFTER_BATCHES": str(pause_after_batches),
        "TEST_LINKS_PAUSED_FILE": paused_file,
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "prefork", "-c", "1"]
    command += [
        "-Q",
        "analytics",
        "-l",
        "WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]
    return subprocess.Popen(
        command,
        cwd=BACKEND_DIR,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)


def test_a_worker_killed_mid_flush_loses_nothing_and_doubles_nothing(click_stream, settings, tmp_path):
    links = TrackedLinkFactory.create_batch(20)
    now = timezone.now()
    events = [
        ClickEvent(
            event_id=uuid.uuid4(),
            link_id=links[n % 20].pk,
            occurred_at=now,
            user_id=links[n % 20].user_id,
            content_id=links[n % 20].content_id,
            network=links[n % 20].network,
            visitor_hash=f"{n:064x}",
            referrer_host="",
            device_class="desktop",
        )
        for n in range(CLICKS)
    ]
    pipe = click_stream.pipeline(transaction=False)
    for event in [*events, *events[:500]]:  # 500 entries appended twice (a retried append)
        pipe.xadd(settings.LINKS_CLICK_STREAM, event.to_fields())
    pipe.execute()
    for queue_key in ("analytics", "unacked", "unacked_index"):
        click_stream.delete(queue_key)

    previous = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=REDIS)
    _reset_connections()
    # The first worker stops after its fifth batch of 200 is stored but before it is acknowledged, and is
    # killed there: a fixed point mid-way through the backlog, whatever the machine's speed.
    paused = tmp_path / "paused"
    workers = [_start_worker(settings.LINKS_CLICK_STREAM, pause_after_batches=5, paused_file=str(paused))]
    try:
        clicks_flush.apply_async()
        assert _wait_for(paused.exists, timeout=120), "the worker never flushed"
        os.killpg(workers[0].pid, signal.SIGKILL)  # the whole worker, mid-way through the backlog
        workers[0].wait(timeout=15)
        assert Click.objects.count() == 1000  # five batches stored, the fifth never acknowledged
        assert click_stream.xpending(settings.LINKS_CLICK_STREAM, GROUP)["pending"] > 0

        workers.append(_start_worker(settings.LINKS_CLICK_STREAM))

        def drained() -> bool:
            clicks_flush.apply_async()
            time.sleep(1.5)
            return Click.objects.count() >= CLICKS and click_stream.xlen(settings.LINKS_CLICK_STREAM) == 0

        assert _wait_for(drained, timeout=120), f"stored {Click.objects.count()} of {CLICKS}"
        time.sleep(2)  # a wrong second copy would show up now

        assert Click.objects.count() == CLICKS
        assert set(Click.objects.values_list("event_id", flat=True)) == {event.event_id for event in events}
        assert click_stream.xpending(settings.LINKS_CLICK_STREAM, GROUP)["pending"] == 0
    finally:
        for worker in workers:
            _stop(worker)
        celery_app.conf.update(**previous)
        _reset_connections()
