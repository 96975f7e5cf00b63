"""The audit log and privacy: export a person's own actions; pseudonymise them on erasure; retention."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from sichtbar.accounts.models import User

from .models import AuditEvent


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "actions": list(
            AuditEvent.objects.filter(actor=user).values(
                "created_at", "action", "target_type", "target_label"
            )
        )
    }


def erase_user_data(user: User) -> None:
    """Keep the trail (accountability) but without the name: the person becomes "erased user #id"."""
    label = f"erased user #{user.pk}"
    AuditEvent.objects.filter(actor=user).update(actor_label=label)
    AuditEvent.objects.filter(target_type="accounts.user", target_id=str(user.pk)).update(target_label=label)
    for event in AuditEvent.objects.filter(changes__email__iexact=user.email):
        event.changes = {**event.changes, "email": label}
        event.target_label = label if event.target_label.startswith(user.email) else event.target_label
        event.save(update_fields=["changes", "target_label"])


def purge_expired(now: datetime) -> int:
    deleted, _detail = AuditEvent.objects.filter(
        created_at__lt=now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    ).delete()
    return deleted
