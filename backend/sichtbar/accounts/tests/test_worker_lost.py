"""A worker process killed in the middle of a task: the task runs again and its effect happens once."""

import os
import signal
import subprocess
import time

import pytest
from rest_framework.test import APIClient

from sichtbar.accounts.models import Invitation, Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.tests.smtp_server import SmtpServer
from sichtbar.core.tests.worker import _wait_for, celery_worker

pytestmark = pytest.mark.worker


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False).stdout
    return [int(line) for line in found.split()]


@pytest.mark.django_db(transaction=True)
def test_killed_worker_child_reruns_the_task_without_a_duplicate(tmp_path):
    with SmtpServer(stall_first_session=True) as smtp:
        env = {"EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}", "SICHTBAR_VAR_DIR": str(tmp_path)}
        with celery_worker(queue="default", env=env, pool="prefork", concurrency=1) as worker:
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
