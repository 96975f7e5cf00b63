"""Four-eyes approval: nobody approves their own item unless an admin allows it; the reviewer picker."""

import pytest

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.content.models import ContentSettings, ContentStatus
from sichtbar.notifications.models import Notification

from .factories import ContentItemFactory

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/content/items/"
SETTINGS = "/api/v1/content/settings/"


def _transition(client, item, **body):
    return client.post(f"{ITEMS}{item.pk}/transition/", body, format="json")


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_nobody_approves_their_own_item_by_default(client_for, role):
    author = UserFactory(role=role)
    item = ContentItemFactory(created_by=author, status=ContentStatus.IN_REVIEW)

    response = _transition(client_for(author), item, action="approve")

    assert (response.status_code, response.json()["code"]) == (403, "content_self_approval")
    assert response.json()["message"]
    item.refresh_from_db()
    assert (item.status, item.published_at, item.reviewer_id) == (ContentStatus.IN_REVIEW, None, None)
    assert not AuditEvent.objects.filter(action="content.approve").exists()


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ADMIN])
def test_another_manager_or_admin_approves(client_for, manager, role):
    item = ContentItemFactory(created_by=manager, status=ContentStatus.IN_REVIEW)
    other = UserFactory(role=role)

    response = _transition(client_for(other), item, action="approve")

    assert (response.status_code, response.json()["status"]) == (200, "published")
    assert response.json()["reviewer"]["id"] == other.pk


def test_an_item_without_author_can_be_approved_by_anyone_managing(client_for, manager):
    item = ContentItemFactory(created_by=None, status=ContentStatus.IN_REVIEW)

    assert _transition(client_for(manager), item, action="approve").status_code == 200


def test_when_an_admin_allows_self_approval_the_author_may_approve(client_for, manager, admin_user):
    item = ContentItemFactory(created_by=manager, status=ContentStatus.IN_REVIEW)

    switched = client_for(admin_user).patch(SETTINGS, {"allow_self_approval": True}, format="json")
    response = _transition(client_for(manager), item, action="approve")

    assert (switched.status_code, switched.json()["allow_self_approval"]) == (200, True)
    assert (response.status_code, response.json()["status"]) == (200, "published")
    event = AuditEvent.objects.get(action="content.settings.update")
    assert (event.actor_id, event.changes) == (admin_user.pk, {"allow_self_approval": [False, True]})


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER])
def test_only_admins_change_the_setting(client_for, role):
    user = UserFactory(role=role)

    response = client_for(user).patch(SETTINGS, {"allow_self_approval": True}, format="json")

    assert response.status_code == 403
    assert not ContentSettings.objects.filter(allow_self_approval=True).exists()


def test_managers_read_the_setting_and_employees_do_not(client_for, manager, employee):
    assert client_for(manager).get(SETTINGS).json()["allow_self_approval"] is False
    assert client_for(employee).get(SETTINGS).status_code == 403


def test_the_reviewer_picker_lists_only_eligible_reviewers(client_for, manager):
    colleague = UserFactory(role=Role.MANAGER, first_name="Anna", last_name="Adler")
    admin = UserFactory(role=Role.ADMIN, first_name="Bernd", last_name="Berg")
    UserFactory(role=Role.EMPLOYEE, first_name="Carla")
    UserFactory(role=Role.MANAGER, first_name="Dora", is_active=False)
    item = ContentItemFactory(created_by=manager)

    listed = client_for(manager).get(f"{ITEMS}{item.pk}/reviewers/")

    assert listed.status_code == 200
    assert [(p["id"], p["name"], p["role"]) for p in listed.json()] == [
        (colleague.pk, "Anna Adler", "manager"),
        (admin.pk, "Bernd Berg", "admin"),
    ]


def test_with_self_approval_allowed_the_author_is_a_possible_reviewer(client_for, manager):
    ContentSettings.objects.create(pk=1, allow_self_approval=True)
    item = ContentItemFactory(created_by=manager)

    listed = client_for(manager).get(f"{ITEMS}{item.pk}/reviewers/").json()

    assert [p["id"] for p in listed] == [manager.pk]


def test_employees_cannot_list_reviewers(client_for, employee):
    item = ContentItemFactory()

    assert client_for(employee).get(f"{ITEMS}{item.pk}/reviewers/").status_code == 403


@pytest.mark.parametrize("who", ["author", "employee", "unknown"])
def test_submitting_to_an_ineligible_reviewer_marks_the_reviewer_field(client_for, manager, who):
    item = ContentItemFactory(created_by=manager)
    reviewer_id = {
        "author": manager.pk,
        "employee": UserFactory(role=Role.EMPLOYEE).pk,
        "unknown": 999_999,
    }[who]

    response = _transition(client_for(manager), item, action="submit", reviewer=reviewer_id)

    assert (response.status_code, response.json()["code"]) == (400, "content_reviewer_ineligible")
    assert list(response.json()["extra"]["fields"]) == ["reviewer"]
    item.refresh_from_db()
    assert (item.status, item.reviewer_id) == (ContentStatus.DRAFT, None)
    assert not Notification.objects.exists()


def test_submitting_to_an_eligible_reviewer_notifies_them(client_for, manager):
    colleague = UserFactory(role=Role.MANAGER)
    item = ContentItemFactory(created_by=manager)

    response = _transition(client_for(manager), item, action="submit", reviewer=colleague.pk)

    assert (response.status_code, response.json()["reviewer"]["id"]) == (200, colleague.pk)
    assert Notification.objects.filter(user=colleague, kind="content_review").count() == 1
