"""The mail server goes away: every kind of mail waits in the outbox, the API still answers success, and
when the server is back each mail arrives exactly once (multipart, in its recipient's language, with a
Message-ID on the portal's domain). A real SMTP server (aiosmtpd) on loopback stands in for the relay."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.analytics.tasks import analytics_weekly_report
from sichtbar.content.tests.factories import PublishedContentFactory
from sichtbar.directory.models import ContactRequest
from sichtbar.mail.models import MailStatus, OutboxMail
from sichtbar.mail.services import mail_send, mail_sweep
from sichtbar.mail.tests.smtpd import LoopbackSmtp
from sichtbar.notifications import services as notification_services
from sichtbar.notifications.tasks import digests_send_all
from sichtbar.profiles.tests.factories import ProfileFactory

SITE = "https://portal.example.com:8443"


@pytest.fixture
def smtp(settings):
    server = LoopbackSmtp()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def _client(user=None, language="de"):
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
@override_settings(SITE_URL=SITE)
def test_mails_wait_out_an_smtp_outage_and_arrive_exactly_once(smtp):
    admin = UserFactory(role=Role.ADMIN, is_staff=True, language="de", email="admin@example.com")
    UserFactory(role=Role.MANAGER, language="en", email="manager@example.com")
    expert = ProfileFactory(
        available_for_press=True, user=UserFactory(language="en", email="expert@example.com")
    )
    reader = UserFactory(language="de", first_name="Lena", email="reader@example.com")
    notification_services.notification_preference_set(user=reader, digest="daily")
    PublishedContentFactory(title="Wichtig für alle", important=True)

    # --- the SMTP server is down: trigger every kind of mail ----------------------------------
    invited = _client(admin).post(
        "/api/v1/users/invitations/", {"email": "neu@example.com", "language": "en"}, format="json"
    )
    reset = _client().post("/api/v1/auth/password-reset/", {"email": "reader@example.com"}, format="json")
    contact = _client(language="de").post(
        f"/api/v1/public/experts/{expert.slug}/contact/",
        {
            "name": "Jana Berger",
            "email": "jana@zeitung.example",
            "topic": "press",
            "message": "Hätten Sie Zeit für ein Interview?",
            "consent": True,
        },
        format="json",
    )
    request_id = ContactRequest.objects.get().pk
    answered = _client(expert.user).post(
        f"/api/v1/contact-requests/{request_id}/answer/", {"reply": "Gern, am Donnerstag."}, format="json"
    )
    digests = digests_send_all.apply(kwargs={"frequency": "daily"}).get()
    reports = analytics_weekly_report.apply().get()

    assert (invited.status_code, reset.status_code, contact.status_code, answered.status_code) == (
        201,
        202,
        201,
        200,
    )
    assert (digests, reports) == (1, 2)
    expected = {
        ("neu@example.com", "invitation", "en"),
        ("reader@example.com", "password_reset", "de"),
        ("expert@example.com", "contact_request_expert", "en"),
        ("jana@zeitung.example", "contact_request_acknowledgement", "de"),
        ("jana@zeitung.example", "contact_request_reply", "de"),
        ("reader@example.com", "digest", "de"),
        ("admin@example.com", "weekly_report", "de"),
        ("manager@example.com", "weekly_report", "en"),
    }
    assert set(OutboxMail.objects.values_list("to", "template", "language")) == expected
    assert OutboxMail.objects.count() == len(expected)
    # each was tried once right after its transaction committed, and is kept for a retry
    for mail in OutboxMail.objects.all():
        assert (mail.status, mail.attempts, mail.sent_at) == (MailStatus.PENDING, 1, None), mail
        assert mail.last_error.startswith("ConnectionRefusedError"), mail.last_error
        assert mail.next_attempt_at > timezone.now()
    assert smtp.received == []

    # --- before the backoff is over, the sweep leaves them alone ------------------------------
    assert mail_sweep() == 0

    # --- the server is back: the sweep (at the backoff time) sends each mail once ------------
    smtp.start()
    assert mail_sweep(now=timezone.now() + timedelta(minutes=2)) == len(expected)

    assert len(smtp.received) == len(expected)
    by_message_id = {r.message["Message-ID"]: r for r in smtp.received}
    assert len(by_message_id) == len(expected)  # no message twice
    for mail in OutboxMail.objects.all():
        assert mail.status == MailStatus.SENT and mail.sent_at is not None and mail.attempts == 2
        received = by_message_id[mail.message_id]
        message = received.message
        assert received.rcpt_tos == [mail.to]
        assert re.fullmatch(r"<[^@<>]+@portal\.example\.com>", message["Message-ID"])
        assert message["Content-Language"] == mail.language
        assert message.get_content_type() == "multipart/alternative"
        parts = [part.get_content_type() for part in message.iter_parts()]
        assert parts == ["text/plain", "text/html"]
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert f'lang="{mail.language}"' in html
        # compare without the folding whitespace a long encoded subject line may carry (RFC 5322 3.2.2)
        assert " ".join(str(message["Subject"]).split()) == mail.subject
        assert text.replace("\r\n", "\n") == mail.body_text

    def body(to, template):
        mail = OutboxMail.objects.get(to=to, template=template)
        return mail.subject, mail.body_text

    # the right language for each recipient
    subject, text = body("neu@example.com", "invitation")
    assert subject == "You are invited to Sichtbar"  # the invitee's language, not the inviter's (de)
    assert f"{SITE}/invite/" in text
    subject, text = body("reader@example.com", "password_reset")
    assert subject == "Setzen Sie Ihr Sichtbar-Passwort zurück"
    assert f"{SITE}/reset-password/" in text
    subject, text = body("expert@example.com", "contact_request_expert")
    assert subject == "New contact request: Press enquiry from Jana Berger"
    assert "Hätten Sie Zeit für ein Interview?" in text
    subject, text = body("jana@zeitung.example", "contact_request_acknowledgement")
    assert subject.startswith("Wir haben Ihre Nachricht an")
    assert "Jana" not in text and "Interview" not in text  # nothing the visitor typed
    subject, text = body("jana@zeitung.example", "contact_request_reply")
    assert subject.startswith("Re: Ihre Nachricht an") and "Gern, am Donnerstag." in text
    subject, text = body("reader@example.com", "digest")
    assert subject == "Sichtbar: 1 neue Beiträge zum Teilen" and "Wichtig für alle" in text
    assert body("admin@example.com", "weekly_report")[0] == "Ihr wöchentlicher Sichtbar-Bericht"
    assert body("manager@example.com", "weekly_report")[0] == "Your weekly Sichtbar report"

    # --- sweeping and sending again sends nothing twice ----------------------------------------
    assert mail_sweep(now=timezone.now() + timedelta(days=1)) == 0
    assert [mail_send(mail_id=pk) for pk in OutboxMail.objects.values_list("pk", flat=True)] == [False] * len(
        expected
    )
    assert len(smtp.received) == len(expected)
