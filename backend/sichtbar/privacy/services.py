"""Data export and erasure for one person, consent changes, and retention."""

import io
import json
import zipfile
from typing import Any

from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from sichtbar.accounts.models import User
from sichtbar.audit.services import audit_record

from .models import ConsentRecord
from .registry import privacy_modules


def privacy_export(*, user: User) -> bytes:
    """A ZIP with data.json (everything each app holds about the person) and their files."""
    data: dict[str, Any] = {"exported_at": timezone.now(), "user_id": user.pk}
    files: list[tuple[str, bytes]] = []
    for label, module in privacy_modules():
        if hasattr(module, "export_user_data"):
            data[label] = module.export_user_data(user)
        if hasattr(module, "export_user_files"):
            files += [(f"files/{label}/{name}", content) for name, content in module.export_user_files(user)]
    data["consents"] = list(
        ConsentRecord.objects.filter(user=user).values("purpose", "granted", "text_version", "created_at")
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for name, content in files:
            archive.writestr(name, content)
    return buffer.getvalue()


@transaction.atomic
def privacy_erase(*, user: User, actor: User | None) -> None:
    """Erase a person: every app deletes or anonymises what it holds, then the account is anonymised.

    The account row stays (anonymised and deactivated) so that aggregate statistics and the audit trail
    keep their shape without naming anyone.
    """
    user_id = user.pk
    for _label, module in reversed(privacy_modules()):
        if hasattr(module, "erase_user_data"):
            module.erase_user_data(user)
    ConsentRecord.objects.filter(user=user).delete()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            session.delete()
    audit_record(actor=actor, action="privacy.erase", changes={"user_id": user_id})


def consent_set(*, user: User, purpose: str, granted: bool, text_version: str = "1") -> ConsentRecord:
    return ConsentRecord.objects.create(
        user=user, purpose=purpose, granted=granted, text_version=text_version
    )


def consent_current(*, user: User) -> dict[str, bool]:
    """The latest decision per purpose (absent means never asked: treated as not granted)."""
    current: dict[str, bool] = {}
    for record in ConsentRecord.objects.filter(user=user).order_by("created_at", "id"):
        current[record.purpose] = record.granted
    return current


def retention_purge() -> dict[str, int]:
    """Apply every configured retention limit (each app's `purge_expired(now)` in its privacy module)."""
    now = timezone.now()
    results: dict[str, int] = {}
    for label, module in privacy_modules():
        if hasattr(module, "purge_expired"):
            results[label] = module.purge_expired(now)
    return results
