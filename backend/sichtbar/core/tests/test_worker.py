"""The task path for real: the API enqueues on Redis, a Celery worker process runs the task."""

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.db import connection
from rest_framework.test import APIClient

from config.celery_app import app as celery_app
from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory

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


@pytest.fixture
def worker(transactional_db, tmp_path):
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}; CI must run the worker test")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    redis.Redis.from_url(REDIS).flushdb()
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS,
        "EMAIL_URL": "filemail://",
        "EMAIL_FILE_PATH": str(mail_dir),
        "SITE_URL": "http://sichtbar.test",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-P",
            "solo",
            "-Q",
            "default",
            "-l",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=BACKEND_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    previous = dict(celery_app.conf)
    celery_app.conf.update(task_always_eager=False, broker_url=REDIS)
    _reset_connections()
    try:
        yield process, mail_dir
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


@contextmanager
def integrations_worker_process(*, settings_module: str, outbound_port: int) -> Iterator[subprocess.Popen]:
    """A real Celery worker on the integrations queue (Redis broker, the test database), allowed to reach
    one loopback stand-in server; the test's own Celery app sends to it for the duration."""
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}; CI must run the worker test")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    redis.Redis.from_url(REDIS).flushdb()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": REDIS,
        "TEST_OUTBOUND_PORTS": str(outbound_port),
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-Q", "integrations"]
    command += ["-l", "WARNING", "--without-heartbeat", "--without-gossip", "--without-mingle"]
    process = subprocess.Popen(
        command, cwd=BACKEND_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    previous = dict(celery_app.conf)
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


def _wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.25)
    return None


@pytest.mark.worker
def test_invitation_mail_is_sent_by_a_worker_process(worker, settings):
    process, mail_dir = worker
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.SITE_URL = "http://sichtbar.test"  # the outbox renders the mail where the invitation is made
    admin = UserFactory(role=Role.ADMIN, is_staff=True)
    client = APIClient()
    client.force_login(admin)

    created = client.post(
        "/api/v1/users/invitations/", {"email": "worker@example.com", "first_name": "Wanda"}
    )

    assert created.status_code == 201
    assert created.json()["email_sent_at"] is None  # queued, not sent in the request

    def sent():
        [invitation] = client.get("/api/v1/users/invitations/").json()["results"]
        return invitation["email_sent_at"]

    if not _wait_for(sent):
        process.terminate()
        output = process.communicate(timeout=15)[0].decode(errors="replace")
        pytest.fail(f"the worker did not send the invitation; worker output:\n{output[-4000:]}")
    [message] = list(mail_dir.iterdir())
    link = re.search(r"http://sichtbar\.test/invite/(\S+)", message.read_text())
    assert link, message.read_text()
    visitor = APIClient()
    accepted = visitor.post(
        "/api/v1/auth/invitations/accept/", {"token": link.group(1), "password": "Worker-Weg-2026"}
    )
    assert accepted.status_code == 200
    assert accepted.json()["email"] == "worker@example.com"
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
