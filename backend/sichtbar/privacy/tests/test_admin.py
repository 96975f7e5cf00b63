"""Admins export and erase for people who cannot sign in (former employees, visitors by e-mail), put people on
legal hold and set retention periods; every request is audit-logged; erasures are re-applied after a restore;
analytics of the erased person's days are rebuilt on commit."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import TestCase
from django.utils import timezone

from sichtbar.accounts.models import User
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.analytics.models import DailyFact, DirtyDay, UserDayFact
from sichtbar.analytics.services import rollup_range
from sichtbar.audit.models import AuditEvent
from sichtbar.directory.models import ContactRequest
from sichtbar.directory.tests.factories import ContactRequestFactory
from sichtbar.links.models import Click
from sichtbar.links.tests.factories import ClickFactory, LinksShareFactory, TrackedLinkFactory
from sichtbar.privacy.models import ErasureRecord, LegalHold, RetentionSettings
from sichtbar.privacy.services import privacy_erase

pytestmark = pytest.mark.django_db

VISITOR = "jana.presse@zeitung.example"


def _data(response) -> dict:
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert "summary.html" in archive.namelist()
    return json.loads(archive.read("data.json"))


def test_admin_exports_a_former_employee_and_the_request_is_audit_logged(client_for, admin_user):
    leaver = UserFactory(is_active=False, deactivated_at=timezone.now(), first_name="Lea", last_name="Weg")
    AuditEvent.objects.create(action="user.update", target_type="accounts.user", target_id=str(leaver.pk))

    response = client_for(admin_user).get(f"/api/v1/privacy/users/{leaver.pk}/export/")

    data = _data(response)
    assert data["user_id"] == leaver.pk
    assert data["accounts"]["account"]["email"] == leaver.email
    # the request itself is recorded before the export, so the person sees it too
    assert [e["action"] for e in data["audit"]["events_about_me"]] == ["user.update", "privacy.export"]
    logged = AuditEvent.objects.get(action="privacy.export")
    assert (logged.actor, logged.target_id) == (admin_user, str(leaver.pk))


def test_lookup_finds_inactive_accounts_and_visitors_by_email(client_for, admin_user):
    leaver = UserFactory(is_active=False, email="lea@example.com")
    LegalHold.objects.create(user=leaver, reason="Verfahren")
    ContactRequestFactory(email=VISITOR)
    ContactRequestFactory(email=VISITOR.upper())

    person = client_for(admin_user).post(
        "/api/v1/privacy/lookup/", {"email": "LEA@example.com"}, format="json"
    )
    visitor = client_for(admin_user).post("/api/v1/privacy/lookup/", {"email": VISITOR}, format="json")

    assert person.json()["person"]["id"] == leaver.pk
    assert person.json()["person"]["legal_hold"] == "Verfahren"
    assert person.json()["person"]["is_active"] is False
    assert visitor.json() == {"person": None, "contact_requests": 2}


def test_visitor_export_holds_their_requests_and_logs_no_address(client_for, admin_user):
    ContactRequestFactory(email=VISITOR, message="Interview?")
    ContactRequestFactory(email="someone.else@example.org")

    response = client_for(admin_user).post(
        "/api/v1/privacy/visitors/export/", {"email": VISITOR}, format="json"
    )

    data = _data(response)
    assert [(r["email"], r["message"]) for r in data["contact_requests"]] == [(VISITOR, "Interview?")]
    logged = AuditEvent.objects.get(action="privacy.visitor_export")
    assert VISITOR not in json.dumps(logged.changes) + logged.target_label


def test_visitor_erasure_needs_the_address_twice_and_is_ledgered(client_for, admin_user, settings, tmp_path):
    settings.PRIVACY_ERASURE_LEDGER = tmp_path / "ledger.jsonl"
    ContactRequestFactory(email=VISITOR)
    kept = ContactRequestFactory(email="someone.else@example.org")
    client = client_for(admin_user)

    refused = client.post(
        "/api/v1/privacy/visitors/erase/", {"email": VISITOR, "confirm_email": "x@example.org"}, format="json"
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "confirmation_mismatch"
    assert ContactRequest.objects.count() == 2 and not ErasureRecord.objects.exists()

    with TestCase.captureOnCommitCallbacks(execute=True):
        erased = client.post(
            "/api/v1/privacy/visitors/erase/", {"email": VISITOR, "confirm_email": VISITOR}, format="json"
        )

    assert erased.json() == {"erased": 1}
    assert list(ContactRequest.objects.values_list("pk", flat=True)) == [kept.pk]
    assert AuditEvent.objects.get(action="privacy.visitor_erase").changes == {"requests": 1}
    ledger = settings.PRIVACY_ERASURE_LEDGER.read_text()
    assert VISITOR not in ledger and '"contact_sender"' in ledger


def test_unknown_visitor_is_a_404_in_the_one_error_shape(client_for, admin_user):
    response = client_for(admin_user).post(
        "/api/v1/privacy/visitors/export/", {"email": "nobody@example.org"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "no_visitor_data"
    assert not AuditEvent.objects.exists()


def test_legal_hold_is_set_and_released(client_for, admin_user):
    person = UserFactory()
    client = client_for(admin_user)

    client.put(f"/api/v1/privacy/users/{person.pk}/legal-hold/", {"reason": "Verfahren 3/26"}, format="json")
    assert LegalHold.objects.get(user=person).reason == "Verfahren 3/26"
    client.put(f"/api/v1/privacy/users/{person.pk}/legal-hold/", {"reason": ""}, format="json")
    assert not LegalHold.objects.exists()
    assert list(AuditEvent.objects.filter(action="privacy.legal_hold").values_list("changes", flat=True)) == [
        {"on_hold": False},
        {"on_hold": True},
    ]


def test_retention_periods_are_listed_set_validated_and_reset(client_for, admin_user, settings):
    settings.NOTIFICATION_RETENTION_DAYS = 180
    client = client_for(admin_user)

    listed = {rule["name"]: rule for rule in client.get("/api/v1/privacy/retention/").json()}
    assert listed["notifications"] == {
        "name": "notifications",
        "days": 180,
        "default_days": 180,
        "minimum": 0,
        "customised": False,
    }
    changed = client.put("/api/v1/privacy/retention/", {"periods": {"notifications": 30}}, format="json")
    assert {r["name"]: r["days"] for r in changed.json()}["notifications"] == 30
    assert RetentionSettings.objects.get().periods == {"notifications": 30}

    bad = client.put(
        "/api/v1/privacy/retention/", {"periods": {"nonsense": 3, "audit_events": 1}}, format="json"
    )
    assert bad.status_code == 400
    assert set(bad.json()["extra"]["fields"]) == {"nonsense", "audit_events"}
    assert RetentionSettings.objects.get().periods == {"notifications": 30}  # nothing half-applied

    reset = client.put("/api/v1/privacy/retention/", {"periods": {"notifications": None}}, format="json")
    assert {r["name"]: r["customised"] for r in reset.json()}["notifications"] is False
    assert AuditEvent.objects.filter(action="privacy.retention_update").count() == 2


def test_after_a_restore_the_ledger_erases_again(settings, admin_user, tmp_path):
    settings.PRIVACY_ERASURE_LEDGER = tmp_path / "ledger.jsonl"
    person = UserFactory(email="restored@example.com", first_name="Rita", last_name="Restore")
    with TestCase.captureOnCommitCallbacks(execute=True):
        privacy_erase(user=person, actor=admin_user)
    ContactRequestFactory(email=VISITOR)
    from sichtbar.privacy.services import visitor_erase

    with TestCase.captureOnCommitCallbacks(execute=True):
        visitor_erase(email=VISITOR, actor=admin_user)
    # a restore from a backup older than both erasures brings the person, the request and no ledger rows back
    User.objects.filter(pk=person.pk).update(email="restored@example.com", first_name="Rita", is_active=True)
    ContactRequestFactory(email=VISITOR)
    ErasureRecord.objects.all().delete()

    out = io.StringIO()
    call_command("privacy_reapply_erasures", stdout=out)

    person.refresh_from_db()
    assert (person.email, person.first_name, person.is_active) == (
        f"erased-{person.pk}@erased.invalid",
        "",
        False,
    )
    assert not ContactRequest.objects.filter(email__iexact=VISITOR).exists()
    assert ErasureRecord.objects.count() == 2
    assert "1 accounts erased again, 1 contact requests deleted again" in out.getvalue()
    again = io.StringIO()
    call_command("privacy_reapply_erasures", stdout=again)
    assert "0 accounts erased again, 0 contact requests deleted again" in again.getvalue()


def test_erasure_rebuilds_the_analytics_of_the_persons_days_so_totals_equal_rows(admin_user):
    today = timezone.localdate()
    person = UserFactory()
    link = TrackedLinkFactory(share=LinksShareFactory(user=person))
    ClickFactory.create_batch(3, link=link)
    ClickFactory(link=TrackedLinkFactory(share=LinksShareFactory()))
    rollup_range(start=today - timedelta(days=1), end=today)
    assert UserDayFact.objects.filter(user=person).aggregate(c=Sum("clicks"))["c"] == 3

    with TestCase.captureOnCommitCallbacks(execute=True):  # the rebuild task runs on commit
        privacy_erase(user=person, actor=admin_user)

    assert not UserDayFact.objects.filter(user=person).exists()
    assert DailyFact.objects.aggregate(c=Sum("clicks"))["c"] == Click.objects.count() == 4
    assert DailyFact.objects.aggregate(s=Sum("shares"))["s"] == 1  # the person's share went with them
    assert not DirtyDay.objects.exists()


@pytest.mark.parametrize(
    ("typed", "matches"),
    [("Anna@Example.org ", True), ("anna@example.org", True), ("ann@example.org", False)],
)
def test_the_typed_confirmation_ignores_case_and_spaces_only(typed, matches):
    from sichtbar.core.errors import ApplicationError
    from sichtbar.privacy.error_codes import PrivacyErrorCode
    from sichtbar.privacy.services import confirmation_check

    if matches:
        confirmation_check(expected="anna@example.org", typed=typed, message="again")
        return
    with pytest.raises(ApplicationError) as refused:
        confirmation_check(expected="anna@example.org", typed=typed, message="again")
    assert refused.value.code == PrivacyErrorCode.CONFIRMATION_MISMATCH == "confirmation_mismatch"
    assert refused.value.fields == {"confirm_email": ["again"]}
