"""Reads of the privacy app: who is behind an e-mail address, the retention rules with their periods."""

from typing import Any

from django.conf import settings

from sichtbar.accounts.models import User
from sichtbar.directory.models import ContactRequest

from .models import LegalHold, RetentionSettings
from .registry import retention_rules


def privacy_lookup(*, email: str) -> dict[str, Any]:
    user = User.objects.filter(email__iexact=email.strip()).first()
    person = None
    if user is not None:
        hold = LegalHold.objects.filter(user=user).first()
        person = {
            "id": user.pk,
            "email": user.email,
            "name": user.full_name,
            "is_active": user.is_active,
            "deactivated_at": user.deactivated_at,
            "legal_hold": hold.reason if hold else None,
        }
    return {
        "person": person,
        "contact_requests": ContactRequest.objects.filter(email__iexact=email.strip()).count(),
    }


def retention_rule_list() -> list[dict[str, Any]]:
    chosen = (RetentionSettings.objects.first() or RetentionSettings()).periods
    rules = []
    for rule in retention_rules():
        default = int(getattr(settings, rule.setting))
        rules.append(
            {
                "name": rule.name,
                "days": int(chosen.get(rule.name, default)),
                "default_days": default,
                "minimum": rule.minimum,
                "customised": rule.name in chosen,
            }
        )
    return rules
