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


# --- limits and revocation ------------------------------------------------------------------------


def _rates(settings, **rates: str) -> None:
    framework = settings.REST_FRAMEWORK
    settings.REST_FRAMEWORK = {
        **framework,
        "DEFAULT_THROTTLE_RATES": {**framework["DEFAULT_THROTTLE_RATES"], **rates},
    }


def _request(client, email: str):
    return client.post("/api/v1/auth/password-reset/", {"email": email})


def _reset_link(client, email: str, capture) -> tuple[str, str]:
    mail.outbox.clear()
    with capture(execute=True):
        assert _request(client, email).status_code == 202
    return _link_parts(mail.outbox[-1].body)


def test_asking_again_never_locks_out_the_valid_link(
    api_client, settings, django_capture_on_commit_callbacks
):
    _rates(settings, password_reset_account="2/hour")
    user = UserFactory(email="lena@example.com")
    uid, token = _reset_link(api_client, "lena@example.com", django_capture_on_commit_callbacks)
    assert _request(api_client, "lena@example.com").status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        refused = _request(api_client, "Lena@Example.com")  # the same account, however it is spelled

    confirm = api_client.post(
        "/api/v1/auth/password-reset/confirm/", {"uid": uid, "token": token, "password": "a-new-secret-2026"}
    )

    assert refused.status_code == 429
    assert len(mail.outbox) == 1  # the refused request sent nothing
    assert confirm.status_code == 204
    user.refresh_from_db()
    assert user.check_password("a-new-secret-2026")


def test_the_account_limit_does_not_hold_back_colleagues_at_the_same_address(api_client, settings):
    _rates(settings, password_reset_account="1/hour", password_reset_address="4/hour")

    statuses = [_request(api_client, email).status_code for email in ("a@example.com", "a@example.com")]
    colleagues = [_request(api_client, email).status_code for email in ("b@example.com", "c@example.com")]
    fourth = _request(api_client, "d@example.com").status_code

    assert statuses == [202, 429]
    assert colleagues == [202, 202]
    assert fourth == 429  # the address limit: four requests counted from this address


def test_guessing_at_one_accounts_link_is_limited_per_account(api_client, settings):
    _rates(settings, password_reset_confirm_account="2/hour")
    target, other = UserFactory(), UserFactory()
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    def confirm(user, token: str) -> int:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        body = {"uid": uid, "token": token, "password": "a-new-secret-2026"}
        return api_client.post("/api/v1/auth/password-reset/confirm/", body).status_code

    guesses = [confirm(target, "wrong-token") for _ in range(3)]
    valid_of_other = confirm(other, default_token_generator.make_token(other))

    assert guesses == [400, 400, 429]
    assert valid_of_other == 204


def test_limits_count_by_keyed_hashes_never_by_address_or_email():
    from rest_framework.test import APIRequestFactory

    from sichtbar.accounts.throttles import PasswordResetAccountThrottle, PasswordResetAddressThrottle

    request = APIRequestFactory().post(
        "/api/v1/auth/password-reset/", {"email": "lena@example.com"}, REMOTE_ADDR="203.0.113.7"
    )
    from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
    from rest_framework.request import Request

    drf_request = Request(request, parsers=[JSONParser(), FormParser(), MultiPartParser()])
    keys = [
        throttle().get_cache_key(drf_request, None)
        for throttle in (PasswordResetAccountThrottle, PasswordResetAddressThrottle)
    ]

    assert all(key and len(key.rsplit("_", 1)[-1]) == 32 for key in keys)
    assert not any("203.0.113.7" in key or "lena" in key for key in keys)


def test_a_password_reset_revokes_every_api_token(api_client, django_capture_on_commit_callbacks):
    from sichtbar.accounts.models import ApiToken
    from sichtbar.accounts.services import api_token_create

    user = UserFactory(email="lena@example.com")
    _token, secret = api_token_create(user=user, name="CI", expires_in_days=None)
    other_token, other_secret = api_token_create(user=UserFactory(), name="CI", expires_in_days=None)
    assert api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200
    uid, token = _reset_link(api_client, "lena@example.com", django_capture_on_commit_callbacks)

    api_client.post(
        "/api/v1/auth/password-reset/confirm/", {"uid": uid, "token": token, "password": "a-new-secret-2026"}
    )

    assert api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403
    assert list(ApiToken.objects.values_list("pk", flat=True)) == [other_token.pk]
    assert api_client.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {other_secret}").status_code == 200
