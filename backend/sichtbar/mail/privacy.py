"""The outbox and privacy: mails to a person are part of their export and erased with them; sent mails
are deleted after MAIL_SENT_RETENTION_DAYS, failed ones after MAIL_FAILED_RETENTION_DAYS."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from sichtbar.accounts.models import User

from .models import MailStatus, OutboxMail


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


def purge_expired(now: datetime) -> int:
    sent, _detail = OutboxMail.objects.filter(
        status=MailStatus.SENT, created_at__lt=now - timedelta(days=settings.MAIL_SENT_RETENTION_DAYS)
    ).delete()
    failed, _detail = OutboxMail.objects.filter(
        status=MailStatus.FAILED, created_at__lt=now - timedelta(days=settings.MAIL_FAILED_RETENTION_DAYS)
    ).delete()
    return sent + failed
