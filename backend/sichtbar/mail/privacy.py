"""The outbox and privacy: mails to a person are part of their export and erased with them; sent mails
are deleted after MAIL_SENT_RETENTION_DAYS, failed ones after MAIL_FAILED_RETENTION_DAYS."""

from datetime import datetime, timedelta
from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import MailStatus, OutboxMail

PERSONAL_DATA = [
    PersonalData(
        "mail.OutboxMail",
        texts=("to", "reply_to", "subject", "body_text", "body_html"),
        secret=("claim_token",),
        erasure="mails to the person deleted; their name in others' mails rewritten; a visitor's erasure "
        "deletes the mails replying to them",
    )
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "mails": list(
            OutboxMail.objects.filter(to__iexact=user.email)
            .order_by("created_at")
            .values("created_at", "subject", "status", "sent_at")
        )
    }


def erase_user_data(user: User) -> None:
    OutboxMail.objects.filter(to__iexact=user.email).delete()


def _purge(status: str) -> Any:
    def purge(now: datetime, days: int) -> int:
        deleted, _detail = OutboxMail.objects.filter(
            status=status, created_at__lt=now - timedelta(days=days)
        ).delete()
        return deleted

    return purge


RETENTION = [
    RetentionRule("mail_sent", "MAIL_SENT_RETENTION_DAYS", _purge(MailStatus.SENT)),
    RetentionRule("mail_failed", "MAIL_FAILED_RETENTION_DAYS", _purge(MailStatus.FAILED)),
]
