"""/django-admin/, which the README links, works for the admin role: it sees every app read-only and
manages the periodic tasks; managers and employees are not let in (issue 14)."""

import pytest
from django.test import Client
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from sichtbar.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_accounts
from sichtbar.accounts.models import Role, User
from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _admin_client() -> tuple[Client, User]:
    seed_accounts()
    login = next(login for login in DEMO_LOGINS if login.role == Role.ADMIN)
    client = Client()
    response = client.post(
        "/django-admin/login/?next=/django-admin/", {"username": login.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/django-admin/", response.content[:500]
    return client, User.objects.get(email=login.email)


def test_the_demo_admin_signs_in_and_sees_the_apps_not_no_permissions():
    client, admin = _admin_client()

    index = client.get("/django-admin/")

    assert index.status_code == 200
    assert not admin.is_superuser
    body = index.content.decode()
    assert "/django-admin/accounts/user/" in body and "/django-admin/django_celery_beat/periodictask/" in body
    assert "You don’t have permission to view or edit anything" not in body


def test_the_admin_role_reads_records_but_changes_them_in_the_app_only():
    client, admin = _admin_client()
    department = DepartmentFactory(name="Vertrieb")

    listed = client.get("/django-admin/accounts/department/")
    opened = client.get(f"/django-admin/accounts/department/{department.pk}/change/")
    changed = client.post(f"/django-admin/accounts/department/{department.pk}/change/", {"name": "Umbenannt"})
    added = client.get("/django-admin/accounts/department/add/")
    deleted = client.post(f"/django-admin/accounts/department/{department.pk}/delete/", {"post": "yes"})

    assert (listed.status_code, opened.status_code) == (200, 200)
    assert b"Vertrieb" in listed.content
    assert (changed.status_code, added.status_code, deleted.status_code) == (403, 403, 403)
    department.refresh_from_db()
    assert department.name == "Vertrieb"
    assert client.get(f"/django-admin/accounts/user/{admin.pk}/password/").status_code == 403


def test_the_admin_role_pauses_a_periodic_task():
    client, _admin = _admin_client()
    every = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    task = PeriodicTask.objects.create(name="Probe", task="sichtbar.probe", interval=every, enabled=True)

    response = client.post(
        "/django-admin/django_celery_beat/periodictask/",
        {"action": "disable_tasks", "_selected_action": [task.pk], "index": 0},
    )

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.enabled is False


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER])
def test_managers_and_employees_are_not_let_in(role):
    user = UserFactory(role=role)
    user.set_password("Ein-langes-Passwort-1")
    user.save()
    client = Client()

    client.post("/django-admin/login/", {"username": user.email, "password": "Ein-langes-Passwort-1"})

    assert client.get("/django-admin/").status_code == 302
    assert client.get("/django-admin/accounts/user/").status_code == 302


def test_an_admin_demoted_in_the_app_loses_the_django_admin(client_for):
    client, admin = _admin_client()
    other_admin = UserFactory(role=Role.ADMIN, is_staff=True)

    client_for(other_admin).patch(f"/api/v1/users/{admin.pk}/", {"role": "employee"}, format="json")

    admin.refresh_from_db()
    assert (admin.role, admin.is_staff) == (Role.EMPLOYEE, False)
    assert client.get("/django-admin/accounts/user/").status_code == 302
