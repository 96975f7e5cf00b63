"""The outbox on its own: one send per mail, backoff, giving up, dead senders, retention, and the admin
API (list by status, re-send) for each role."""

from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.utils import timezone

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.audit.models import AuditEvent
from sichtbar.mail import privacy
from sichtbar.mail.models import MailStatus, OutboxMail
from sichtbar.mail.services import mail_enqueue, mail_send, mail_sweep, retry_delay

from .smtpd import LoopbackSmtp

pytestmark = pytest.mark.django_db


def _enqueue(to="lena@example.com", language="de"):
    return mail_enqueue(
        to=to,
        template="accounts/email/password_reset",
        context={
            "user": UserFactory.build(first_name="Lena"),
            "link": "http://127.0.0.1:8000/reset-password/x/y",
        },
        language=language,
    )


@pytest.fixture
def smtp(settings):
    server = LoopbackSmtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()


def test_a_mail_is_sent_once_whoever_asks(mailoutbox):
    mail = _enqueue()

    assert mail_send(mail_id=mail.pk, claim_token="first") is True
    assert mail_send(mail_id=mail.pk, claim_token="second") is False
    assert mail_send(mail_id=mail.pk, claim_token="first") is False  # a sent mail is never taken again
    assert len(mailoutbox) == 1
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (MailStatus.SENT, 1)


def test_a_claim_belongs_to_its_task(mailoutbox):
    mail = _enqueue()
    OutboxMail.objects.filter(pk=mail.pk).update(status=MailStatus.SENDING, claim_token="task-a")

    assert mail_send(mail_id=mail.pk, claim_token="task-b") is False  # someone else is sending it
    assert mailoutbox == []
    assert mail_send(mail_id=mail.pk, claim_token="task-a") is True  # the same task, delivered again
    assert len(mailoutbox) == 1


def test_the_language_and_domain_are_fixed_when_the_mail_is_written(settings):
    settings.SITE_URL = "https://sichtbar.firma.example"

    german, english = _enqueue(language="de"), _enqueue(language="en")
    unknown = _enqueue(language="fr")

    assert german.subject == "Setzen Sie Ihr Sichtbar-Passwort zurück"
    assert english.subject == "Reset your Sichtbar password"
    assert unknown.language == "de"  # the company default
    assert german.message_id.endswith("@sichtbar.firma.example>")
    assert german.message_id != english.message_id
    assert '<html lang="en">' in english.body_html


def test_retry_delays_double_up_to_the_cap():
    assert [retry_delay(attempts=n) for n in range(1, 9)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)
    ]


def test_an_unreachable_server_means_retry_later_then_failed(smtp, settings):
    settings.MAIL_MAX_ATTEMPTS = 2
    mail = _enqueue()
    start = timezone.now()

    assert mail_send(mail_id=mail.pk, now=start) is False
    mail.refresh_from_db()
    assert (mail.status, mail.attempts, mail.next_attempt_at) == (
        MailStatus.PENDING,
        1,
        start + timedelta(minutes=1),
    )
    assert mail.last_error.startswith("ConnectionRefusedError")
    assert mail_sweep(now=start + timedelta(seconds=59)) == 0  # not due yet

    assert mail_sweep(now=start + timedelta(minutes=1)) == 1  # the second (last) attempt fails too
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (MailStatus.FAILED, 2)
    assert mail_sweep(now=start + timedelta(days=1)) == 0  # failed mails wait for an admin
    smtp.start()
    assert mail_send(mail_id=mail.pk) is False
    assert smtp.received == []


def test_a_refused_recipient_fails_at_once(smtp):
    smtp.refuse.add("gone@example.com")
    smtp.start()
    mail = _enqueue(to="gone@example.com")

    assert mail_send(mail_id=mail.pk) is False

    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (MailStatus.FAILED, 1)
    assert "550" in mail.last_error
    assert smtp.received == []


