"""Real Celery worker processes for tests: the `worker` fixture (default queue, Redis broker, the test
database) and the helpers the apps' worker tests share. The tests sit beside the code they run."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.db import connection

from config.celery_app import app as celery_app

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
BACKEND_DIR = Path(__file__).resolve().parents[3]


def _redis_available() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db["PASSWORD"] else user
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _reset_connections() -> None:
    """Producers made while tasks ran eagerly point at the in-memory broker; drop them."""
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def celery_worker(
    *,
    queue: str,
    settings_module: str = "config.settings.local",
    env: dict[str, str] | None = None,
    pool: str = "solo",
    concurrency: int | None = None,
) -> Iterator[subprocess.Popen]:
    """A real Celery worker process on one queue (Redis broker, the test database); the test's own Celery
    app sends to it for the duration and runs eagerly again afterwards."""
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}; CI must run the worker test")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    redis.Redis.from_url(REDIS).flushdb()
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", pool, "-Q", queue]
    if concurrency is not None:
        command += ["-c", str(concurrency)]
    command += ["-l", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"]
    worker_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS,
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    # only the two keys changed here: iterating the whole conf reads Django's settings object, which the
    # autouse `settings` fixture wraps (its private attributes are not Celery keys)
    # read before the worker starts, so that a failure here cannot leave a worker process behind
    previous = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    process = subprocess.Popen(
        command, cwd=BACKEND_DIR, env=worker_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
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


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A worker on the default queue that writes its mail to files."""
    mail_dir = tmp_path / "mail"
    env = {"EMAIL_URL": "filemail://", "EMAIL_FILE_PATH": str(mail_dir), "SITE_URL": "http://sichtbar.test"}
    with celery_worker(queue="default", env=env) as process:
        yield process, mail_dir


@contextmanager
def integrations_worker_process(
    *, settings_module: str, outbound_port: int, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """A worker on the integrations queue, allowed to reach one loopback stand-in server."""
    env = {"TEST_OUTBOUND_PORTS": str(outbound_port), **(env or {})}
    with celery_worker(queue="integrations", settings_module=settings_module, env=env) as process:
        yield process


def _wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.25)
    return None


def mails_in(mail_dir: Path) -> list[str]:
    """Every message Django's file mail backend wrote: it appends to one file per backend instance and
    second (named by the time and the instance's id, which a new instance may reuse), so two mails sent
    within a second can share a file. Each message ends with a line of 79 dashes."""
    return [
        message
        for path in sorted(mail_dir.iterdir())
        for message in path.read_text().split("-" * 79 + "\n")
        if message.strip()
    ]
