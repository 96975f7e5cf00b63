"""Departments and locations: everyone reads them, admins maintain them and import them from CSV."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sichtbar.accounts.models import Department, Location

from .factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("org.csv", text.encode("utf-8"), content_type="text/csv")


def test_import_creates_departments_and_locations(client_for, admin_user):
    DepartmentFactory(name="Vertrieb")
    data = "department,location,city,country\nVertrieb,,,\nData & KI,Berlin,Berlin,DE\nRecht,Wien,Wien,at\n"

    response = client_for(admin_user).post(
        "/api/v1/organisation/import/", {"file": _csv(data)}, format="multipart"
    )

    assert response.status_code == 200
    assert response.json() == {"created_departments": 2, "created_locations": 2, "skipped": 1, "errors": []}
    assert Location.objects.get(name="Wien").country == "AT"


def test_import_with_errors_changes_nothing(client_for, admin_user):
    data = "department;location;city\nMarketing;Hamburg;Hamburg\n;Köln;\n"

    response = client_for(admin_user).post(
        "/api/v1/organisation/import/", {"file": _csv(data)}, format="multipart"
    )

    assert response.status_code == 200
    body = response.json()
    assert body["errors"] == [{"line": 3, "message": "Ein Standort braucht eine Stadt."}]
    assert body["created_departments"] == 0
    assert not Department.objects.filter(name="Marketing").exists()
    assert not Location.objects.filter(name="Hamburg").exists()


def test_import_without_header_is_refused(client_for, admin_user):
    response = client_for(admin_user).post(
        "/api/v1/organisation/import/", {"file": _csv("foo,bar\n1,2\n")}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "import_invalid"


def test_department_names_are_unique_regardless_of_case(client_for, admin_user):
    DepartmentFactory(name="Vertrieb")

    response = client_for(admin_user).post("/api/v1/organisation/departments/", {"name": "vertrieb"})

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert Department.objects.filter(name__iexact="vertrieb").count() == 1


def test_employees_read_departments_with_member_counts(client_for, employee):
    response = client_for(employee).get("/api/v1/organisation/departments/")

    assert response.status_code == 200
    [department] = response.json()["results"]
    assert department == {"id": employee.department_id, "name": employee.department.name, "member_count": 1}


def test_deleting_a_department_keeps_its_members(client_for, admin_user):
    member = UserFactory()

    response = client_for(admin_user).delete(f"/api/v1/organisation/departments/{member.department_id}/")

    assert response.status_code == 204
    member.refresh_from_db()
    assert member.department is None and member.is_active


def test_location_update(client_for, admin_user):
    location = UserFactory().location

    response = client_for(admin_user).patch(
        f"/api/v1/organisation/locations/{location.id}/", {"city": "Nürnberg"}
    )

    assert response.status_code == 200
    assert response.json()["city"] == "Nürnberg"
