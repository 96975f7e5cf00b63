"""Liveness and readiness."""

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_liveness(api_client):
    response = api_client.get("/api/v1/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readiness_reports_every_part(api_client):
    response = api_client.get("/api/v1/health/ready/")

    assert response.status_code == 200
    checks = {c["name"]: c["status"] for c in response.json()["checks"]}
    assert checks["database"] == "ok" and checks["cache"] == "ok" and checks["search"] == "ok"
    assert set(checks) == {"database", "cache", "broker", "search"}


@pytest.mark.django_db
@override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_readiness_is_503_when_the_configured_broker_is_down(api_client):
    response = api_client.get("/api/v1/health/ready/")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    broker = next(c for c in response.json()["checks"] if c["name"] == "broker")
    assert broker["status"] == "down"


@pytest.mark.django_db
@override_settings(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:1")
def test_readiness_is_503_when_elasticsearch_is_configured_but_down(api_client):
    response = api_client.get("/api/v1/health/ready/")

    assert response.status_code == 503
    search = next(c for c in response.json()["checks"] if c["name"] == "search")
    assert search["status"] == "down"


@pytest.mark.django_db
@override_settings(SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:1")
def test_orchestrators_can_gate_on_the_database_only(api_client):
    everything = api_client.get("/api/v1/health/ready/")
    database_only = api_client.get("/api/v1/health/ready/?critical=database")

    assert everything.status_code == 503
    assert database_only.status_code == 200
    assert {c["name"]: c["status"] for c in database_only.json()["checks"]}["search"] == "down"
