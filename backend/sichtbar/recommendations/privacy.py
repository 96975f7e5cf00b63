"""What the recommendations app holds about a person: their "not interested" feedback and when they last
read their feed (kept RECOMMENDATIONS_FEED_ACTIVE_DAYS, then deleted by the feed refresh task).

Engagement counters are aggregates without people and are not personal data."""

from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData

from .models import Dismissal, FeedReader
from .selectors import feed_cache_forget

PERSONAL_DATA = [
    PersonalData("recommendations.Dismissal", person=("user",), owned=True, erasure="deleted"),
    PersonalData(
        "recommendations.FeedReader", person=("user",), owned=True, erasure="deleted, cached ranking too"
    ),
]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "dismissals": list(
            Dismissal.objects.filter(user=user).values(
                "content__title", "reason", "topic__slug", "created_at"
            )
        ),
        "feed_last_read_at": FeedReader.objects.filter(user=user)
        .values_list("last_read_at", flat=True)
        .first(),
    }


def erase_user_data(user: User) -> None:
    Dismissal.objects.filter(user=user).delete()
    FeedReader.objects.filter(user=user).delete()
    feed_cache_forget(user_id=user.pk)
