"""What the accounts app holds about a person, for export and erasure (see sichtbar/privacy/registry.py)."""

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import ApiToken, Invitation, InvitationStatus, Language, Role, ScimResource, ScimToken, User

PERSONAL_DATA = [
    PersonalData(
        "accounts.User",
        person=("pk",),
        texts=("email", "first_name", "last_name"),
        secret=("password",),
        owned=True,
        erasure="anonymised: e-mail, names, department, location, language, join date and last login cleared",
        kept="the row with its id, inactive, so aggregates and the audit trail keep their shape",
    ),
    PersonalData(
        "accounts.Invitation",
        person=("user", "invited_by"),
        texts=("email", "first_name", "last_name"),
        secret=("token_hash",),
        erasure="invitations of the person deleted; invitations they sent lose the inviter",
    ),
    PersonalData(
        "accounts.ApiToken", person=("user",), secret=("digest", "token_key"), owned=True, erasure="deleted"
    ),
    PersonalData(
        "accounts.ScimToken",
        person=("created_by",),
        texts=("name",),
        secret=("token_hash",),
        erasure="the token stays without its creator; copies of the name in its label rewritten",
    ),
    PersonalData(
        "accounts.ScimResource",
        person=("user",),
        texts=("attributes",),
        owned=True,
        erasure="deleted with the account (the identity provider's copy of the person's attributes)",
    ),
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "department": user.department.name if user.department else None,
            "location": user.location.name if user.location else None,
            "language": user.language,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "api_tokens": list(
            ApiToken.objects.filter(user=user).values("name", "created", "expiry", "last_used_at")
        ),
        "invitation": list(
            Invitation.objects.filter(email__iexact=user.email).values("created_at", "accepted_at")
        ),
    }


def erase_user_data(user: User) -> None:
    """Anonymise the account: it stays as an inactive row so aggregates keep their shape."""
    ApiToken.objects.filter(user=user).delete()
    ScimResource.objects.filter(user=user).delete()
    ScimToken.objects.filter(created_by=user).update(created_by=None)
    Invitation.objects.filter(Q(email__iexact=user.email) | Q(user=user)).delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.role = Role.EMPLOYEE
    user.department = None
    user.location = None
    user.language = Language.DE
    user.last_login = None
    user.deactivated_at = None
    user.date_joined = timezone.now()  # the join date would tell who this was
    user.set_unusable_password()
    user.save()


def _invitations_purge(now: datetime, days: int) -> int:
    """Invitations that can no longer be used (accepted, revoked, expired) keep a name and an e-mail address:
    they go `days` after they ended."""
    cutoff = now - timedelta(days=days)
    ended = (
        Q(status__in=[InvitationStatus.PENDING, InvitationStatus.EXPIRED], expires_at__lt=cutoff)
        | Q(status=InvitationStatus.ACCEPTED, accepted_at__lt=cutoff)
        | Q(status=InvitationStatus.REVOKED, updated_at__lt=cutoff)
    )
    deleted, _detail = Invitation.objects.filter(ended).delete()
    return deleted


def _api_tokens_purge(now: datetime, days: int) -> int:
    deleted, _detail = ApiToken.objects.filter(expiry__lt=now - timedelta(days=days)).delete()
    return deleted


RETENTION = [
    RetentionRule("invitations", "INVITATION_RETENTION_DAYS", _invitations_purge),
    RetentionRule("api_tokens", "API_TOKEN_RETENTION_DAYS", _api_tokens_purge),
]
