"""Every KPI of the overview recomputed from the raw tables (shares, clicks, conversions, accounts,
profiles, headcount history, directory counters, contact requests, imported posts), independently of
the rollups: plain ORM over the facts, written from docs/metrics.md, not from rollup.py or selectors.py.
Used by bench/analytics_crosscheck.py and test_crosscheck.py (works-council mode off)."""

import random
import statistics
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from sichtbar.accounts.models import Invitation, InvitationStatus, User, hash_secret
from sichtbar.analytics import selectors, services
from sichtbar.analytics.models import AnalyticsSettings, HeadcountDay, Kpi, NetworkRate
from sichtbar.content.models import ContentItem
from sichtbar.directory.models import ContactRequest, ProfileView, SearchAppearance
from sichtbar.integrations.models import ImportedPost
from sichtbar.links.models import Click, Conversion, TrackedLink
from sichtbar.organisation.tests.helpers import works_council
from sichtbar.profiles.models import Profile
from sichtbar.sharing.models import Share

COUNTED = ["posted", "opened"]  # docs/metrics.md: posted or opened shares count
NARROWED_NULL = {
    Kpi.INVITED,
    Kpi.ENROLLED,
    Kpi.ONBOARDED,
    Kpi.PROFILE_VIEWS,
    Kpi.SEARCH_APPEARANCES,
    Kpi.CONTACT_REQUESTS,
    Kpi.MEDIAN_RESPONSE_HOURS,
}


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _instant(day: date) -> datetime:
    """Local midnight at the start of `day`, written out here rather than taken from rollup.py."""
    return datetime.combine(day, time.min, tzinfo=_zone())


def _in_days(field: str, start: date, end: date) -> Q:
    return Q(**{f"{field}__gte": _instant(start), f"{field}__lt": _instant(end + timedelta(days=1))})


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _ratio(numerator: float, denominator: float) -> float | None:
    return _round(numerator / denominator) if denominator else None


def _department_of(users: Iterable[int | None]) -> dict[int | None, int | None]:
    ids = {u for u in users if u is not None}
    found: dict[int | None, int | None] = dict(
        User.objects.filter(id__in=ids).values_list("id", "department_id")
    )
    return found


