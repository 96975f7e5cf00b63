"""The outbox and privacy: mails to a person are part of their export and erased with them; sent mails
are deleted after MAIL_SENT_RETENTION_DAYS, failed ones after MAIL_FAILED_RETENTION_DAYS."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import MailStatus, OutboxMail


def _to(user: User) -> Q:
    return Q(to__iexact=user.email)


PERSONAL_DATA = [
    PersonalData(
        "mail.OutboxMail",
        matches=_to,
        texts=("to", "subject", "body_text", "body_html"),
        secret=("body_text", "body_html", "message_id"),
        erasure="mails to the person deleted; copies of their name or address in others' mails rewritten",
    )
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "mails": list(
            OutboxMail.objects.filter(_to(user))
            .order_by("created_at")
            .values("created_at", "subject", "template", "status", "sent_at")
        )
    }


def erase_user_data(user: User) -> None:
    OutboxMail.objects.filter(_to(user)).delete()


def _purge(status: str) -> Any:
    def purge(now: datetime, days: int) -> int:
        deleted, _detail = OutboxMail.objects.filter(
            status=status, created_at__lt=now - timedelta(days=days)
        ).delete()
        return deleted

    return purge


RETENTION = [
    RetentionRule(
        "mail_sent",
        "MAIL_SENT_RETENTION_DAYS",
        _purge(MailStatus.SENT),
        minimum=1,
        description="sent e-mails (with their bodies) in the outbox",
    ),
    RetentionRule(
        "mail_failed",
        "MAIL_FAILED_RETENTION_DAYS",
        _purge(MailStatus.FAILED),
        minimum=7,
        description="e-mails that could not be delivered",
    ),
]
