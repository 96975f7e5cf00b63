"""Admins invite by e-mail; the link sets the password and signs the new user in."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from sichtbar.accounts.models import Invitation, InvitationStatus, Role, User
from sichtbar.accounts.services import invitations_expire

from .factories import DepartmentFactory, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _secret(body: str) -> str:
    match = re.search(r"/invite/(\S+)", body)
    assert match, body
    return match.group(1)


def test_invite_accept_and_sign_in(client_for, admin_user, django_capture_on_commit_callbacks):
    department = DepartmentFactory(name="Data & KI")
    admin = client_for(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/api/v1/users/invitations/",
            {
                "email": "Neu@Example.com",
                "first_name": "Nora",
                "last_name": "Neu",
                "role": "manager",
                "department": department.id,
            },
        )

    assert response.status_code == 201
    body = response.json()
    assert (body["email"], body["status"], body["role"]) == ("neu@example.com", "pending", "manager")
    assert body["invited_by"]["id"] == admin_user.id
    listed = admin.get("/api/v1/users/invitations/").json()["results"]
    assert listed[0]["email_sent_at"] is not None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["neu@example.com"]
    secret = _secret(mail.outbox[0].body)
    assert not Invitation.objects.filter(token_hash=secret).exists()  # only the hash is stored

    visitor = client_for(None)
    preview = visitor.get(f"/api/v1/auth/invitations/{secret}/")
    assert preview.status_code == 200
    assert preview.json()["email"] == "neu@example.com"
    accepted = visitor.post(
        "/api/v1/auth/invitations/accept/", {"token": secret, "password": "Neu-im-Team-2026"}
    )
    assert accepted.status_code == 200
    assert accepted.json()["role"] == "manager"
    assert accepted.json()["department"]["name"] == "Data & KI"
    assert visitor.get("/api/v1/auth/me/").json()["email"] == "neu@example.com"
    assert Invitation.objects.get().status == InvitationStatus.ACCEPTED
    reused = client_for(None).post(
        "/api/v1/auth/invitations/accept/", {"token": secret, "password": "x-y-z-2026-abc"}
    )
    assert reused.status_code == 404
    assert reused.json()["code"] == "invitation_invalid"


def test_inviting_an_existing_user_is_refused(client_for, admin_user):
    UserFactory(email="taken@example.com")

    response = client_for(admin_user).post("/api/v1/users/invitations/", {"email": "TAKEN@example.com"})

    assert response.status_code == 400
    assert response.json()["code"] == "email_taken"
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_weak_password_keeps_the_invitation_open(client_for):
    InvitationFactory(secret="s3cret")

    response = client_for(None).post(
        "/api/v1/auth/invitations/accept/", {"token": "s3cret", "password": "123"}
    )

    assert response.status_code == 400
    assert "password" in response.json()["extra"]["fields"]
    assert User.objects.count() == 0
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_expired_invitation_cannot_be_used(client_for):
    invitation = InvitationFactory(secret="old", expires_at=timezone.now() - timedelta(minutes=1))

    assert client_for(None).get("/api/v1/auth/invitations/old/").status_code == 404
    assert invitations_expire() == 1
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.EXPIRED


def test_resend_replaces_the_link(client_for, admin_user, django_capture_on_commit_callbacks):
    invitation = InvitationFactory(secret="first", invited_by=admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(f"/api/v1/users/invitations/{invitation.id}/resend/")

    assert response.status_code == 200
    new_secret = _secret(mail.outbox[0].body)
    assert new_secret != "first"
    assert client_for(None).get("/api/v1/auth/invitations/first/").status_code == 404
    assert client_for(None).get(f"/api/v1/auth/invitations/{new_secret}/").status_code == 200


def test_revoke_closes_the_link(client_for, admin_user):
    invitation = InvitationFactory(secret="revoke-me")

    assert client_for(admin_user).delete(f"/api/v1/users/invitations/{invitation.id}/").status_code == 204
    assert client_for(None).get("/api/v1/auth/invitations/revoke-me/").status_code == 404
    again = client_for(admin_user).delete(f"/api/v1/users/invitations/{invitation.id}/")
    assert again.status_code == 400
    assert again.json()["code"] == "invitation_not_pending"


def test_list_filters_by_status(client_for, admin_user):
    InvitationFactory(status=InvitationStatus.PENDING)
    InvitationFactory(status=InvitationStatus.REVOKED)

    response = client_for(admin_user).get("/api/v1/users/invitations/?status=revoked")

    assert response.status_code == 200
    assert [item["status"] for item in response.json()["results"]] == ["revoked"]
    assert response.json()["count"] == 1


def test_invitation_role_defaults_to_employee(client_for, admin_user):
    response = client_for(admin_user).post("/api/v1/users/invitations/", {"email": "e@example.com"})

    assert response.json()["role"] == Role.EMPLOYEE


# --- the invitee's language -------------------------------------------------------------------


def test_the_invitation_is_written_in_the_language_the_inviter_chose(
    client_for, django_capture_on_commit_callbacks
):
    inviter = UserFactory(role=Role.ADMIN, is_staff=True, language="de")

    with django_capture_on_commit_callbacks(execute=True):
        created = client_for(inviter).post(
            "/api/v1/users/invitations/", {"email": "new@example.com", "language": "en"}, format="json"
        )

    assert created.status_code == 201
    assert created.json()["language"] == "en"
    assert created.json()["email_status"] == "pending"  # answered before the commit sent it
    [message] = mail.outbox
    assert message.subject == "You are invited to Sichtbar"
    assert "Open this link to choose your password" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    listed = client_for(inviter).get("/api/v1/users/invitations/").json()["results"]
    assert (listed[0]["email_status"], listed[0]["email_sent_at"] is not None) == ("sent", True)
    accepted = client_for(None).post(
        "/api/v1/auth/invitations/accept/", {"token": _secret(message.body), "password": "New-here-2026!"}
    )
    assert accepted.status_code == 200
    assert User.objects.get(email="new@example.com").language == "en"


def test_without_a_choice_the_company_default_not_the_inviters_language(
    client_for, settings, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "de"
    inviter = UserFactory(role=Role.ADMIN, is_staff=True, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        client_for(inviter).post("/api/v1/users/invitations/", {"email": "neu@example.com"}, format="json")

    assert [m.subject for m in mail.outbox] == ["Sie sind zu Sichtbar eingeladen"]


def test_an_unknown_language_is_refused(client_for, admin_user):
    response = client_for(admin_user).post(
        "/api/v1/users/invitations/", {"email": "neu@example.com", "language": "fr"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["language"]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_resending_replaces_the_unsent_mail_with_one_new_link(client_for, admin_user):
    from sichtbar.mail.models import MailStatus, OutboxMail

    client = client_for(admin_user)
    created = client.post("/api/v1/users/invitations/", {"email": "neu@example.com"}, format="json").json()
    first = OutboxMail.objects.get()  # not sent: the test transaction never commits

    client.post(f"/api/v1/users/invitations/{created['id']}/resend/")

    [second] = OutboxMail.objects.all()
    assert second.pk != first.pk and second.status == MailStatus.PENDING
    assert Invitation.objects.get().mail == second
    assert client.delete(f"/api/v1/users/invitations/{created['id']}/").status_code == 204
    assert not OutboxMail.objects.exists()  # a revoked invitation's link is never mailed
