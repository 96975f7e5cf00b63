"""What analytics holds about a person, for export and erasure (see sichtbar/privacy/registry.py).

Per-person days (UserDayFact, and ShareMonth / ContributorMonth: the sharing days as bits per month)
are personal (the opt-in is the organisation app's); the other rollups are per department and carry
no person. Erasing a person also removes their days, so they vanish from the leaderboard at once; the
department rollups lose them at the next rebuild of those days (the facts themselves are erased by
their apps)."""

from datetime import datetime, timedelta
from typing import Any

from sichtbar.accounts.models import User
from sichtbar.core.privacy import PersonalData, RetentionRule

from .models import (
    ContributorMonth,
    MembershipPeriod,
    ShareMonth,
    Target,
    UserDayFact,
    WeeklyReportDelivery,
)

PERSONAL_DATA = [
    PersonalData(f"analytics.{model}", person=("user",), owned=True, erasure="deleted")
    for model in (
        "UserDayFact",
        "ShareMonth",
        "ContributorMonth",
        "WeeklyReportDelivery",
        "MembershipPeriod",
    )
] + [PersonalData("analytics.Target", person=("created_by",), erasure="the target stays without its author")]


def export_user_data(user: User) -> dict[str, Any]:
    return {
        "days": list(
            UserDayFact.objects.filter(user=user)
            .order_by("day")
            .values(
                "day",
                "shares",
                "reach",
                "clicks",
                "conversions",
                "profile_views",
                "search_appearances",
                "contact_requests",
                "answered_requests",
                "response_seconds",
            )
        ),
        "share_months": list(ShareMonth.objects.filter(user=user).order_by("month").values("month", "days")),
        "contributor_months": list(
            ContributorMonth.objects.filter(user=user)
            .order_by("month")
            .values("month", "network", "content_kind", "days")
        ),
        "weekly_reports": list(
            WeeklyReportDelivery.objects.filter(user=user).order_by("week_end").values("week_end", "sent_at")
        ),
    }


def erase_user_data(user: User) -> None:
    UserDayFact.objects.filter(user=user).delete()
    ShareMonth.objects.filter(user=user).delete()
    ContributorMonth.objects.filter(user=user).delete()
    WeeklyReportDelivery.objects.filter(user=user).delete()
    MembershipPeriod.objects.filter(user=user).delete()
    Target.objects.filter(created_by=user).update(created_by=None)


def _weekly_reports_purge(now: datetime, days: int) -> int:
    deleted, _detail = WeeklyReportDelivery.objects.filter(sent_at__lt=now - timedelta(days=days)).delete()
    return deleted


RETENTION = [RetentionRule("weekly_reports", "WEEKLY_REPORT_RETENTION_DAYS", _weekly_reports_purge)]
