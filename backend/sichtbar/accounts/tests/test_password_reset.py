"""Forgotten passwords: request a link by e-mail, set a new password with it."""

import re

import pytest
from django.core import mail

from .factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _link_parts(body: str) -> tuple[str, str]:
    match = re.search(r"/reset-password/([^/\s]+)/([^/\s]+)", body)
    assert match, body
    return match.group(1), match.group(2)


def test_reset_flow_sets_a_new_password(api_client, django_capture_on_commit_callbacks):
    user = UserFactory(email="lena@example.com", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post("/api/v1/auth/password-reset/", {"email": "LENA@example.com"})

    assert response.status_code == 202
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lena@example.com"]
    assert mail.outbox[0].subject == "Reset your Sichtbar password"
    uid, token = _link_parts(mail.outbox[0].body)
    confirm = api_client.post(
        "/api/v1/auth/password-reset/confirm/", {"uid": uid, "token": token, "password": "a-new-secret-2026"}
    )
    assert confirm.status_code == 204
    user.refresh_from_db()
    assert user.check_password("a-new-secret-2026")
    again = api_client.post(
        "/api/v1/auth/password-reset/confirm/",
        {"uid": uid, "token": token, "password": "another-secret-2026"},
    )
    assert again.status_code == 400
    assert again.json()["code"] == "invalid_token"


def test_unknown_address_gets_the_same_answer_and_no_mail(api_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api_client.post("/api/v1/auth/password-reset/", {"email": "nobody@example.com"})

    assert (
        len(callbacks) == 1
    )  # the same task as for a known address (test_constant_work.py); it mails nobody
    assert response.status_code == 202
    assert mail.outbox == []


def test_mail_follows_the_users_language(api_client, django_capture_on_commit_callbacks):
    UserFactory(email="lena@example.com", language="de")

    with django_capture_on_commit_callbacks(execute=True):
        api_client.post("/api/v1/auth/password-reset/", {"email": "lena@example.com"})

    assert mail.outbox[0].subject == "Setzen Sie Ihr Sichtbar-Passwort zurück"


def test_weak_password_is_rejected_and_old_one_kept(api_client, django_capture_on_commit_callbacks):
    user = UserFactory(email="lena@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        api_client.post("/api/v1/auth/password-reset/", {"email": "lena@example.com"})
    uid, token = _link_parts(mail.outbox[0].body)

    response = api_client.post(
        "/api/v1/auth/password-reset/confirm/", {"uid": uid, "token": token, "password": "1234"}
    )

    assert response.status_code == 400
    assert "password" in response.json()["extra"]["fields"]
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_garbage_uid_is_an_invalid_link(api_client):
    response = api_client.post(
        "/api/v1/auth/password-reset/confirm/", {"uid": "!!", "token": "x", "password": "a-new-secret-2026"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_token"
