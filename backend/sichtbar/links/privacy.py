"""What the links app holds about a person, for export, erasure and retention (sichtbar/privacy/registry.py).

Clicks hold no data about the clicking visitor beyond a daily-salted hash (blanked after a day), the
referring domain and a device class; about the employee they hold which of their links was clicked."""

from datetime import datetime
from typing import Any

from django.db.models import Count

from sichtbar.accounts.models import User

from . import services
from .models import Click, TrackedLink


def export_user_data(user: User) -> dict[str, Any]:
    links = (
        TrackedLink.objects.filter(user=user)
        .annotate(
            click_count=Count("clicks", distinct=True), conversion_count=Count("conversions", distinct=True)
        )
        .order_by("created_at")
        .values(
            "code",
            "network",
            "content__title",
            "destination",
            "created_at",
            "expires_at",
            "click_count",
            "conversion_count",
        )
    )
    return {"tracked_links": list(links)}


def erase_user_data(user: User) -> None:
    """Links keep redirecting (the posts are out there) but no longer name the person, nor do their clicks."""
    Click.objects.filter(user_id_at_click=user.pk).update(user_id_at_click=None)
    TrackedLink.objects.filter(user=user).update(user=None)


def purge_expired(now: datetime) -> int:
    return services.clicks_retention_apply(now=now)
