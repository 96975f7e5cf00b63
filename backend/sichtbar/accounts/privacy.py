"""What the accounts app holds about a person, for export and erasure (see sichtbar/privacy/registry.py)."""

from typing import Any

from .models import ApiToken, Invitation, Role, User


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
    Invitation.objects.filter(email__iexact=user.email).delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.role = Role.EMPLOYEE
    user.set_unusable_password()
    user.save()
