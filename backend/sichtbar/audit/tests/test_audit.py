"""Manager and admin actions leave an audit trail that admins can read and export."""

import csv
import io

import pytest

from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory
from sichtbar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_role_change_is_recorded_with_before_and_after(client_for, admin_user):
    person = UserFactory(role="employee")

    client_for(admin_user).patch(f"/api/v1/users/{person.id}/", {"role": "manager"}, format="json")

    event = AuditEvent.objects.get(action="user.update")
    assert event.actor == admin_user
    assert event.target_id == str(person.id)
    assert event.changes == {"role": ["employee", "manager"]}
    assert len(event.request_id) == 32


def test_refused_actions_leave_no_trace(client_for, admin_user):
    client_for(admin_user).patch(f"/api/v1/users/{admin_user.id}/", {"role": "employee"}, format="json")

    assert not AuditEvent.objects.exists()


def test_an_invitation_is_recorded_with_the_inviting_role(client_for, admin_user):
    client_for(admin_user).post("/api/v1/users/invitations/", {"email": "neu@example.com"}, format="json")

    assert list(AuditEvent.objects.values_list("action", "actor_role")) == [("invitation.create", "admin")]


def test_admins_filter_and_export(client_for, admin_user):
    department = DepartmentFactory(name='=HYPERLINK("http://evil")')
    client = client_for(admin_user)
    client.patch(f"/api/v1/organisation/departments/{department.id}/", {"name": "Vertrieb"}, format="json")
    client.post("/api/v1/organisation/departments/", {"name": "Einkauf"}, format="json")

    listed = client.get("/api/v1/audit-log/?action=department.create").json()
    export = client.get("/api/v1/audit-log/export/")

    assert [event["target_label"] for event in listed["results"]] == ["Einkauf"]
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Zeitpunkt", "Person", "Rolle der Person", "Aktion"]  # German by default
    assert {row[3] for row in rows[1:]} == {"department.update", "department.create"}
    assert all(not cell.startswith("=") for row in rows for cell in row)
    english = client.get("/api/v1/audit-log/export/", HTTP_ACCEPT_LANGUAGE="en")
    header = next(csv.reader(io.StringIO(b"".join(english.streaming_content).decode("utf-8-sig"))))
    assert header[:4] == ["Time", "Actor", "Actor's role", "Action"]
