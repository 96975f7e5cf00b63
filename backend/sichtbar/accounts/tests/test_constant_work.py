""" "Does this account exist?" must not be answerable by timing: password reset, login and invitation
acceptance do the same work (password hashing, queries, tasks queued) whether or not the account exists.
Checked by counting the work, never by measuring time."""

from contextlib import contextmanager

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from sichtbar.accounts.models import User
from sichtbar.core import tasks as core_tasks
from sichtbar.mail.models import OutboxMail

from .factories import TEST_PASSWORD, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


@contextmanager
def counted_work(monkeypatch):
    """Counts password hashes computed and database queries run inside the block."""
    hashes = {"count": 0}
    original = MD5PasswordHasher.encode

    def encode(self, password, salt):
        hashes["count"] += 1
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", encode)
    with CaptureQueriesContext(connection) as queries:
        yield hashes, queries
    monkeypatch.setattr(MD5PasswordHasher, "encode", original)


def _work(monkeypatch, call):
    with counted_work(monkeypatch) as (hashes, queries):
        response = call()
    statements = [query["sql"].split(" ", 1)[0] for query in queries.captured_queries]
    return response, hashes["count"], statements


def test_login_hashes_and_queries_the_same_for_known_and_unknown_accounts(monkeypatch):
    UserFactory(email="lena@example.com")

    def login(email):
        return APIClient().post("/api/v1/auth/login/", {"email": email, "password": "wrong-password-1"})

    known, known_hashes, known_queries = _work(monkeypatch, lambda: login("lena@example.com"))
    unknown, unknown_hashes, unknown_queries = _work(monkeypatch, lambda: login("nobody@example.com"))

    assert known.status_code == unknown.status_code == 400
    assert known.json() == unknown.json()
    assert known_hashes == unknown_hashes == 1
    assert known_queries == unknown_queries


def test_a_locked_account_costs_the_same_hash_as_an_open_one(monkeypatch, settings):
    settings.LOGIN_LOCKOUT_THRESHOLD = 1
    UserFactory(email="lena@example.com")
    APIClient().post("/api/v1/auth/login/", {"email": "lena@example.com", "password": "wrong-password-1"})

    locked, hashes, _ = _work(
        monkeypatch,
        lambda: APIClient().post(
            "/api/v1/auth/login/", {"email": "lena@example.com", "password": TEST_PASSWORD}
        ),
    )

    assert locked.status_code == 429
    assert hashes == 1


def test_password_reset_does_the_same_work_for_known_and_unknown_addresses(
    monkeypatch, django_capture_on_commit_callbacks
):
    """The mail is rendered and inserted for both (inside a savepoint, rolled back when nobody has the
    address), and both queue one send task after commit; only the savepoint's end differs."""
    UserFactory(email="lena@example.com")
    published: list[tuple[str, dict]] = []
    monkeypatch.setattr(core_tasks, "_publish", lambda task, kwargs: published.append((task.name, kwargs)))

    def reset(email):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = APIClient().post("/api/v1/auth/password-reset/", {"email": email})
        return response, callbacks

    (known, known_tasks), _, known_queries = _work(monkeypatch, lambda: reset("lena@example.com"))
    assert OutboxMail.objects.count() == 1
    (unknown, unknown_tasks), _, unknown_queries = _work(monkeypatch, lambda: reset("nobody@example.com"))

    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert len(known_tasks) == len(unknown_tasks) == 1
    mail = OutboxMail.objects.get()
    assert published == [
        ("sichtbar.mail.tasks.mail_send", {"mail_id": mail.pk}),
        ("sichtbar.mail.tasks.mail_send", {"mail_id": 0}),  # names no mail: the task finds nothing
    ]
    assert "INSERT" in known_queries and "ROLLBACK" not in known_queries
    assert unknown_queries.count("ROLLBACK") == 1  # ROLLBACK TO SAVEPOINT where the known one releases
    assert [q if q != "ROLLBACK" else "RELEASE" for q in unknown_queries] == known_queries
    assert mail.to == "lena@example.com"


def test_invitation_accept_hashes_the_password_for_unknown_links_and_taken_addresses(monkeypatch):
    InvitationFactory(secret="open-link")
    UserFactory(email="taken@example.com")
    InvitationFactory(secret="taken-link", email="taken@example.com")

    def accept(token):
        return APIClient().post(
            "/api/v1/auth/invitations/accept/", {"token": token, "password": "a-Strong-password-42"}
        )

    bad, bad_hashes, _ = _work(monkeypatch, lambda: accept("not-a-valid-link"))
    taken, taken_hashes, _ = _work(monkeypatch, lambda: accept("taken-link"))
    good, good_hashes, _ = _work(monkeypatch, lambda: accept("open-link"))

    assert (bad.status_code, taken.status_code, good.status_code) == (404, 400, 200)
    assert bad_hashes == taken_hashes == good_hashes == 1
    assert User.objects.filter(email="taken@example.com").count() == 1
