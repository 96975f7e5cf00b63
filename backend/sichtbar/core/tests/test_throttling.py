"""Plain Django views (server-rendered pages, sitemap, SSO redirects) are rate-limited per client."""

import pytest
from django.test import RequestFactory
from rest_framework.throttling import SimpleRateThrottle

from sichtbar.core.throttling import client_address


@pytest.fixture
def tight_limits(monkeypatch):
    rates = {**SimpleRateThrottle.THROTTLE_RATES, "pages": "2/min", "sso": "1/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", rates)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/experts/nobody-here", "/sitemap.xml"])
def test_pages_answer_429_with_retry_after_once_a_client_exceeds_its_rate(client, tight_limits, path):
    first, second = client.get(path), client.get(path)

    third = client.get(path)

    assert first.status_code != 429 and second.status_code != 429
    assert third.status_code == 429
    assert 0 < int(third["Retry-After"]) <= 60
    assert client.get(path, REMOTE_ADDR="203.0.113.9").status_code != 429  # another client is not affected


@pytest.mark.django_db
def test_sso_start_is_rate_limited(client, tight_limits):
    client.get("/api/v1/auth/sso/start/")

    response = client.get("/api/v1/auth/sso/start/")

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "expected"),
    [(0, "10.0.0.2"), (1, "198.51.100.7"), (2, "203.0.113.1"), (5, "203.0.113.1")],
)
def test_client_address_trusts_only_the_configured_proxies(settings, monkeypatch, proxies, expected):
    from rest_framework.settings import api_settings

    monkeypatch.setattr(api_settings, "NUM_PROXIES", proxies)
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.1, 198.51.100.7"
    )

    assert client_address(request) == expected


@pytest.mark.django_db
def test_a_request_without_remote_addr_is_throttled_not_a_500(client):
    """Found by the contract fuzzing: a WSGI call without REMOTE_ADDR (DRF's ident is None)."""
    response = client.get("/api/v1/auth/csrf/", REMOTE_ADDR=None)

    assert response.status_code == 200