def recompute(*, start: date, end: date, department: int | None = None, network: str | None = None) -> dict:
    """The overview's KPI values for the period and filters, from the raw facts."""
    period = _in_days
    dept = {} if department is None else {"user__department_id": department}
    net = {} if network is None else {"network": network}

    shares = list(
        Share.objects.filter(period("shared_at", start, end), status__in=COUNTED, **dept, **net).values(
            "user_id", "content_id", "content__kind", "network", "followers_at_share"
        )
    )
    clicks = list(
        Click.objects.filter(period("occurred_at", start, end), **net).values(
            "user_id_at_click", "content_id_at_click", "network"
        )
    )
    job_items = set(ContentItem.objects.filter(kind="job").values_list("id", flat=True))
    departments = _department_of(c["user_id_at_click"] for c in clicks)
    if department is not None:
        clicks = [c for c in clicks if departments.get(c["user_id_at_click"]) == department]
    conversions = list(
        Conversion.objects.filter(
            period("occurred_at", start, end),
            **{f"link__{k}": v for k, v in dept.items()},
            **{f"link__{k}": v for k, v in net.items()},
        ).values("kind")
    )
    posts = ImportedPost.objects.filter(period("published_at", start, end), author__isnull=False)
    if department is not None:
        posts = posts.filter(author__department_id=department)
    if network is not None:
        posts = posts.filter(connection__provider=network)
    reported = posts.filter(impressions__isnull=False).aggregate(
        impressions=Sum("impressions"), likes=Sum("likes"), reposts=Sum("reposts"), replies=Sum("replies")
    )
    engagements = sum(int(reported[k] or 0) for k in ("likes", "reposts", "replies"))

    # estimates, per network: reach × view rate, clicks × CPC + impressions × CPM / 1000
    currency = (AnalyticsSettings.objects.order_by("id").first() or AnalyticsSettings()).currency
    rates = {r.network: r for r in NetworkRate.objects.filter(currency=currency)}
    reach_by: dict[str, int] = {}
    clicks_by: dict[str, int] = {}
    for share in shares:
        reach_by[share["network"]] = reach_by.get(share["network"], 0) + (share["followers_at_share"] or 0)
    for click in clicks:
        clicks_by[click["network"]] = clicks_by.get(click["network"], 0) + 1
    impressions, media_value = Decimal(0), Decimal(0)
    for name in set(reach_by) | set(clicks_by):
        rate = rates.get(name)
        if not name or rate is None:
            continue
        seen = (Decimal(reach_by.get(name, 0)) * rate.view_rate).quantize(Decimal(1))
        impressions += seen
        media_value += Decimal(clicks_by.get(name, 0)) * rate.cpc + seen * rate.cpm / 1000

    # people
    people = User.objects.filter(**({} if department is None else {"department_id": department}))
    end_instant = _instant(end + timedelta(days=1))
    enrolled = people.filter(is_active=True, date_joined__lt=end_instant).count()
    onboarded = Profile.objects.filter(
        user__in=people.filter(is_active=True), is_published=True, published_at__lt=end_instant
    ).count()
    invited = Invitation.objects.filter(
        period("created_at", start, end), **({} if department is None else {"department_id": department})
    ).count()
    active = len({s["user_id"] for s in shares})
    headcount = _headcount(start=start, end=end, department=department)
    profile_of = {} if department is None else {"profile__user__department_id": department}
    views = ProfileView.objects.filter(day__gte=start, day__lte=end, **profile_of).aggregate(n=Sum("count"))
    appearances = SearchAppearance.objects.filter(day__gte=start, day__lte=end, **profile_of).aggregate(
        n=Sum("count")
    )
    requests = ContactRequest.objects.filter(period("created_at", start, end), **profile_of).count()
    answered = list(
        ContactRequest.objects.filter(
            period("answered_at", start, end), response_seconds__isnull=False, **profile_of
        ).values_list("response_seconds", flat=True)
    )

    # content utilisation: items shared ÷ items available in the period
    live = ContentItem.objects.filter(status__in=["published", "archived"], published_at__lt=end_instant)
    live = live.filter(Q(expires_at__isnull=True) | Q(expires_at__gte=_instant(start)))
    existing = set(ContentItem.objects.values_list("id", flat=True))
    shared_items = {s["content_id"] for s in shares if s["content_id"] in existing}

    n_shares, n_clicks = len(shares), len(clicks)
    values: dict[str, Any] = {
        Kpi.INVITED: invited,
        Kpi.ENROLLED: enrolled,
        Kpi.ONBOARDED: onboarded,
        Kpi.ACTIVE_ADVOCATES: active,
        Kpi.ADOPTION_RATE: _ratio(active, headcount) if headcount is not None else None,
        Kpi.SHARES: n_shares,
        Kpi.CLICKS: n_clicks,
        Kpi.CLICKS_PER_SHARE: _ratio(n_clicks, n_shares),
        Kpi.POTENTIAL_REACH: sum(s["followers_at_share"] or 0 for s in shares),
        Kpi.ESTIMATED_IMPRESSIONS: int(impressions),
        Kpi.ENGAGEMENT_RATE: _ratio(engagements, int(reported["impressions"] or 0)),
        Kpi.MEDIA_VALUE: media_value.quantize(Decimal("0.01")),
        Kpi.CONTENT_UTILISATION: _ratio(len(shared_items), live.count()),
        Kpi.PROFILE_VIEWS: int(views["n"] or 0),
        Kpi.SEARCH_APPEARANCES: int(appearances["n"] or 0),
        Kpi.CONTACT_REQUESTS: requests,
        Kpi.MEDIAN_RESPONSE_HOURS: _round(statistics.median(answered) / 3600, 2) if answered else None,
        Kpi.CONVERSIONS: len(conversions),
        Kpi.APPLICATIONS: sum(1 for c in conversions if c["kind"] == "application"),
        Kpi.JOB_SHARES: sum(1 for s in shares if s["content__kind"] == "job"),
        Kpi.JOB_CLICKS: sum(1 for c in clicks if c["content_id_at_click"] in job_items),
    }
    if network is not None:
        # the network narrows activity; people figures without a network are not defined (null)
        values.update(dict.fromkeys(NARROWED_NULL))
    return {str(key): value for key, value in values.items()}


