"""Personal API tokens: created in the app, used by integrations, revocable."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from sichtbar.accounts.models import ApiToken

from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_create_use_and_revoke_a_token(client_for, employee, django_capture_on_commit_callbacks):
    owner = client_for(employee)

    created = owner.post("/api/v1/auth/tokens/", {"name": "CRM-Anbindung", "expires_in_days": 30})

    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("sb_")
    assert not ApiToken.objects.filter(digest=secret).exists()
    integration = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        me = integration.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert me.status_code == 200
    assert me.json()["email"] == employee.email
    listed = owner.get("/api/v1/auth/tokens/").json()
    assert listed["count"] == 1
    assert "token" not in listed["results"][0]
    assert listed["results"][0]["last_used_at"] is not None
    assert owner.delete(f"/api/v1/auth/tokens/{created.json()['id']}/").status_code == 204
    after = integration.get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert after.status_code == 403
    assert after.json()["code"] == "authentication_failed"


def test_token_writes_need_no_csrf(employee):
    _token, secret = ApiToken.objects.create(user=employee, expiry=None, name="script")
    client = APIClient(enforce_csrf_checks=True)

    response = client.patch("/api/v1/auth/me/", {"language": "en"}, HTTP_AUTHORIZATION=f"Token {secret}")

    assert response.status_code == 200


def test_expired_token_is_refused(employee):
    token, secret = ApiToken.objects.create(user=employee, expiry=timedelta(days=1), name="old")
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - timedelta(seconds=1))

    response = APIClient().get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {secret}")

    assert response.status_code == 403


def test_nobody_can_revoke_someone_elses_token(client_for, employee):
    token, _secret = ApiToken.objects.create(user=UserFactory(), expiry=None, name="theirs")

    response = client_for(employee).delete(f"/api/v1/auth/tokens/{token.token_key}/")

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_never_expiring_token(client_for, employee):
    response = client_for(employee).post("/api/v1/auth/tokens/", {"name": "forever", "expires_in_days": None})

    assert response.status_code == 201
    assert response.json()["expiry"] is None


def test_token_name_is_required(client_for, employee):
    response = client_for(employee).post("/api/v1/auth/tokens/", {"expires_in_days": 30})

    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["name"]
    assert ApiToken.objects.count() == 0
