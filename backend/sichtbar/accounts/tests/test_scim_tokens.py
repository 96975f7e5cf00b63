"""Administrators manage the SCIM tokens of their identity providers: create (secret shown once), list with
last use, revoke; each step audit-logged, and a revoked token no longer opens /scim/v2/."""

import pytest
from django.test import Client

from sichtbar.accounts.models import Role, ScimToken, hash_secret
from sichtbar.audit.models import AuditEvent

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMIN, is_staff=True, first_name="Ada", last_name="Admin")


def _scim_status(secret: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/scim/v2/Users").status_code


def test_an_admin_creates_a_token_sees_it_once_and_the_identity_provider_can_use_it(client_for, admin):
    client = client_for(admin)

    created = client.post("/api/v1/scim-tokens/", {"name": "  Microsoft Entra ID "}, format="json")

    assert created.status_code == 201
    body = created.json()
    secret = body.pop("token")
    assert secret.startswith("scim_") and len(secret) > 40
    token = ScimToken.objects.get()
    assert token.token_hash == hash_secret(secret) and secret not in str(token.__dict__)
    assert body == {
        "id": token.pk,
        "name": "Microsoft Entra ID",
        "created_at": body["created_at"],
        "created_by": "Ada Admin",
        "last_used_at": None,
    }
    listed = client.get("/api/v1/scim-tokens/").json()
    assert listed["count"] == 1 and "token" not in listed["results"][0]  # never shown again
    assert _scim_status(secret) == 200
    used = client.get("/api/v1/scim-tokens/").json()["results"][0]
    assert used["last_used_at"] is not None
    assert AuditEvent.objects.filter(action="scim.token_create", actor=admin).count() == 1


def test_revoking_a_token_locks_its_identity_provider_out_and_keeps_the_others(client_for, admin):
    client = client_for(admin)
    entra = client.post("/api/v1/scim-tokens/", {"name": "Entra ID"}, format="json").json()
    okta = client.post("/api/v1/scim-tokens/", {"name": "Okta"}, format="json").json()

    revoked = client.delete(f"/api/v1/scim-tokens/{entra['id']}/")

    assert revoked.status_code == 204
    assert (_scim_status(entra["token"]), _scim_status(okta["token"])) == (401, 200)
    assert [t["name"] for t in client.get("/api/v1/scim-tokens/").json()["results"]] == ["Okta"]
    event = AuditEvent.objects.get(action="scim.token_revoke")
    assert (event.actor, event.changes) == (admin, {"name": "Entra ID"})
    again = client.delete(f"/api/v1/scim-tokens/{entra['id']}/")
    assert again.status_code == 404 and again.json()["code"] == "not_found"


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "x" * 101}, {"name": ["a"]}])
def test_a_token_needs_a_name(client_for, admin, body):
    response = client_for(admin).post("/api/v1/scim-tokens/", body, format="json")

    assert response.status_code == 400
    assert "name" in response.json()["extra"]["fields"]
    assert not ScimToken.objects.exists()


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER])
def test_only_admins_manage_scim_tokens(client_for, role):
    token = ScimToken.objects.create(name="Okta", token_hash=hash_secret("scim_x"))
    client = client_for(UserFactory(role=role))

    assert client.get("/api/v1/scim-tokens/").status_code == 403
    assert client.post("/api/v1/scim-tokens/", {"name": "mine"}, format="json").status_code == 403
    assert client.delete(f"/api/v1/scim-tokens/{token.pk}/").status_code == 403
    assert list(ScimToken.objects.values_list("name", flat=True)) == ["Okta"]


def test_the_list_costs_the_same_queries_for_many_tokens(client_for, admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(admin)

    def queries(tokens: int) -> int:
        for index in range(tokens):
            ScimToken.objects.create(
                name=f"IdP {index}", token_hash=hash_secret(f"s{tokens}-{index}"), created_by=admin
            )
        with CaptureQueriesContext(connection) as context:
            assert client.get("/api/v1/scim-tokens/").status_code == 200
        return len(context.captured_queries)

    assert queries(1) == queries(12)
