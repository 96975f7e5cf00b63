"""Every login door is limited per address and locked per account with back-off, and audit-logged without
any client address: the API login, Django's admin login and the SSO callback."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sichtbar.accounts import lockout
from sichtbar.accounts.models import Role
from sichtbar.audit.models import AuditEvent

from .factories import TEST_PASSWORD, UserFactory
from .oidc_provider import OidcProvider
from .test_sso import _sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """A fake clock for the lockout (the throttles' own windows are untouched)."""
    now = {"t": 1_800_000_000.0}
    monkeypatch.setattr(lockout, "_now", lambda: now["t"])
    return now


def _api_login(email, password, address):
    return APIClient().post(
        "/api/v1/auth/login/", {"email": email, "password": password}, REMOTE_ADDR=address
    )


def test_api_login_locks_the_account_after_five_failures_whatever_the_address(clock):
    UserFactory(email="lena@example.com")

    answers = [_api_login("lena@example.com", "wrong-password", f"198.51.100.{n}") for n in range(5)]
    right_password = _api_login("lena@example.com", TEST_PASSWORD, "203.0.113.50")

    assert [answer.status_code for answer in answers] == [400, 400, 400, 400, 429]
    assert answers[-1].json()["code"] == "login_locked"
    assert answers[-1]["Retry-After"] == "60"
    assert answers[-1].json()["extra"]["retry_after_seconds"] == 60
    assert right_password.status_code == 429  # locked: not even the right password gets in
    assert _api_login("other@example.com", "wrong-password", "198.51.100.1").json()["code"] == (
        "invalid_credentials"
    )  # another account is not affected

    clock["t"] += 61
    assert _api_login("lena@example.com", TEST_PASSWORD, "203.0.113.50").status_code == 200


def test_each_failure_after_a_lock_doubles_it_up_to_the_ceiling(clock):
    UserFactory(email="lena@example.com")
    for n in range(5):
        _api_login("lena@example.com", "wrong-password", f"198.51.100.{n}")
    waits = []
    for _ in range(6):
        clock["t"] += lockout.login_lock_remaining(email="lena@example.com") + 1
        waits.append(_api_login("lena@example.com", "wrong", "198.51.100.9").json()["extra"])

    assert [extra["retry_after_seconds"] for extra in waits] == [120, 240, 480, 900, 900, 900]


def test_attempts_while_locked_do_not_extend_the_lock(clock):
    UserFactory(email="lena@example.com")
    for n in range(5):
        _api_login("lena@example.com", "wrong-password", f"198.51.100.{n}")
    clock["t"] += 30

    again = _api_login("lena@example.com", "wrong-password", "198.51.100.7")

    assert again.json()["extra"]["retry_after_seconds"] == 30


def test_a_success_clears_the_failures(clock):
    UserFactory(email="lena@example.com")
    for n in range(4):
        _api_login("lena@example.com", "wrong-password", f"198.51.100.{n}")
    assert _api_login("lena@example.com", TEST_PASSWORD, "198.51.100.5").status_code == 200

    after = [_api_login("lena@example.com", "wrong-password", "198.51.100.6").status_code for _ in range(4)]

    assert after == [400, 400, 400, 400]


def test_unknown_accounts_lock_the_same_way(clock):
    answers = [_api_login("nobody@example.com", "wrong-password", f"198.51.100.{n}") for n in range(5)]

    assert [answer.status_code for answer in answers] == [400, 400, 400, 400, 429]


def test_login_attempts_are_audit_logged_without_the_client_address(clock):
    user = UserFactory(email="lena@example.com")
    for n in range(5):
        _api_login("lena@example.com", "wrong-password", f"198.51.100.{n}")
    clock["t"] += 61
    _api_login("lena@example.com", TEST_PASSWORD, "198.51.100.1")

    events = list(AuditEvent.objects.order_by("id"))
    assert [event.action for event in events] == ["auth.login_failed"] * 5 + ["auth.login"]
    assert {event.target_id for event in events} == {str(user.pk)}
    assert events[0].changes == {"channel": "api", "locked": False}
    assert events[4].changes == {"channel": "api", "locked": False, "lock_seconds": 60}
    assert events[5].changes == {"channel": "api"}
    dumped = json.dumps([[e.changes, e.target_label, e.actor_label, e.request_id] for e in events])
    assert "198.51.100" not in dumped


def _admin_login(client, email, password, address):
    client.get("/django-admin/login/", REMOTE_ADDR=address)
    return client.post(
        "/django-admin/login/?next=/django-admin/",
        {"username": email, "password": password, "next": "/django-admin/"},
        REMOTE_ADDR=address,
    )


def test_admin_login_is_throttled_per_address():
    UserFactory(email="root@example.com", role=Role.ADMIN, is_staff=True)
    client = Client()

    answers = [_admin_login(client, "root@example.com", f"wrong-{n}", "198.51.100.1") for n in range(10)]
    eleventh = _admin_login(client, "root@example.com", TEST_PASSWORD, "198.51.100.1")

    assert [answer.status_code for answer in answers] == [200] * 10  # the form again, with an error
    assert eleventh.status_code == 429
    assert int(eleventh["Retry-After"]) > 0
    assert "_auth_user_id" not in client.session


def test_admin_login_shares_the_account_lockout(clock):
    UserFactory(email="root@example.com", role=Role.ADMIN, is_staff=True)
    for n in range(5):
        _admin_login(Client(), "root@example.com", "wrong-password", f"198.51.100.{n}")
    client = Client()

    locked = _admin_login(client, "root@example.com", TEST_PASSWORD, "203.0.113.7")

    assert locked.status_code == 200  # the form again: the right password does not open a locked account
    assert "_auth_user_id" not in client.session
    assert set(AuditEvent.objects.values_list("changes__channel", flat=True)) == {"admin"}
    clock["t"] += 61
    opened = _admin_login(client, "root@example.com", TEST_PASSWORD, "203.0.113.7")
    assert opened.status_code == 302 and opened["Location"] == "/django-admin/"
    assert AuditEvent.objects.filter(action="auth.login", changes__channel="admin").count() == 1


def test_sso_callback_is_throttled_and_audit_logged(settings):
    from rest_framework.throttling import SimpleRateThrottle

    with OidcProvider(claims={"email": "ada@example.com", "email_verified": True}) as provider:
        for key, value in provider.settings().items():
            setattr(settings, key, value)
        client = Client()
        done = _sign_in(provider, client)
        provider.claims["email_verified"] = False
        refused = _sign_in(provider, Client())
        rates = {**SimpleRateThrottle.THROTTLE_RATES, "sso": "1/min"}
        SimpleRateThrottle.THROTTLE_RATES, saved = rates, SimpleRateThrottle.THROTTLE_RATES
        try:
            Client().get("/api/v1/auth/sso/callback/?code=x&state=y", REMOTE_ADDR="198.51.100.3")
            limited = Client().get("/api/v1/auth/sso/callback/?code=x&state=y", REMOTE_ADDR="198.51.100.3")
        finally:
            SimpleRateThrottle.THROTTLE_RATES = saved

    assert done.status_code == 302 and done["Location"] == "/directory"
    assert refused["Location"].startswith("/login?sso=failed")
    assert limited.status_code == 429
    assert list(AuditEvent.objects.order_by("id").values_list("action", "changes")) == [
        ("auth.login", {"channel": "sso"}),
        ("auth.login_failed", {"channel": "sso", "locked": False}),
    ]
