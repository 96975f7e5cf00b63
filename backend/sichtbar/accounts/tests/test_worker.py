"""The task path for real: the API enqueues on Redis, a Celery worker process runs the task."""

import re

import pytest
from rest_framework.test import APIClient

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.tests.worker import _wait_for, mails_in, worker  # noqa: F401 (the fixture)


@pytest.mark.worker
def test_invitation_mail_is_sent_by_a_worker_process(worker, settings):  # noqa: F811
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
    [message] = mails_in(mail_dir)
    link = re.search(r"http://sichtbar\.test/invite/(\S+)", message)
    assert link, message
    visitor = APIClient()
    accepted = visitor.post(
        "/api/v1/auth/invitations/accept/", {"token": link.group(1), "password": "Worker-Weg-2026"}
    )
    assert accepted.status_code == 200
    assert accepted.json()["email"] == "worker@example.com"
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
