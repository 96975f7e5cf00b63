"""Faults: the API keeps serving when Redis or the broker is down, and recovers from a database restart."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from rest_framework.test import APIClient

from config.celery_app import app as celery_app
from sichtbar.accounts.models import ApiToken, Invitation, Role
from sichtbar.accounts.tests.factories import TEST_PASSWORD, UserFactory
from sichtbar.core.tests.worker import _reset_connections
from sichtbar.mail.models import MailStatus, OutboxMail
from sichtbar.mail.services import mail_send, mail_sweep
from sichtbar.mail.tests.smtpd import LoopbackSmtp

BACKEND_DIR = Path(__file__).resolve().parents[3]
DEAD_REDIS = "redis://127.0.0.1:1/0"
DEAD_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": DEAD_REDIS,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
}


@pytest.mark.django_db
@override_settings(CACHES=DEAD_CACHE, REDIS_URL=DEAD_REDIS)
def test_redis_down_login_still_works_and_readiness_says_so(api_client):
    UserFactory(email="lena@example.com")

    login = api_client.post("/api/v1/auth/login/", {"email": "lena@example.com", "password": TEST_PASSWORD})
    ready = api_client.get("/api/v1/health/ready/")

    assert login.status_code == 200
    assert ready.status_code == 503
    assert {c["name"]: c["status"] for c in ready.json()["checks"]}["cache"] == "down"


@pytest.fixture
def dead_broker():
    previous = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    celery_app.conf.update(task_always_eager=False, broker_url=DEAD_REDIS)
    _reset_connections()
    yield
    celery_app.conf.update(**previous)
    _reset_connections()


@pytest.mark.django_db(transaction=True)
def test_broker_down_nothing_is_lost_and_the_sweep_catches_up(dead_broker):
    admin = UserFactory(role=Role.ADMIN, is_staff=True)
    client = APIClient()
    client.force_login(admin)

    response = client.post("/api/v1/users/invitations/", {"email": "later@example.com"}, format="json")

    assert response.status_code == 201
    invitation = Invitation.objects.select_related("mail").get(email="later@example.com")
    assert (invitation.mail.status, invitation.mail.attempts) == (MailStatus.PENDING, 0)
    assert mail.outbox == []

    # The broker is back; the beat sweep sends what the outage held up, with a link that works.
    celery_app.conf.update(task_always_eager=True)
    assert mail_sweep() == 1
    secret = re.search(r"/invite/(\S+)", mail.outbox[0].body).group(1)
    assert APIClient().get(f"/api/v1/auth/invitations/{secret}/").status_code == 200
    assert mail_sweep() == 0
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_broker_down_a_password_reset_mail_waits_in_the_outbox_and_arrives_once(dead_broker, settings):
    """The reset mail is written in the request's transaction, not by a task: with the broker down the
    request still succeeds and the mail waits in the outbox; the sweep sends it when the broker is back,
    and a late delivery of the lost send task, a second sweep or a racing sender send nothing more."""
    smtp = LoopbackSmtp()
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        UserFactory(email="lena@example.com", language="de")

        response = APIClient().post("/api/v1/auth/password-reset/", {"email": "lena@example.com"})

        assert response.status_code == 202
        waiting = OutboxMail.objects.get()
        assert (waiting.to, waiting.template, waiting.status, waiting.attempts) == (
            "lena@example.com",
            "password_reset",
            MailStatus.PENDING,
            0,
        )
        assert smtp.received == []

        # The broker is back: the sweep hands the mail to a sender (tasks run in-process here).
        celery_app.conf.update(task_always_eager=True)
        assert mail_sweep() == 1
        # What could still come: the lost send task delivered after all, another sweep, a second sender.
        assert mail_send(mail_id=waiting.pk) is False
        assert mail_sweep() == 0

        def send_once_more() -> None:
            try:
                mail_send(mail_id=waiting.pk)
            finally:
                connection.close()  # this thread's own connection

        racing = [threading.Thread(target=send_once_more) for _ in range(2)]
        for thread in racing:
            thread.start()
        for thread in racing:
            thread.join(timeout=30)

        assert [r.rcpt_tos for r in smtp.received] == [["lena@example.com"]]
        body = smtp.received[0].message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        link = re.search(r"/reset-password/([^/\s]+)/([^/\s]+)", body)
        assert link, body
        confirm = APIClient().post(
            "/api/v1/auth/password-reset/confirm/",
            {"uid": link.group(1), "token": link.group(2), "password": "a-new-secret-2026"},
        )
        assert confirm.status_code == 204
        waiting.refresh_from_db()
        assert (waiting.status, waiting.attempts) == (MailStatus.SENT, 1)
    finally:
        smtp.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_web_process_recovers_after_the_database_drops_its_connections(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL); SQLite has no server to restart")
    user = UserFactory()
    _token, secret = ApiToken.objects.create(user=user, expiry=None, name="probe")
    db = connection.settings_dict
    user, host = db["USER"] or "postgres", db["HOST"] or "127.0.0.1"
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{user}@{host}:{db['PORT'] or 5432}/{db['NAME']}",
        "DATABASE_CONN_MAX_AGE": "300",  # persistent connections, as production runs them
        "SICHTBAR_VAR_DIR": str(tmp_path),
    }
    server = subprocess.Popen(  # one worker, one thread: every request reuses the same connection
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "1",
        ],
        cwd=BACKEND_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/api/v1/auth/me/"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if _get(url, secret) == 200:
                    break
            except OSError:
                time.sleep(0.2)
        assert _get(url, secret) == 200

        with psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"] or "postgres",
            dbname=db["NAME"],
            autocommit=True,
        ) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
        connection.close()  # this test's own connection was among them

        assert killed is not None and killed[0] >= 1
        assert _get(url, secret) == 200
    finally:
        server.terminate()
        server.wait(timeout=15)
