"""What the sharing app holds about a person: their shares (texts, networks, times, results).

Erasure deletes the shares; their tracked links lose the share (SET_NULL) and are handled by the links
app's own privacy hook."""

from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData

from .models import Share

PERSONAL_DATA = [
    PersonalData(
        "sharing.Share",
        person=("user",),
        texts=("text",),
        owned=True,
        erasure="deleted (their tracked links stop naming the person)",
    )
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "shares": list(
            Share.objects.filter(user=user)
            .order_by("created_at")
            .values(
                "content__title",
                "network",
                "method",
                "status",
                "text",
                "scheduled_for",
                "shared_at",
                "external_url",
                "followers_at_share",
                "acknowledged_warnings",
                "created_at",
            )
        )
    }


def erase_user_data(user: User) -> None:
    Share.objects.filter(user=user).delete()
