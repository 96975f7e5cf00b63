"""Recording audit events. Services of other apps call audit_record() inside their transaction."""

from typing import Any

from django.db import models
from django_guid import get_guid

from sichtbar.accounts.models import User

from .models import AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, dict):
        return {key: _jsonable(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(inner) for inner in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event. Passwords, tokens and secrets must never be passed in `changes`."""
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=f"{actor.full_name} <{actor.email}>" if actor else "system",
        actor_role=actor.role if actor else "",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        changes=_jsonable(changes or {}),
        request_id=get_guid() or "",
    )