def test_the_sweep_takes_back_the_claim_of_a_dead_sender(mailoutbox, settings):
    mail = _enqueue()
    claimed = timezone.now() - timedelta(minutes=settings.MAIL_SENDING_LEASE_MINUTES + 1)
    OutboxMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.SENDING, claim_token="dead", claimed_at=claimed, attempts=1
    )
    recent = _enqueue(to="other@example.com")
    OutboxMail.objects.filter(pk=recent.pk).update(
        status=MailStatus.SENDING, claim_token="alive", claimed_at=timezone.now()
    )

    assert mail_sweep() == 1

    assert [m.to for m in mailoutbox] == [["lena@example.com"]]
    assert OutboxMail.objects.get(pk=recent.pk).status == MailStatus.SENDING  # still someone's


def test_a_mail_written_in_a_rolled_back_transaction_never_exists(
    mailoutbox, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        _enqueue()
        raise RuntimeError

    assert not OutboxMail.objects.exists()
    assert mailoutbox == []


def test_retention_keeps_recent_and_pending_mails(settings):
    now = timezone.now()
    old_sent, old_failed, old_pending, new_sent = _enqueue(), _enqueue(), _enqueue(), _enqueue()
    OutboxMail.objects.filter(pk=old_sent.pk).update(
        status=MailStatus.SENT, created_at=now - timedelta(days=31)
    )
    OutboxMail.objects.filter(pk=old_failed.pk).update(
        status=MailStatus.FAILED, created_at=now - timedelta(days=91)
    )
    OutboxMail.objects.filter(pk=old_pending.pk).update(created_at=now - timedelta(days=100))
    OutboxMail.objects.filter(pk=new_sent.pk).update(status=MailStatus.SENT)

    assert privacy.purge_expired(now) == 2

    assert set(OutboxMail.objects.values_list("pk", flat=True)) == {old_pending.pk, new_sent.pk}


# --- admin API ------------------------------------------------------------------------------------


def _failed(to="lena@example.com"):
    mail = _enqueue(to=to)
    OutboxMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.FAILED, attempts=12, last_error="SMTPServerDisconnected: gone"
    )
    return mail


def test_admins_list_the_outbox_by_status_without_bodies(client_for, admin_user):
    failed = _failed()
    _enqueue(to="pending@example.com")

    listed = client_for(admin_user).get("/api/v1/mail-outbox/?status=failed").json()

    assert [(m["id"], m["to"], m["status"], m["attempts"]) for m in listed["results"]] == [
        (failed.pk, "lena@example.com", "failed", 12)
    ]
    assert listed["results"][0]["last_error"] == "SMTPServerDisconnected: gone"
    assert listed["results"][0]["template"] == "password_reset"
    assert not {"body_text", "body_html", "message_id"} & set(listed["results"][0])
    assert client_for(admin_user).get("/api/v1/mail-outbox/?status=bogus").status_code == 400


def test_an_admin_resends_a_failed_mail(client_for, admin_user, django_capture_on_commit_callbacks):
    failed = _failed()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(admin_user).post(f"/api/v1/mail-outbox/{failed.pk}/resend/")

    assert response.status_code == 200
    assert response.json()["status"] == "pending"  # as answered; sent right after the commit
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (MailStatus.SENT, 1)
    assert [m.to for m in django_mail.outbox] == [["lena@example.com"]]
    assert AuditEvent.objects.get(action="mail.resend").target_id == str(failed.pk)

    again = client_for(admin_user).post(f"/api/v1/mail-outbox/{failed.pk}/resend/")
    assert again.status_code == 409
    assert again.json()["code"] == "mail_already_sent"
    assert len(django_mail.outbox) == 1


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER, None])
def test_only_admins_see_and_resend(client_for, role, django_capture_on_commit_callbacks):
    failed = _failed()
    client = client_for(None if role is None else UserFactory(role=role))

    with django_capture_on_commit_callbacks(execute=True):
        listed = client.get("/api/v1/mail-outbox/")
        resent = client.post(f"/api/v1/mail-outbox/{failed.pk}/resend/")

    assert (listed.status_code, resent.status_code) == (403, 403)
    assert OutboxMail.objects.get(pk=failed.pk).status == MailStatus.FAILED
    assert django_mail.outbox == []
    assert not AuditEvent.objects.exists()


def test_resending_an_unknown_mail_is_a_404(client_for, admin_user):
    response = client_for(admin_user).post("/api/v1/mail-outbox/999999/resend/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
