"""Bad input from anyone gets a 4xx in the one error shape, never a 500: deep JSON, oversized bodies, ids
beyond 64 bits (SQLite raised OverflowError), http:// OAuth instances; invisible characters leave names."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from sichtbar.accounts.models import Department, User
from sichtbar.api.fields import ID_MAX
from sichtbar.api.parsers import json_depth_exceeds
from sichtbar.integrations.models import Connection

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"  # 20 digits, beyond 64 bits


def _error_shape(response, status, code=None):
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"message", "code", "extra"}
    if code:
        assert body["code"] == code
    return body


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
def test_deeply_nested_json_is_a_400(depth):
    response = APIClient().generic(
        "POST", "/api/v1/auth/login/", _nested(depth), content_type="application/json"
    )

    _error_shape(response, 400, "parse_error")


def test_json_within_the_depth_limit_is_parsed():
    body = json.dumps({"email": "a@example.com", "password": "x", "extra": json.loads(_nested(30))})

    response = APIClient().generic("POST", "/api/v1/auth/login/", body, content_type="application/json")

    _error_shape(response, 400, "invalid_credentials")


def test_depth_is_measured_without_recursion():
    assert json_depth_exceeds(json.loads(_nested(5)), 5) is False
    assert json_depth_exceeds(json.loads(_nested(6)), 5) is True
    assert json_depth_exceeds({"a": [1, {"b": 2}]}, 3) is False
    assert json_depth_exceeds({"a": [1, {"b": []}]}, 3) is True


def test_a_body_over_the_limit_is_a_413_before_any_view_runs(employee, settings):
    settings.API_MAX_BODY_BYTES = 1024
    client = APIClient()
    client.force_login(employee)
    body = json.dumps({"first_name": "x" * 2000})

    response = client.generic("PATCH", "/api/v1/auth/me/", body, content_type="application/json")

    _error_shape(response, 413, "request_too_large")
    employee.refresh_from_db()
    assert employee.first_name != "x" * 2000
    assert Client().post("/django-admin/login/", {"username": "x" * 2000}).status_code == 413


def test_the_default_limit_refuses_60_mb_of_json_from_anyone():
    body = b'{"q": "' + b"x" * (60 * 1024 * 1024) + b'"}'

    response = APIClient().generic("POST", "/api/v1/auth/login/", body, content_type="application/json")

    _error_shape(response, 413, "request_too_large")


def test_json_beyond_djangos_memory_limit_but_within_ours_is_a_413_not_a_500():
    body = json.dumps({"email": "a@example.com", "password": "x" * (3 * 1024 * 1024)})

    response = APIClient().generic("POST", "/api/v1/auth/login/", body, content_type="application/json")

    assert response.status_code in (400, 413)
    _error_shape(response, response.status_code)


def test_the_archive_upload_keeps_its_larger_limit(settings):
    from sichtbar.api.middleware import body_limit

    assert body_limit("/api/v1/activity/linkedin-archive/") == (
        settings.LINKEDIN_ARCHIVE_MAX_UPLOAD_BYTES + 1024 * 1024
    )
    assert body_limit("/api/v1/auth/login/") == settings.API_MAX_BODY_BYTES == 6 * 1024 * 1024


@pytest.mark.parametrize("name", ["department", "location"])
def test_public_expert_filters_beyond_64_bits_are_a_400(name):
    body = _error_shape(APIClient().get(f"/api/v1/public/experts/?{name}={HUGE}"), 400, "validation_error")

    assert name in body["extra"]["fields"]


def test_the_largest_id_is_accepted_and_finds_nothing():
    response = APIClient().get(f"/api/v1/public/experts/?department={ID_MAX}")

    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_activity_connection_filter_beyond_64_bits_is_a_400(client_for, employee):
    response = client_for(employee).get(f"/api/v1/activity/?connection={HUGE}")

    body = _error_shape(response, 400, "validation_error")
    assert "connection" in body["extra"]["fields"]


@pytest.mark.parametrize("param", ["topic", "content", "department"])
def test_analytics_drilldown_ids_beyond_64_bits_are_a_400(client_for, manager, param):
    response = client_for(manager).get(f"/api/v1/analytics/drilldown/?{param}={HUGE}")

    body = _error_shape(response, 400, "validation_error")
    assert param in body["extra"]["fields"]


def test_feed_dismiss_topic_beyond_64_bits_is_a_400(client_for, employee):
    from sichtbar.content.tests.factories import PublishedContentFactory

    item = PublishedContentFactory()

    response = client_for(employee).post(
        f"/api/v1/feed/{item.pk}/dismiss/", {"reason": "topic", "topic": int(HUGE)}, format="json"
    )

    _error_shape(response, 400, "validation_error")


@pytest.mark.parametrize(
    "path", [f"/api/v1/users/{HUGE}/", f"/api/v1/feed/{HUGE}/dismiss/", f"/api/v1/connections/{HUGE}/"]
)
def test_path_ids_beyond_64_bits_are_a_json_404(client_for, admin_user, path):
    response = client_for(admin_user).get(path)

    _error_shape(response, 404, "not_found")


def test_related_ids_beyond_64_bits_in_bodies_are_a_400(client_for, admin_user):
    response = client_for(admin_user).post(
        "/api/v1/users/invitations/", {"email": "new@example.com", "department": int(HUGE)}, format="json"
    )

    body = _error_shape(response, 400, "validation_error")
    assert "department" in body["extra"]["fields"]


def test_unknown_api_paths_outside_v1_are_json_404s():
    for path in ("/api/", "/api/v2/experts/", "/api/nothing"):
        _error_shape(APIClient().get(path), 404, "not_found")


def test_an_http_mastodon_instance_is_refused_before_any_request(client_for, employee, monkeypatch):
    monkeypatch.delenv("OAUTHLIB_INSECURE_TRANSPORT", raising=False)

    response = client_for(employee).post(
        "/api/v1/connections/oauth/start/",
        {"provider": "mastodon", "instance": "http://social.example"},
        format="json",
    )

    body = _error_shape(response, 400, "instance_invalid")
    assert "https" in body["extra"]["fields"]["instance"][0]
    assert not Connection.objects.exists()


@pytest.mark.parametrize(
    "typed",
    [
        "Ad\u202eecalpsiD",  # right-to-left override
        "A\u200bd\u200ce\u200dl\u2060e",  # zero-width space, non-joiner, joiner, word joiner
        "\ufeff\u2066Adele\u2069",  # byte order mark, isolates
    ],
)
def test_names_lose_bidi_controls_and_zero_width_characters(client_for, admin_user, typed):
    expected = typed.translate(dict.fromkeys(map(ord, "\u202e\u200b\u200c\u200d\u2060\ufeff\u2066\u2069")))

    me = client_for(admin_user).patch("/api/v1/auth/me/", {"first_name": typed}, format="json")
    department = client_for(admin_user).post(
        "/api/v1/organisation/departments/", {"name": typed}, format="json"
    )

    assert me.status_code == 200 and department.status_code == 201
    assert User.objects.get(pk=admin_user.pk).first_name == expected
    assert Department.objects.get(pk=department.json()["id"]).name == expected


def test_a_name_of_invisible_characters_only_is_blank(client_for, admin_user):
    response = client_for(admin_user).post(
        "/api/v1/organisation/departments/", {"name": "\u200b\u202e"}, format="json"
    )

    body = _error_shape(response, 400, "validation_error")
    assert "name" in body["extra"]["fields"]
    assert not Department.objects.filter(name="").exists()


def test_a_form_body_with_more_fields_than_django_reads_is_a_400_not_a_500(employee):
    """Found by contract fuzzing on PostgreSQL: 1,001 form fields raised TooManyFieldsSent inside the view."""
    client = APIClient()
    client.force_authenticate(employee)
    body = "&".join(f"ids={n}" for n in range(1_001))

    response = client.generic(
        "POST", "/api/v1/notifications/read/", body, content_type="application/x-www-form-urlencoded"
    )

    _error_shape(response, 400, "bad_request")


def test_a_query_string_with_more_fields_than_django_reads_is_a_400_not_a_500(employee):
    client = APIClient()
    client.force_authenticate(employee)

    response = client.get("/api/v1/notifications/?" + "&".join(f"f{n}=1" for n in range(1_001)))

    _error_shape(response, 400, "bad_request")
