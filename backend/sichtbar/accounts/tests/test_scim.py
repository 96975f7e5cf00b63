"""SCIM provisioning: what Entra ID and Okta send does to accounts, departments and sign-ins (what it does
to the headcount: analytics/tests/test_scim_headcount.py)."""

import json

import pytest
from django.test import Client

from sichtbar.accounts import scim
from sichtbar.accounts.models import ApiToken, Department, ScimToken, User
from sichtbar.accounts.services import api_token_create

from .factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SCIM = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


@pytest.fixture
def provider() -> Client:
    _token, secret = scim.scim_token_create(name="Entra ID")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def send(client: Client, method: str, path: str, body: dict | None = None):
    return getattr(client, method)(f"/scim/v2/{path}", data=json.dumps(body or {}), content_type=SCIM)


def entra_user(user_name: str = "lena.berg@firma.example", **extra) -> dict:
    return {
        "schemas": [USER],
        "userName": user_name,
        "externalId": "0f6c7d9e",
        "active": True,
        "name": {"givenName": "Lena", "familyName": "Berg"},
        "emails": [{"value": user_name, "type": "work", "primary": True}],
        **extra,
    }


def test_tokens_are_stored_hashed_and_required(provider):
    secret_free = [row.token_hash for row in ScimToken.objects.all()]

    anonymous = Client().get("/scim/v2/Users")
    wrong = Client(HTTP_AUTHORIZATION="Bearer scim_wrong").get("/scim/v2/Users")

    assert (anonymous.status_code, wrong.status_code) == (401, 401)
    assert anonymous.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert all(len(value) == 64 and not value.startswith("scim_") for value in secret_free)
    assert provider.get("/scim/v2/Users").status_code == 200


def test_creating_a_user_creates_an_employee_who_cannot_sign_in_with_a_password(provider):
    response = send(provider, "post", "Users", entra_user())

    assert response.status_code == 201
    assert response["Content-Type"] == SCIM
    body = response.json()
    user = User.objects.get(email="lena.berg@firma.example")
    assert (user.first_name, user.last_name, user.role, user.is_active) == ("Lena", "Berg", "employee", True)
    assert user.has_usable_password() is False
    assert (body["userName"], body["active"], body["externalId"]) == (
        "lena.berg@firma.example",
        True,
        "0f6c7d9e",
    )
    assert send(provider, "post", "Users", entra_user()).status_code == 409  # userName is unique


def test_filter_by_user_name_finds_the_one_person(provider):
    send(provider, "post", "Users", entra_user())
    send(provider, "post", "Users", entra_user("max.roth@firma.example"))

    found = provider.get("/scim/v2/Users", {"filter": 'userName eq "Max.Roth@firma.example"'}).json()
    none = provider.get("/scim/v2/Users", {"filter": 'userName eq "nobody@firma.example"'}).json()
    bad = provider.get("/scim/v2/Users", {"filter": 'userName co "max"'})

    assert (found["totalResults"], found["Resources"][0]["userName"]) == (1, "max.roth@firma.example")
    assert none["totalResults"] == 0
    assert (bad.status_code, bad.json()["scimType"]) == (400, "invalidFilter")


def test_a_group_is_a_department_and_its_members_move_into_it(provider):
    lena = send(provider, "post", "Users", entra_user()).json()

    group = send(
        provider,
        "post",
        "Groups",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "Vertrieb",
            "members": [{"value": lena["id"]}],
        },
    )
    renamed = send(
        provider,
        "patch",
        f"Groups/{group.json()['id']}",
        {
            "schemas": [PATCH],
            "Operations": [{"op": "replace", "path": "displayName", "value": "Vertrieb DACH"}],
        },
    )

    assert (group.status_code, renamed.status_code) == (201, 200)
    user = User.objects.get(email="lena.berg@firma.example")
    assert user.department.name == "Vertrieb DACH"
    assert list(Department.objects.values_list("name", flat=True)) == ["Vertrieb DACH"]
    removed = send(
        provider,
        "patch",
        f"Groups/{group.json()['id']}",
        {"schemas": [PATCH], "Operations": [{"op": "remove", "path": f'members[value eq "{lena["id"]}"]'}]},
    )
    assert removed.status_code == 200
    user.refresh_from_db()
    assert user.department is None


def test_deactivation_signs_the_person_out_everywhere(provider, client, django_capture_on_commit_callbacks):
    created = send(provider, "post", "Users", entra_user()).json()
    lena = User.objects.get(email="lena.berg@firma.example")
    lena.set_password(TEST_PASSWORD)
    lena.save()
    colleague = UserFactory()
    api_token_create(user=lena, name="CI", expires_in_days=None)
    api_token_create(user=colleague, name="CI", expires_in_days=None)
    assert client.login(email=lena.email, password=TEST_PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            provider,
            "patch",
            f"Users/{created['id']}",
            {"schemas": [PATCH], "Operations": [{"op": "replace", "path": "active", "value": False}]},
        )

    lena.refresh_from_db()
    assert (response.status_code, response.json()["active"], lena.is_active) == (200, False, False)
    from sichtbar.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="scim.user_deactivate", target_id=str(lena.pk)).count() == 1
    assert client.get("/api/v1/auth/me/").status_code == 403  # the session is gone
    assert list(ApiToken.objects.values_list("user_id", flat=True)) == [colleague.pk]
    # the headcount it ends: analytics/tests/test_scim_headcount.py


def test_delete_deactivates_the_account_and_forgets_the_scim_resource(provider):
    created = send(provider, "post", "Users", entra_user()).json()

    response = provider.delete(f"/scim/v2/Users/{created['id']}")

    assert response.status_code == 204
    assert User.objects.get(email="lena.berg@firma.example").is_active is False
    assert provider.get(f"/scim/v2/Users/{created['id']}").status_code == 404


def test_put_replaces_the_name_and_can_reactivate(provider):
    created = send(provider, "post", "Users", entra_user(active=False)).json()

    replaced = send(
        provider,
        "put",
        f"Users/{created['id']}",
        entra_user(name={"givenName": "Lena", "familyName": "Roth"}),
    )

    user = User.objects.get(email="lena.berg@firma.example")
    assert replaced.status_code == 200
    assert (user.last_name, user.is_active) == ("Roth", True)


def test_an_account_that_existed_before_provisioning_is_taken_over_not_refused(provider):
    from sichtbar.accounts.models import Role

    existing = UserFactory(email="lena.berg@firma.example", role=Role.MANAGER, first_name="L.")
    existing.set_password(TEST_PASSWORD)
    existing.save()

    created = send(provider, "post", "Users", entra_user())
    again = send(provider, "post", "Users", entra_user())  # a second resource for the same person: refused

    assert created.status_code == 201, created.content
    assert (again.status_code, again.json()["scimType"]) == (409, "uniqueness")
    existing.refresh_from_db()
    assert User.objects.count() == 1
    assert existing.scim.scim_id.hex == created.json()["id"].replace("-", "")
    assert (existing.role, existing.first_name, existing.has_usable_password()) == (
        Role.MANAGER,
        "Lena",
        True,
    )
