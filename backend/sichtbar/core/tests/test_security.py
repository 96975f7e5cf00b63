"""Deployment hardening: check --deploy is clean, security headers are sent, CORS is closed by default."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

BACKEND_DIR = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "sichtbar.example.com",
        "SICHTBAR_TOKEN_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "SICHTBAR_VAR_DIR": str(tmp_path),
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", DJANGO_ALLOWED_HOSTS="x.example")

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BACKEND_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/health/", "/login", "/api/docs/"])
def test_every_response_carries_a_strict_content_security_policy(client, path, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html>")
    with override_settings(FRONTEND_DIST_DIR=tmp_path):
        response = client.get(path)

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy + ";"
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_swagger_ui_needs_no_inline_script(client):
    html = client.get("/api/docs/").content.decode()

    assert "<script>" not in html.replace(" ", "")
    assert client.get("/api/docs/?script=").status_code == 200


@pytest.mark.django_db
def test_cors_is_closed_by_default(client):
    response = client.get("/api/v1/health/", HTTP_ORIGIN="https://elsewhere.example")

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
@override_settings(CORS_ALLOWED_ORIGINS=["https://company.example"])
def test_cors_opens_only_the_public_api_to_listed_origins(client):
    public = client.options(
        "/api/v1/public/experts/",
        HTTP_ORIGIN="https://company.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    private = client.get("/api/v1/auth/me/", HTTP_ORIGIN="https://company.example")
    stranger = client.options(
        "/api/v1/public/experts/",
        HTTP_ORIGIN="https://other.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )

    assert public["Access-Control-Allow-Origin"] == "https://company.example"
    assert "Access-Control-Allow-Credentials" not in public
    assert "Access-Control-Allow-Origin" not in private
    assert "Access-Control-Allow-Origin" not in stranger


@pytest.mark.django_db
def test_every_public_endpoint_has_a_ceiling_for_anonymous_callers(client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    # DRF reads the rates into a class attribute at import time.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "anon": "3/min"}
    )

    statuses = [client.get("/api/v1/auth/config/").status_code for _ in range(4)]
    health = [client.get("/api/v1/health/").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429]
    assert health == [200] * 5
