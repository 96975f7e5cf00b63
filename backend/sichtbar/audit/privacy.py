"""The audit log and privacy: export a person's own actions; pseudonymise them on erasure; retention."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import AuditEvent


def _about(user: User) -> Q:
    return Q(target_type="accounts.user", target_id=str(user.pk)) | Q(changes__user_id=user.pk)


NAME_KEYS = {"email", "first_name", "last_name", "name"}

PERSONAL_DATA = [
    PersonalData(
        "audit.AuditEvent",
        person=("actor",),
        texts=("actor_label", "target_label", "changes"),
        matches=_about,
        placeholder="erased user #{id}",
        erasure="pseudonymised: every copy of the name, e-mail or slug becomes “erased user #id”",
        kept="the actions (accountability of admins and managers, Art. 5 (2) GDPR) for AUDIT_RETENTION_DAYS",
    )
]


def export_user_data(user: User) -> dict[str, Any]:
    fields = ("created_at", "actor_label", "action", "target_type", "target_label", "changes")
    return {
        "actions": list(
            AuditEvent.objects.filter(actor=user).values(
                "created_at", "action", "target_type", "target_label"
            )
        ),
        # What admins and managers did to the person's account (recorded by others, Art. 15).
        "events_about_me": list(
            AuditEvent.objects.filter(_about(user)).order_by("created_at").values(*fields)
        ),
    }


def erase_user_data(user: User) -> None:
    """Keep the trail (accountability) but without the name: the person becomes "erased user #id".

    Copies of the name or e-mail elsewhere in the texts are rewritten by the registry's text pass; here the
    name fields of changes made to the account go as a whole (a lone first name is no match there)."""
    label = f"erased user #{user.pk}"
    AuditEvent.objects.filter(actor=user).update(actor_label=label)
    for event in AuditEvent.objects.filter(target_type="accounts.user", target_id=str(user.pk)):
        event.target_label = label
        event.changes = {
            key: label if key in NAME_KEYS else value for key, value in (event.changes or {}).items()
        }
        event.save(update_fields=["changes", "target_label"])


def _purge(now: datetime, days: int) -> int:
    deleted, _detail = AuditEvent.objects.filter(created_at__lt=now - timedelta(days=days)).delete()
    return deleted


RETENTION = [RetentionRule("audit_events", "AUDIT_RETENTION_DAYS", _purge, minimum=30)]
