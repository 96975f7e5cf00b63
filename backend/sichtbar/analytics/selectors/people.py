"""People: leaderboard, My impact, and the lists the filters offer."""

from datetime import timedelta
from typing import Any

from django.db.models import (
    Count,
    Sum,
)
from django.utils.translation import gettext as _

from sichtbar.accounts.models import Department, Role, User
from sichtbar.organisation import selectors as organisation_selectors
from sichtbar.organisation.models import FiguresOptIn
from sichtbar.profiles.models import Skill

from ..models import (
    DailyTopicFact,
    DepartmentHeadcount,
    UserDayFact,
)
from .base import AnalyticsFilters, _person_facts, _sum
from .kpis import _ratio, figures_computed_at


def leaderboard(*, filters: AnalyticsFilters, viewer: User, limit: int = 20) -> list[dict[str, Any]]:
    """Only employees who opted in, ranked by clicks, then shares."""
    opted_in = FiguresOptIn.objects.filter(share_figures=True).values("user_id")
    rows = (
        _person_facts(filters)
        .filter(user_id__in=opted_in, user__is_active=True)
        .values("user_id", "user__first_name", "user__last_name", "user__department__name")
        .annotate(
            shares=Sum("shares"), clicks=Sum("clicks"), reach=Sum("reach"), conversions=Sum("conversions")
        )
        .order_by("-clicks", "-shares", "user_id")[:limit]
    )
    return [
        {
            "rank": index,
            "user_id": row["user_id"],
            "name": f"{row['user__first_name']} {row['user__last_name']}".strip(),
            "department": row["user__department__name"] or "",
            "shares": int(row["shares"] or 0),
            "clicks": int(row["clicks"] or 0),
            "reach": int(row["reach"] or 0),
            "conversions": int(row["conversions"] or 0),
        }
        for index, row in enumerate(rows, start=1)
    ]


MY_METRICS = [
    "shares",
    "clicks",
    "reach",
    "conversions",
    "profile_views",
    "search_appearances",
    "contact_requests",
]


def my_impact(*, user: User, filters: AnalyticsFilters) -> dict[str, Any]:
    """A person's own figures over time (always visible to them)."""
    qs = UserDayFact.objects.filter(user=user, day__gte=filters.start, day__lte=filters.end)
    totals = _sum(qs, [*MY_METRICS, "answered_requests", "response_seconds"])
    by_day = {row["day"]: row for row in qs.values("day", *MY_METRICS)}
    points = []
    day = filters.start
    while day <= filters.end:
        row = by_day.get(day, {})
        points.append({"date": day, **{name: int(row.get(name) or 0) for name in MY_METRICS}})
        day += timedelta(days=1)
    preference = FiguresOptIn.objects.filter(user=user).first()
    answered = totals.pop("answered_requests")
    seconds = totals.pop("response_seconds")
    return {
        "start": filters.start,
        "end": filters.end,
        "totals": totals,
        "average_response_hours": round(seconds / answered / 3600, 2) if answered else None,
        "clicks_per_share": _ratio(totals["clicks"], totals["shares"]),
        "points": points,
        "share_figures": bool(preference and preference.share_figures),
        "computed_at": figures_computed_at(),
    }


def person_figures_visible(*, viewer: User, user: User) -> bool:
    """Whether the viewer may see this person's own figures (the person, or opt-in, or no works council)."""
    if viewer.pk == user.pk:
        return True
    if not viewer.has_role(Role.MANAGER):
        return False
    return organisation_selectors.person_figures_visible(viewer=viewer, person_id=user.pk)


def departments() -> list[dict[str, Any]]:
    return [dict(row) for row in Department.objects.order_by("name").values("id", "name")]


def topics_in_use() -> list[dict[str, Any]]:
    ids = DailyTopicFact.objects.values("topic_id").distinct()
    skills = Skill.objects.filter(id__in=ids).order_by("name_de").values("id", "name_de", "name_en")
    return [dict(row) for row in skills]


def headcounts() -> list[dict[str, Any]]:
    """Every department with HR's headcount (if given) and its active accounts."""
    stated: dict[int | None, int] = {
        row.department_id: row.headcount for row in DepartmentHeadcount.objects.all()
    }
    people: dict[int | None, int] = {
        row["department_id"]: row["n"]
        for row in User.objects.filter(is_active=True).values("department_id").annotate(n=Count("id"))
    }
    rows = [
        {
            "department": d["id"],
            "name": d["name"],
            "headcount": stated.get(d["id"]),
            "people": people.get(d["id"], 0),
        }
        for d in departments()
    ]
    rows.append(
        {
            "department": None,
            "name": _("No department"),
            "headcount": stated.get(None),
            "people": people.get(None, 0),
        }
    )
    return rows
