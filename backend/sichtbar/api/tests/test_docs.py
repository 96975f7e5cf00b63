"""The API's schema and docs are served by the app itself, offline and without third-party requests."""

import re

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_load_only_own_assets(client, path):
    response = client.get(path)

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in html
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


@pytest.mark.django_db
def test_schema_is_served(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert "/api/v1/auth/login/" in response.json()["paths"]


@pytest.mark.django_db
def test_schema_is_generated_once_per_language(client, monkeypatch):
    from drf_spectacular.generators import SchemaGenerator

    from sichtbar.api.schema_view import CachedSpectacularAPIView

    monkeypatch.setattr(CachedSpectacularAPIView, "_schemas", {})
    calls = []
    original = SchemaGenerator.get_schema

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counting)
    accept = "application/vnd.oai.openapi+json"

    first = client.get("/api/schema/", HTTP_ACCEPT=accept, HTTP_ACCEPT_LANGUAGE="de")
    second = client.get("/api/schema/", HTTP_ACCEPT=accept, HTTP_ACCEPT_LANGUAGE="de")
    yaml = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="de")
    english = client.get("/api/schema/", HTTP_ACCEPT=accept, HTTP_ACCEPT_LANGUAGE="en")

    assert first.status_code == second.status_code == yaml.status_code == english.status_code == 200
    assert first.json() == second.json()
    assert yaml.content.decode().startswith("openapi:")
    assert len(calls) == 2  # once for German, once for English
