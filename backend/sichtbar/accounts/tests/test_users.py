"""Admins change roles, move people between departments, deactivate accounts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from sichtbar.accounts.models import ApiToken, Role

from .factories import TEST_PASSWORD, DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_admin_changes_role_and_department(client_for, admin_user):
    person = UserFactory(role=Role.EMPLOYEE)
    department = DepartmentFactory()

    response = client_for(admin_user).patch(
        f"/api/v1/users/{person.id}/", {"role": "manager", "department": department.id}
    )

    assert response.status_code == 200
    assert response.json()["role"] == "manager"
    assert response.json()["department"]["id"] == department.id
    person.refresh_from_db()
    assert person.role == Role.MANAGER and not person.is_staff


def test_promoting_to_admin_grants_django_admin(client_for, admin_user):
    person = UserFactory()

    client_for(admin_user).patch(f"/api/v1/users/{person.id}/", {"role": "admin"})

    person.refresh_from_db()
    assert person.is_staff


def test_deactivated_user_loses_session_login_and_tokens(client_for, admin_user):
    person = UserFactory(email="leaving@example.com")
    _token, secret = ApiToken.objects.create(user=person, expiry=None, name="t")

    response = client_for(admin_user).patch(f"/api/v1/users/{person.id}/", {"is_active": False})

    assert response.status_code == 200 and response.json()["is_active"] is False
    login = APIClient().post(
        "/api/v1/auth/login/", {"email": "leaving@example.com", "password": TEST_PASSWORD}
    )
    assert login.status_code == 400
    assert APIClient().get("/api/v1/auth/me/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403
    assert ApiToken.objects.filter(user=person).count() == 0


def test_admin_cannot_deactivate_themselves(client_for, admin_user):
    response = client_for(admin_user).patch(f"/api/v1/users/{admin_user.id}/", {"is_active": False})

    assert response.status_code == 400
    assert response.json()["code"] == "self_deactivation"
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_last_admin_keeps_the_role(client_for, admin_user):
    response = client_for(admin_user).patch(f"/api/v1/users/{admin_user.id}/", {"role": "employee"})

    assert response.status_code == 400
    assert response.json()["code"] == "last_admin"
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN


def test_list_filters_searches_and_orders(client_for, admin_user):
    UserFactory(first_name="Zoe", last_name="Zander", role=Role.MANAGER)
    UserFactory(first_name="Anton", last_name="Abel", role=Role.MANAGER)
    UserFactory(first_name="Emil", last_name="Mitte", role=Role.EMPLOYEE)
    client = client_for(admin_user)

    managers = client.get("/api/v1/users/?role=manager&ordering=last_name").json()
    search = client.get("/api/v1/users/?search=mitte").json()

    assert [u["last_name"] for u in managers["results"]] == ["Abel", "Zander"]
    assert [u["last_name"] for u in search["results"]] == ["Mitte"]


def test_user_list_query_count_does_not_grow_with_users(client_for, admin_user):
    client = client_for(admin_user)
    UserFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/users/")
    UserFactory.create_batch(20)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/users/")

    assert response.json()["count"] == 24
    assert len(many) == len(few)
    assert len(many) <= 6


def test_unknown_user_is_a_404_in_the_error_shape(client_for, admin_user):
    response = client_for(admin_user).patch("/api/v1/users/999999/", {"role": "manager"})

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