def _headcount(*, start: date, end: date, department: int | None) -> float | None:
    """Average daily headcount of the period; without a snapshot in it the nearest before, else after."""
    rows: QuerySet[Any] = HeadcountDay.objects.all()
    if department is not None:
        rows = rows.filter(department_id=department)
    inside = rows.filter(day__gte=start, day__lte=end).aggregate(total=Sum("headcount"), days=Count("day"))
    days = rows.filter(day__gte=start, day__lte=end).values("day").distinct().count()
    if days:
        return float(inside["total"] or 0) / days
    before = rows.filter(day__lt=start).order_by("-day").values_list("day", flat=True).first()
    nearest = before or rows.filter(day__gt=end).order_by("day").values_list("day", flat=True).first()
    if nearest is None:
        return None
    return float(rows.filter(day=nearest).aggregate(n=Sum("headcount"))["n"] or 0)


# --- comparison -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    period: str
    scope: str
    kpi: str
    field: str
    expected: Any
    actual: Any

    @property
    def matches(self) -> bool:
        if self.expected is None or self.actual is None:
            return self.expected is None and self.actual is None
        return abs(float(self.expected) - float(self.actual)) < 1e-9


def periods(today: date) -> dict[str, tuple[date, date]]:
    """30 and 90 days up to today, and 30 days across the boundary of the month before last."""
    boundary = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return {
        "last 30 days": (today - timedelta(days=29), today),
        "last 90 days": (today - timedelta(days=89), today),
        f"30 days across {boundary:%Y-%m-01}": (boundary - timedelta(days=15), boundary + timedelta(days=14)),
    }


def scopes(department: int, network: str) -> dict[str, dict[str, Any]]:
    return {
        "company": {},
        "department": {"department": department},
        "network": {"network": network},
        "department + network": {"department": department, "network": network},
    }


def crosscheck(*, viewer: User, today: date, department: int, network: str) -> list[Cell]:
    """Every KPI of the overview (value, previous period, company beside a department) against the
    recomputation, for each period and filter set."""
    cells = []
    for period_name, (start, end) in periods(today).items():
        for scope_name, scope in scopes(department, network).items():
            filters = selectors.AnalyticsFilters(start=start, end=end, **scope)
            shown = selectors.overview(filters=filters, viewer=viewer)
            expected = {
                "value": recompute(start=start, end=end, **scope),
                "previous": recompute(start=filters.previous().start, end=filters.previous().end, **scope),
            }
            if "department" in scope:
                company = {k: v for k, v in scope.items() if k != "department"}
                expected["company"] = recompute(start=start, end=end, **company)
            for kpi in shown["kpis"]:
                for field_name, values in expected.items():
                    cells.append(
                        Cell(
                            period_name,
                            scope_name,
                            kpi["key"],
                            field_name,
                            values[kpi["key"]],
                            kpi[field_name],
                        )
                    )
    return cells


# --- data -------------------------------------------------------------------------------------


def seed_company(*, today: date) -> dict[str, Any]:
    """The demo company (every app's demo seed, in seed_demo's order) with `enrich` before the
    analytics demo rolls up every day; works-council mode off; then `live_changes`."""
    from sichtbar.core.layers import demo_seeders

    stats: dict[str, Any] = {}
    for app, seed in demo_seeders():
        if app == "analytics":
            stats["enriched"] = enrich(today=today)
        stats[app] = seed()
    works_council(False)
    stats["live_changes"] = live_changes(now=timezone.now())
    return stats


def default_scope() -> tuple[User, int]:
    """The manager who looks, and the department the department filters use (the first with people)."""
    manager = User.objects.filter(role="manager", is_active=True).order_by("id").first()
    department = (
        User.objects.filter(is_active=True)
        .exclude(department=None)
        .values_list("department_id", flat=True)
        .order_by("department_id")
        .first()
    )
    assert manager is not None and department is not None
    return manager, department


