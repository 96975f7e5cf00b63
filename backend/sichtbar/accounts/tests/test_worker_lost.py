"""A worker process killed in the middle of a task: the task runs again and its effect happens once."""

import os
import signal
import subprocess
import sys
import time

import pytest
from rest_framework.test import APIClient

from sichtbar.accounts.models import Invitation, Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.tests.smtp_server import SmtpServer
from sichtbar.core.tests.worker import (
    BACKEND_DIR,
    REDIS,
    _database_url,
    _redis_available,
    _reset_connections,
    _wait_for,
)

pytestmark = pytest.mark.worker


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(line) for line in found.split()]


@pytest.mark.django_db(transaction=True)
def test_killed_worker_child_reruns_the_task_without_a_duplicate(tmp_path):
    if not _redis_available():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    import redis

    from config.celery_app import app as celery_app

    redis.Redis.from_url(REDIS).flushdb()
    with SmtpServer(stall_first_session=True) as smtp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": REDIS,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
            "LOG_LEVEL": "WARNING",
            "SICHTBAR_VAR_DIR": str(tmp_path),
        }
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-P",
                "prefork",
                "-c",
                "1",
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
        previous = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
        celery_app.conf.update(task_always_eager=False, broker_url=REDIS)
        _reset_connections()
        try:
            admin = UserFactory(role=Role.ADMIN, is_staff=True)
            client = APIClient()
            client.force_login(admin)
            assert client.post("/api/v1/users/invitations/", {"email": "once@example.com"}).status_code == 201

            assert smtp.session_started.wait(60), "the worker never started sending"
            children = _children(worker.pid)
            assert children, "no pool process found"
            for child in children:
                os.kill(child, signal.SIGKILL)  # dies while the mail server holds the first delivery
            smtp.release.set()

            def sent():
                return Invitation.objects.filter(
                    email="once@example.com", mail__sent_at__isnull=False
                ).exists()

            if not _wait_for(sent, timeout=60):
                worker.terminate()
                pytest.fail(
                    "the task did not run again: " + worker.communicate(timeout=15)[0].decode()[-3000:]
                )
            time.sleep(1)  # give a (wrong) duplicate delivery the chance to show up
            assert smtp.sessions == 2
            assert len(smtp.messages) == 1
            assert "once@example.com" in smtp.messages[0]
        finally:
            celery_app.conf.update(**previous)
            _reset_connections()
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
