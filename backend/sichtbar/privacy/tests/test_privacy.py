"""A person downloads everything held about them, or erases it; consents are recorded; retention runs."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from sichtbar.accounts.models import ApiToken, User
from sichtbar.accounts.tests.factories import TEST_PASSWORD, UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.privacy.models import ConsentRecord
from sichtbar.privacy.services import retention_purge
from sichtbar.profiles.models import Profile
from sichtbar.profiles.tests.factories import ProfileFactory, ProfileSkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "navy").save(buffer, format="WEBP")
    return buffer.getvalue()


def test_export_holds_account_profile_tokens_and_photo(client_for):
    profile = ProfileFactory(headline_de="Steuerrecht")
    ProfileSkillFactory(profile=profile, level=5)
    from django.core.files.base import ContentFile

    profile.photo.save("me.webp", ContentFile(_photo()))
    ApiToken.objects.create(user=profile.user, expiry=None, name="CRM")

    response = client_for(profile.user).get("/api/v1/privacy/export/")

    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["accounts"]["account"]["email"] == profile.user.email
    assert data["accounts"]["api_tokens"][0]["name"] == "CRM"
    assert "digest" not in json.dumps(data)
    assert data["profiles"]["profile"]["headline_de"] == "Steuerrecht"
    assert data["profiles"]["profile"]["skills"][0]["level"] == 5
    assert [name for name in archive.namelist() if name.startswith("files/profiles/")] == [
        f"files/profiles/{profile.photo.name.rsplit('/', 1)[-1]}"
    ]


def test_self_erasure_removes_the_person_everywhere(client_for, admin_user):
    profile = ProfileFactory()
    user = profile.user
    email = user.email
    client_for(admin_user).patch(f"/api/v1/users/{user.id}/", {"role": "manager"}, format="json")
    ApiToken.objects.create(user=user, expiry=None, name="t")
    client = client_for(user)
    client.post("/api/v1/privacy/consents/", {"purpose": "leaderboard", "granted": True}, format="json")

    wrong = client.post("/api/v1/privacy/erase/", {"confirm_email": "someone@else.example"}, format="json")
    assert wrong.status_code == 400 and User.objects.get(pk=user.pk).email == email

    response = client.post("/api/v1/privacy/erase/", {"confirm_email": email.upper()}, format="json")

    assert response.status_code == 204
    user.refresh_from_db()
    assert (user.email, user.first_name, user.last_name, user.is_active) == (
        f"erased-{user.pk}@erased.invalid",
        "",
        "",
        False,
    )
    assert not user.has_usable_password()
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not ConsentRecord.objects.filter(user=user).exists()
    assert client.get("/api/v1/auth/me/").status_code == 403
    update = AuditEvent.objects.get(action="user.update")
    assert email not in json.dumps(update.changes) + update.target_label
    assert AuditEvent.objects.filter(action="privacy.erase").exists()
    login = client_for(None).post("/api/v1/auth/login/", {"email": email, "password": TEST_PASSWORD})
    assert login.status_code == 400


def test_admin_erases_someone_else_but_not_themselves(client_for, admin_user):
    other = UserFactory()

    own = client_for(admin_user).post(
        f"/api/v1/privacy/users/{admin_user.id}/erase/", {"confirm_email": admin_user.email}, format="json"
    )
    done = client_for(admin_user).post(
        f"/api/v1/privacy/users/{other.id}/erase/", {"confirm_email": other.email}, format="json"
    )

    assert own.status_code == 400 and own.json()["code"] == "self_erasure"
    assert done.status_code == 204
    other.refresh_from_db()
    assert not other.is_active and other.email.endswith("@erased.invalid")


def test_consents_are_recorded_and_the_latest_decision_counts(client_for, employee):
    client = client_for(employee)

    client.post("/api/v1/privacy/consents/", {"purpose": "leaderboard", "granted": True}, format="json")
    current = client.post(
        "/api/v1/privacy/consents/", {"purpose": "leaderboard", "granted": False}, format="json"
    )

    board = next(item for item in current.json() if item["purpose"] == "leaderboard")
    assert board["granted"] is False
    assert ConsentRecord.objects.filter(user=employee).count() == 2


def test_retention_deletes_old_audit_events(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old = AuditEvent.objects.create(action="x", actor_label="a")
    AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = AuditEvent.objects.create(action="y", actor_label="b")

    assert retention_purge()["audit_events"] == 1
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent.pk]