def enrich(*, today: date, seed: int = 7) -> dict[str, int]:
    """What the demo company lacks for a full check: directory counters, invitations, and facts a
    few minutes either side of local midnight (where a day cut in UTC would show)."""
    rng = random.Random(seed)
    profiles = list(Profile.objects.order_by("id").values_list("id", flat=True))
    views, appearances = [], []
    for back in range(0, 130):
        day = today - timedelta(days=back)
        for profile in rng.sample(profiles, min(len(profiles), 6)):
            views.append(ProfileView(profile_id=profile, audience="public", day=day, count=rng.randint(1, 9)))
            appearances.append(
                SearchAppearance(profile_id=profile, audience="internal", day=day, count=rng.randint(1, 30))
            )
    ProfileView.objects.bulk_create(views, ignore_conflicts=True)
    SearchAppearance.objects.bulk_create(appearances, ignore_conflicts=True)
    departments = list(
        User.objects.exclude(department=None).values_list("department_id", flat=True).distinct()
    )
    invitations = []
    for n in range(80):
        created = _instant(today - timedelta(days=rng.randint(0, 125))) + timedelta(
            minutes=rng.choice([1, 59, 1439])
        )
        invitations.append(
            Invitation(
                email=f"eingeladen-{n}@sichtbar.example",
                department_id=rng.choice(departments),
                token_hash=hash_secret(f"crosscheck-{n}-{uuid.uuid4()}"),
                status=InvitationStatus.PENDING,
                expires_at=created + timedelta(days=14),
            )
        )
    created_invitations = Invitation.objects.bulk_create(invitations)
    for invitation, item in zip(created_invitations, invitations, strict=True):
        Invitation.objects.filter(pk=invitation.pk).update(created_at=item.expires_at - timedelta(days=14))
    links = list(
        Share.objects.filter(status__in=COUNTED).exclude(link=None).values_list("link__id", flat=True)
    )
    link_rows = {
        row["id"]: row
        for row in TrackedLink.objects.filter(id__in=links).values("id", "user_id", "content_id", "network")
    }
    clicks = []
    for back in range(0, 120):
        midnight = _instant(today - timedelta(days=back))
        for minutes in (-3, 2):
            row = link_rows[rng.choice(links)]
            clicks.append(
                Click(
                    event_id=uuid.uuid4(),
                    link_id=row["id"],
                    occurred_at=midnight + timedelta(minutes=minutes),
                    user_id_at_click=row["user_id"],
                    content_id_at_click=row["content_id"],
                    network=row["network"],
                )
            )
    Click.objects.bulk_create([c for c in clicks if c.occurred_at < timezone.now()])
    return {"profile_views": len(views), "invitations": len(invitations), "midnight_clicks": len(clicks)}


def live_changes(*, now: datetime) -> dict[str, Any]:
    """What happens between full rebuilds, followed by the periodic run (no rebuild): a person leaves,
    a profile is unpublished and published again, a request is answered late."""
    leaver = (
        User.objects.filter(
            is_active=True, profile__is_published=True, date_joined__lt=now - timedelta(days=200)
        )
        .order_by("id")
        .first()
    )
    assert leaver is not None
    User.objects.filter(pk=leaver.pk).update(is_active=False)
    republished = (
        Profile.objects.filter(
            is_published=True, user__is_active=True, published_at__lt=now - timedelta(days=20)
        )
        .order_by("id")
        .first()
    )
    assert republished is not None
    Profile.objects.filter(pk=republished.pk).update(published_at=now - timedelta(hours=1))
    services.headcount_snapshot(day=timezone.localdate(now))
    rolled = services.rollup_recent(now=now)
    return {"deactivated": leaver.pk, "republished": republished.pk, "rolled_days": len(rolled)}


def mismatches(cells: list[Cell]) -> list[Cell]:
    return [cell for cell in cells if not cell.matches]
