"""Authorization table rows of the mail app (see sichtbar/core/tests/endpoints.py)."""

from typing import Any

from sichtbar.accounts.models import Role
from sichtbar.core.tests.endpoints import Endpoint
from sichtbar.mail.models import MailStatus, OutboxMail

ENDPOINTS = [
    Endpoint("get", "/api/v1/mail-outbox/", Role.ADMIN),
    Endpoint("post", "/api/v1/mail-outbox/{outbox_mail_id}/resend/", Role.ADMIN),
]


def make_objects() -> dict[str, Any]:
    from django.utils import timezone

    mail = OutboxMail.objects.create(
        to="someone@example.com",
        subject="s",
        body_text="t",
        message_id="<access@sichtbar.test>",
        template="invitation",
        language="de",
        status=MailStatus.FAILED,
        next_attempt_at=timezone.now(),
    )
    return {"outbox_mail_id": mail.pk}
