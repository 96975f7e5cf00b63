"""Login, logout, the current user, and CSRF for the SPA."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from sichtbar.accounts.models import Role

from .factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_sets_session_and_me_returns_the_user(api_client):
    user = UserFactory(email="lena@example.com", role=Role.MANAGER)

    response = api_client.post(
        "/api/v1/auth/login/", {"email": "Lena@Example.com", "password": TEST_PASSWORD}
    )

    assert response.status_code == 200
    assert response.json()["email"] == "lena@example.com"
    assert response.json()["role"] == "manager"
    assert response.json()["department"] == {"id": user.department.id, "name": user.department.name}
    me = api_client.get("/api/v1/auth/me/")
    assert me.status_code == 200
    assert me.json()["id"] == user.id


def test_wrong_password_gets_the_error_shape_and_no_session(api_client):
    UserFactory(email="lena@example.com")

    response = api_client.post(
        "/api/v1/auth/login/", {"email": "lena@example.com", "password": "wrong-password"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"
    assert set(response.json()) == {"message", "code", "extra"}
    assert api_client.get("/api/v1/auth/me/").status_code == 403


def test_deactivated_user_cannot_log_in(api_client):
    UserFactory(email="gone@example.com", is_active=False)

    response = api_client.post(
        "/api/v1/auth/login/", {"email": "gone@example.com", "password": TEST_PASSWORD}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


def test_missing_fields_are_reported_per_field(api_client):
    response = api_client.post("/api/v1/auth/login/", {"email": "not-an-address"})

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert set(body["extra"]["fields"]) == {"email", "password"}


def test_login_is_throttled(api_client):
    UserFactory(email="lena@example.com")
    with override_settings():
        for _ in range(10):
            api_client.post(
                "/api/v1/auth/login/", {"email": "lena@example.com", "password": "nope-nope-nope"}
            )
        response = api_client.post(
            "/api/v1/auth/login/", {"email": "lena@example.com", "password": TEST_PASSWORD}
        )

    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert response.json()["extra"]["retry_after_seconds"] > 0


def test_logout_ends_the_session(api_client):
    UserFactory(email="lena@example.com")
    api_client.post("/api/v1/auth/login/", {"email": "lena@example.com", "password": TEST_PASSWORD})

    assert api_client.post("/api/v1/auth/logout/").status_code == 204
    assert api_client.get("/api/v1/auth/me/").status_code == 403


def test_me_update_changes_only_allowed_fields(client_for, employee):
    client = client_for(employee)

    response = client.patch("/api/v1/auth/me/", {"language": "en", "first_name": "Lea", "role": "admin"})

    assert response.status_code == 200
    employee.refresh_from_db()
    assert (employee.language, employee.first_name, employee.role) == ("en", "Lea", Role.EMPLOYEE)


def test_session_writes_need_the_csrf_token():
    UserFactory(email="lena@example.com")
    client = APIClient(enforce_csrf_checks=True)

    without = client.post("/api/v1/auth/login/", {"email": "lena@example.com", "password": TEST_PASSWORD})
    assert without.status_code == 403
    assert without.json()["code"] == "csrf_failed"

    token = client.get("/api/v1/auth/csrf/").json()["csrf_token"]
    with_token = client.post(
        "/api/v1/auth/login/",
        {"email": "lena@example.com", "password": TEST_PASSWORD},
        HTTP_X_CSRFTOKEN=token,
    )
    assert with_token.status_code == 200
    csrf = client.cookies["csrftoken"].value
    refused = client.patch("/api/v1/auth/me/", {"language": "en"})
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    assert client.patch("/api/v1/auth/me/", {"language": "en"}, HTTP_X_CSRFTOKEN=csrf).status_code == 200


def test_errors_are_translated_by_accept_language(api_client):
    response = api_client.post(
        "/api/v1/auth/login/",
        {"email": "x@example.com", "password": "whatever-1234"},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    english = api_client.post(
        "/api/v1/auth/login/",
        {"email": "x@example.com", "password": "whatever-1234"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert english.json()["message"].startswith("E-mail address or password is wrong")
    assert response.json()["message"].startswith("E-Mail-Adresse oder Passwort")


def test_responses_carry_a_request_id(api_client):
    response = api_client.get("/api/v1/health/", HTTP_X_REQUEST_ID="0f8fad5bd9cb469fa16570867728950e")
    forged = api_client.get("/api/v1/health/", HTTP_X_REQUEST_ID="<script>")

    assert response["X-Request-ID"] == "0f8fad5bd9cb469fa16570867728950e"
    assert forged["X-Request-ID"] != "<script>"
    assert len(api_client.get("/api/v1/health/")["X-Request-ID"]) == 32


def test_forged_forwarded_for_does_not_reset_the_login_throttle(api_client):
    for attempt in range(11):
        response = api_client.post(
            "/api/v1/auth/login/",
            {"email": "x@example.com", "password": "nope-nope-nope"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    assert response.status_code == 429
