"""Reads of users, organisation data, invitations and tokens."""

from django.db.models import Count, QuerySet
from django.utils import timezone

from .models import (
    ApiToken,
    Department,
    Invitation,
    InvitationStatus,
    Location,
    Role,
    ScimToken,
    User,
    hash_secret,
)


def user_list() -> QuerySet[User]:
    return User.objects.select_related("department", "location")


def department_list() -> QuerySet[Department]:
    return Department.objects.annotate(member_count=Count("members"))


def location_list() -> QuerySet[Location]:
    return Location.objects.annotate(member_count=Count("members"))


def invitation_list() -> QuerySet[Invitation]:
    return Invitation.objects.select_related("invited_by", "department", "location", "mail")


def invitation_get_pending(*, token: str) -> Invitation | None:
    """The pending, unexpired invitation for a link secret, or None."""
    invitation = (
        Invitation.objects.select_related("department", "location")
        .filter(token_hash=hash_secret(token), status=InvitationStatus.PENDING)
        .first()
    )
    if invitation is None or invitation.expires_at <= timezone.now():
        return None
    return invitation


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def active_admin_count() -> int:
    return User.objects.filter(role=Role.ADMIN, is_active=True).count()


def scim_token_list() -> QuerySet[ScimToken]:
    return ScimToken.objects.select_related("created_by").order_by("-created_at", "-pk")
