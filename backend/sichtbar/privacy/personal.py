"""Personal data outside Sichtbar's apps (Django's admin log and sessions) and the privacy app's own, with
their retention rules: sessions, the admin log and deactivated accounts."""

from datetime import datetime, timedelta
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Q

from .registry import PersonalData, RetentionRule


def session_keys_of(user_id: int) -> list[str]:
    """Sessions are signed blobs: the only way to find a person's is to decode the live ones."""
    keys = []
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            keys.append(session.session_key)
    return keys


def _sessions(user: Any) -> Q:
    return Q(pk__in=session_keys_of(user.pk))


def _admin_log_about(user: Any) -> Q:
    return Q(content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk))


PERSONAL_DATA = [
    PersonalData(
        "admin.LogEntry",
        person=("user",),
        texts=("object_repr", "change_message"),
        matches=_admin_log_about,
        erasure="entries about the person: the object's name and messages rewritten to a placeholder",
        kept="entries the person made as an admin keep their account id (the account row is anonymised)",
    ),
    PersonalData(
        "sessions.Session",
        matches=_sessions,
        secret=("session_key", "session_data"),
        owned=True,
        erasure="deleted",
    ),
    PersonalData("privacy.ConsentRecord", person=("user",), owned=True, erasure="deleted"),
    PersonalData("privacy.LegalHold", person=("user",), owned=True, erasure="deleted"),
    PersonalData(
        "privacy.ErasureRecord",
        ids=("user_id",),
        secret=("email_hash",),
        erasure="created",
        kept="the ledger entry: the account id and a keyed hash, to re-apply erasures after a restore",
    ),
]


def _sessions_purge(now: datetime, days: int) -> int:
    deleted, _detail = Session.objects.filter(expire_date__lt=now - timedelta(days=days)).delete()
    return deleted


def _admin_log_purge(now: datetime, days: int) -> int:
    deleted, _detail = LogEntry.objects.filter(action_time__lt=now - timedelta(days=days)).delete()
    return deleted


def _deactivated_accounts_purge(now: datetime, days: int) -> int:
    from .services import deactivated_accounts_erase

    return deactivated_accounts_erase(now=now, days=days)


RETENTION = [
    RetentionRule("sessions", "SESSION_RETENTION_DAYS", _sessions_purge, description="expired sessions"),
    RetentionRule("admin_log", "ADMIN_LOG_RETENTION_DAYS", _admin_log_purge, description="Django admin log"),
    RetentionRule(
        "deactivated_accounts",
        "DEACTIVATED_ACCOUNT_RETENTION_DAYS",
        _deactivated_accounts_purge,
        minimum=1,
        description="accounts erased this long after deactivation, unless on legal hold",
    ),
]
