"""What the recommendations app holds about a person: their "not interested" feedback.

Engagement counters are aggregates without people and are not personal data."""

from typing import Any

from sichtbar.accounts.models import User

from .models import Dismissal


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "dismissals": list(
            Dismissal.objects.filter(user=user).values(
                "content__title", "reason", "topic__slug", "created_at"
            )
        )
    }


def erase_user_data(user: User) -> None:
    Dismissal.objects.filter(user=user).delete()
