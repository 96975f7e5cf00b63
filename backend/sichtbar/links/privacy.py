"""What the links app holds about a person, for export, erasure and retention (sichtbar/privacy/registry.py).

Clicks hold no data about the clicking visitor beyond a daily-salted hash (blanked after a day), the
referring domain and a device class; about the employee they hold which of their links was clicked."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from . import services
from .models import Click, TrackedLink
from .selectors import link_target_forget

PERSONAL_DATA = [
    PersonalData(
        "links.TrackedLink",
        person=("user", "share__user"),
        erasure="keeps redirecting without naming the person; cached owners forgotten",
        kept="the link and its code (the posts are out there), attributed to nobody",
    ),
    PersonalData(
        "links.Click",
        person=("link__user",),
        ids=("user_id_at_click",),
        secret=("visitor_hash",),
        erasure="no longer attributed (user_id_at_click emptied)",
        kept="the click, counted anonymously in the content's totals",
    ),
    PersonalData(
        "links.Conversion",
        person=("link__user",),
        secret=("created_by_token",),
        erasure="stays with the link, which names nobody",
    ),
]


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
    codes = list(TrackedLink.objects.filter(user=user).values_list("code", flat=True))
    Click.objects.filter(user_id_at_click=user.pk).update(user_id_at_click=None)
    TrackedLink.objects.filter(user=user).update(user=None)
    link_target_forget(codes=codes)  # now, and again once the erasure has committed
    transaction.on_commit(lambda: link_target_forget(codes=codes))


def _purge(now: datetime, days: int) -> int:
    return services.clicks_purge(now=now, days=days)


RETENTION = [RetentionRule("clicks", "LINKS_CLICK_RETENTION_DAYS", _purge, minimum=1)]
