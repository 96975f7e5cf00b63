"""Per-account login lockout with back-off, shared by every password login (API, Django admin): failures
are counted per account in the cache under a keyed hash of the address; from the threshold on, each further
failure locks the account for twice as long as the one before, up to a ceiling. A success clears the count.
Every attempt is audit-logged (without any client address)."""

import logging
import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest

from sichtbar.audit.services import audit_record
from sichtbar.core.throttling import account_key

from .models import User

logger = logging.getLogger(__name__)


def _now() -> float:
    return time.time()


def _keys(email: str) -> tuple[str, str]:
    key = account_key(email)
    return f"login:failures:{key}", f"login:locked:{key}"


def lock_seconds(*, failures: int) -> int:
    """How long the account is locked after `failures` consecutive failures (0: not locked)."""
    over = failures - settings.LOGIN_LOCKOUT_THRESHOLD
    if over < 0:
        return 0
    return int(
        min(settings.LOGIN_LOCKOUT_BASE_SECONDS * 2 ** min(over, 20), settings.LOGIN_LOCKOUT_MAX_SECONDS)
    )


def login_lock_remaining(*, email: str) -> int:
    """Seconds until the account with this address may try again (0: it may now)."""
    until = cache.get(_keys(email)[1])
    if until is None:
        return 0
    return max(0, int(float(until) - _now() + 0.999))


def login_failure_record(*, email: str) -> int:
    """Count a failed attempt; returns the seconds the account is now locked for (0: not locked). Attempts
    while a lock holds are not counted, so a lock's end is predictable for the account's owner."""
    failures_key, locked_key = _keys(email)
    if login_lock_remaining(email=email):
        return 0
    cache.add(failures_key, 0, settings.LOGIN_LOCKOUT_WINDOW_SECONDS)
    try:
        failures = int(cache.incr(failures_key))
    except ValueError:  # expired between add and incr
        cache.set(failures_key, 1, settings.LOGIN_LOCKOUT_WINDOW_SECONDS)
        failures = 1
    seconds = lock_seconds(failures=failures)
    if seconds:
        cache.set(locked_key, _now() + seconds, seconds)
    return seconds


def login_success_record(*, email: str) -> None:
    cache.delete_many(list(_keys(email)))


_CHANNELS = {
    "/api/v1/auth/login/": "api",
    "/django-admin/login/": "admin",
    "/api/v1/auth/sso/callback/": "sso",
    "/api/v1/auth/invitations/accept/": "invitation",
}


def login_channel(request: HttpRequest | None) -> str | None:
    """Which door a sign-in came through; None for programmatic logins (tests, management commands)."""
    return _CHANNELS.get(getattr(request, "path", "") or "")


@receiver(user_login_failed, dispatch_uid="accounts-login-failed")
def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "")
    channel = login_channel(request)
    # The same work whether or not the account exists: one lookup, one audit row.
    user = User.objects.filter(email__iexact=email.strip()).first() if email else None
    locked_already = bool(email) and login_lock_remaining(email=email) > 0
    seconds = login_failure_record(email=email) if email else 0
    changes: dict[str, Any] = {"channel": channel or "other", "locked": locked_already}
    if seconds:
        changes["lock_seconds"] = seconds
    audit_record(actor=None, action="auth.login_failed", target=user, changes=changes)
    if seconds:
        logger.warning("login locked for %s seconds after repeated failures (%s)", seconds, channel)


@receiver(user_logged_in, dispatch_uid="accounts-logged-in")
def _on_logged_in(sender: Any, request: HttpRequest | None, user: User, **_: Any) -> None:
    login_success_record(email=user.email)
    channel = login_channel(request)
    if channel:
        audit_record(actor=user, action="auth.login", target=user, changes={"channel": channel})
