"""Guidelines (versions, publish, accept), confidentiality rules and the text check, notifications."""

import pytest

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.governance.models import ConfidentialityRule, GuidelineAcceptance
from sichtbar.governance.tests.factories import GuidelineFactory, RuleFactory
from sichtbar.notifications.models import Notification
from sichtbar.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def test_manager_writes_and_publishes_a_version_then_employees_must_accept_it(
    client_for, manager, employee, django_capture_on_commit_callbacks
):
    GuidelineFactory(version=1)
    GuidelineAcceptance.objects.create(
        user=employee,
        version_id=GuidelineFactory._meta.model.objects.get().pk,
        accepted_at="2026-01-01T00:00:00Z",
    )
    mine = client_for(employee)
    assert mine.get("/api/v1/guidelines/current/").json()["accepted"] is True

    created = client_for(manager).post(
        "/api/v1/guidelines/",
        {
            "title_de": "Richtlinie",
            "title_en": "Guidelines",
            "text_de": "<p>Neu<script>x</script></p>",
            "text_en": "<p>New</p>",
        },
        format="json",
    )
    assert created.status_code == 201
    new = created.json()
    assert new["version"] == 2 and new["text_de"] == "<p>Neu</p>" and new["published_at"] is None
    assert mine.get("/api/v1/guidelines/current/").json()["guideline"]["version"] == 1  # drafts don't count

    with django_capture_on_commit_callbacks(execute=True):
        published = client_for(manager).post(f"/api/v1/guidelines/{new['id']}/publish/")
    assert published.status_code == 200
    assert Notification.objects.filter(user=employee, kind="guideline").count() == 1
    assert AuditEvent.objects.filter(action="content.guideline.publish").count() == 1
    edit = client_for(manager).patch(f"/api/v1/guidelines/{new['id']}/", {"title_de": "x"}, format="json")
    assert edit.status_code == 409

    current = mine.get("/api/v1/guidelines/current/").json()
    assert current["accepted"] is False and current["guideline"]["version"] == 2
    accepted = mine.post("/api/v1/guidelines/current/accept/", {"version_id": new["id"]}, format="json")
    assert accepted.json()["accepted"] is True and accepted.json()["accepted_at"]
    assert GuidelineAcceptance.objects.filter(user=employee).count() == 2


def test_rules_crud_rejects_slow_patterns_and_is_audited(client_for, manager):
    client = client_for(manager)
    slow = client.post(
        "/api/v1/content/rules/",
        {"name": "Slow", "kind": "pattern", "value": "(a+)+$", "action": "block"},
        format="json",
    )
    assert slow.status_code == 400 and slow.json()["code"] == "rule_pattern_invalid"
    assert "value" in slow.json()["extra"]["fields"]

    created = client.post(
        "/api/v1/content/rules/",
        {"name": "Kontonummer", "kind": "pattern", "value": r"DE\d{20}", "action": "block"},
        format="json",
    )
    assert created.status_code == 201
    rule_id = created.json()["id"]
    updated = client.patch(f"/api/v1/content/rules/{rule_id}/", {"action": "warn"}, format="json")
    assert updated.json()["action"] == "warn"
    broken = client.patch(f"/api/v1/content/rules/{rule_id}/", {"value": "(("}, format="json")
    assert broken.status_code == 400
    assert ConfidentialityRule.objects.get().value == r"DE\d{20}"
    assert client.delete(f"/api/v1/content/rules/{rule_id}/").status_code == 204
    assert [e.action for e in AuditEvent.objects.order_by("id")] == [
        "content.rule.create",
        "content.rule.update",
        "content.rule.delete",
    ]


def test_check_endpoint_reports_matches_and_the_networks_limit(client_for, employee):
    RuleFactory(name="Projekt", value="Falkenauge", action="block", description="Interne Projektnamen.")
    response = client_for(employee).post(
        "/api/v1/content/check/", {"text": "Wir starten Falkenauge.", "network": "x"}, format="json"
    )
    assert response.json() == {
        "blocked": True,
        "matches": [
            {
                "rule_id": ConfidentialityRule.objects.get().pk,
                "name": "Projekt",
                "action": "block",
                "matched_text": "Falkenauge",
                "start": 12,
                "end": 22,
                "description": "Interne Projektnamen.",
            }
        ],
        "length": 23,
        "limit": 280,
    }


def test_notifications_list_unread_mark_read_and_preference(client_for, employee):
    mine = NotificationFactory.create_batch(3, user=employee)
    NotificationFactory()  # someone else's
    client = client_for(employee)

    assert [n["id"] for n in client.get("/api/v1/notifications/").json()["results"]] == [
        n.pk for n in mine[::-1]
    ]
    assert client.get("/api/v1/notifications/unread/").json() == {"unread": 3}
    assert client.post("/api/v1/notifications/read/", {"ids": [mine[0].pk]}, format="json").json() == {
        "unread": 2
    }
    assert client.post("/api/v1/notifications/read/", {}, format="json").json() == {"unread": 0}
    assert Notification.objects.filter(read_at__isnull=True).count() == 1

    assert client.get("/api/v1/notifications/preference/").json() == {"digest": "weekly"}
    assert client.put("/api/v1/notifications/preference/", {"digest": "off"}, format="json").json() == {
        "digest": "off"
    }
    assert client_for(UserFactory()).get("/api/v1/notifications/preference/").json() == {"digest": "weekly"}
