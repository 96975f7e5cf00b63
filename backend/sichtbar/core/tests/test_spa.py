"""The SPA is served for client-side routes; API paths never fall back to it."""

import pytest
from django.test import override_settings


@pytest.fixture
def dist(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><div id=root></div><!-- spa -->")
    with override_settings(FRONTEND_DIST_DIR=tmp_path):
        yield tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/login", "/administration/users", "/reset-password/abc/def"])
def test_client_routes_get_index(client, dist, path):
    response = client.get(path)

    assert response.status_code == 200
    assert b"<!-- spa -->" in response.content
    assert "csrftoken" in response.cookies


@pytest.mark.django_db
def test_unknown_api_path_is_a_json_404(client, dist):
    response = client.get("/api/v1/does-not-exist/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_missing_build_says_how_to_build(client, tmp_path):
    with override_settings(FRONTEND_DIST_DIR=tmp_path):
        response = client.get("/")

    assert response.status_code == 503
    assert b"make run" in response.content
