"""No visitor address in the cache: every rate limit and counter a client can drive keys on a daily-salted
hash, checked against a real Redis; no address in the app's or gunicorn's log lines either."""

import io
import logging
import os

import pytest
import redis
from django.core.cache import cache
from django.test import Client, override_settings
from gunicorn.config import Config
from rest_framework.test import APIClient

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.logfilters import AddressScrubFilter, scrub_addresses
from sichtbar.core.throttling import address_key

REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ADDRESS = "198.51.100.77"
ADDRESS_V6 = "2001:db8::77"
REDIS_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS,
        "KEY_PREFIX": "sichtbar",
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
    }
}


@pytest.fixture
def real_redis():
    try:
        client = redis.Redis.from_url(REDIS, socket_connect_timeout=1)
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS}; CI must run this test")
        pytest.skip(f"Redis is not reachable at {REDIS}")
    client.flushdb()
    with override_settings(CACHES=REDIS_CACHE):
        yield client
    client.flushdb()
    cache.close()


def _drive_every_client_counter(address: str) -> None:
    UserFactory(email="lena@example.com", role=Role.ADMIN, is_staff=True)
    api = APIClient(REMOTE_ADDR=address)
    for _ in range(6):
        api.post("/api/v1/auth/login/", {"email": "lena@example.com", "password": "wrong-password"})
    api.post("/api/v1/auth/password-reset/", {"email": "lena@example.com"})
    api.get("/api/v1/auth/invitations/not-a-token/")
    api.get("/api/v1/public/experts/?q=kubernetes")
    api.post("/api/v1/public/experts/nobody/contact/", {"name": "x"})
    browser = Client(REMOTE_ADDR=address)
    browser.get("/experts/nobody-here")
    browser.get("/sitemap.xml")
    browser.get("/r/unknowncode")
    browser.get("/api/v1/auth/sso/start/")
    browser.post("/django-admin/login/", {"username": "lena@example.com", "password": "wrong-password"})


@pytest.mark.django_db
@pytest.mark.parametrize("address", [ADDRESS, ADDRESS_V6])
def test_no_cache_key_or_value_holds_the_client_address_or_the_account(real_redis, address):
    _drive_every_client_counter(address)

    keys = [key.decode() for key in real_redis.keys("*")]
    hashed = address_key(address)
    assert any(key.startswith("sichtbar:1:links:misses:") for key in keys)
    assert any("login:locked:" in key for key in keys)
    # Each scope the requests reached keys on the hashed address.
    # Every rate limit the requests reached keys on the hashed address.
    scopes = sorted({key.split(":")[2].removesuffix(f"_{hashed}") for key in keys if hashed in key})
    assert scopes == [
        "links",
        "throttle_anon",
        "throttle_contact",
        "throttle_invitation",
        "throttle_login",
        "throttle_pages",
        "throttle_password_reset_address",
        "throttle_public_search",
        "throttle_sso",
    ]
    for key in keys:
        assert address not in key
        assert "lena" not in key.lower()
        value = real_redis.dump(key) or b""
        assert address.encode() not in value
        assert b"lena@example.com" not in value


def test_the_hash_changes_with_the_day(real_redis, settings):
    from datetime import UTC, datetime
    from unittest import mock

    from django.utils import timezone

    today = address_key(ADDRESS)
    with mock.patch.object(timezone, "now", return_value=datetime(2030, 1, 2, tzinfo=UTC)):
        tomorrow = address_key(ADDRESS)

    assert today != tomorrow
    assert len(today) == 32 and ADDRESS not in today


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Invalid request from ip=203.0.113.9: bad line", "Invalid request from ip=[address]: bad line"),
        ("client 2001:db8::1 closed", "client [address] closed"),
        ("[::1]:8000 and ::ffff:10.0.0.1", "[[address]]:8000 and [address]"),
        ("at 12:30:45 took 1.5 s, version 1.2.3", "at 12:30:45 took 1.5 s, version 1.2.3"),
    ],
)
def test_log_lines_lose_every_address(message, expected):
    assert scrub_addresses(message) == expected


def test_the_apps_log_handler_scrubs_addresses(settings):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(AddressScrubFilter())
    log = logging.getLogger("sichtbar.test.addresses")
    log.addHandler(handler)
    try:
        log.warning("refused %s for %s", "203.0.113.9", "lena")
    finally:
        log.removeHandler(handler)

    assert stream.getvalue() == "refused [address] for lena\n"
    assert "no_addresses" in settings.LOGGING["handlers"]["default"]["filters"]


def test_gunicorn_logs_neither_addresses_nor_query_strings(capsys):
    """backend/gunicorn.conf.py, loaded as gunicorn loads it: the access format names no address, referrer
    or user agent, and the error log scrubs the address gunicorn puts into its "invalid request" line."""
    from pathlib import Path

    config = Config()
    namespace: dict = {"__file__": str(Path(__file__).resolve().parents[3] / "gunicorn.conf.py")}
    exec(Path(namespace["__file__"]).read_text(), namespace)
    for name in ("accesslog", "errorlog", "access_log_format", "logger_class"):
        config.set(name, namespace[name])
    for forbidden in ("%(h)s", "%(r)s", "%(q)s", "%(f)s", "%(a)s", "%({x-forwarded-for}i)s"):
        assert forbidden not in config.access_log_format
    logger = config.logger_class(config)

    logger.warning("Invalid request from ip=203.0.113.9: Invalid HTTP method")

    assert "Invalid request from ip=[address]" in capsys.readouterr().err
