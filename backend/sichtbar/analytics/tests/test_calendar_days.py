"""Calendar days in TIME_ZONE (Europe/Berlin) on every database: facts just before and after local
midnight, and on both DST switches (a 23-hour day in late March, a 25-hour day in late October), land on
the same day in the rollups (the tiles) as in the drill-down (the details list)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db.models import Sum

from sichtbar.analytics import selectors, services
from sichtbar.analytics.models import DailyFact, UserDayFact
from sichtbar.organisation.tests.helpers import works_council

from .factories import AnalyticsClickFactory, AnalyticsShareFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def local(day: date, hour: int, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, fold=fold, tzinfo=BERLIN)


# (local instant, the calendar day it belongs to); the UTC date differs from the local one in most rows
SPRING = date(2026, 3, 29)  # 02:00 CET -> 03:00 CEST: 23 hours
AUTUMN = date(2026, 10, 25)  # 03:00 CEST -> 02:00 CET: 25 hours
EVENTS = [
    (local(SPRING - timedelta(days=1), 23, 30), SPRING - timedelta(days=1)),  # 22:30 UTC
    (local(SPRING, 0, 15), SPRING),  # 23:15 UTC of the day before
    (local(SPRING, 1, 59), SPRING),  # last CET minute
    (local(SPRING, 3, 0), SPRING),  # first CEST minute
    (local(SPRING, 23, 45), SPRING),  # 21:45 UTC
    (local(SPRING + timedelta(days=1), 0, 30), SPRING + timedelta(days=1)),  # 22:30 UTC of the 29th
    (local(AUTUMN, 0, 30), AUTUMN),  # 22:30 UTC of the 24th
    (local(AUTUMN, 2, 30), AUTUMN),  # the first 02:30 (CEST)
    (local(AUTUMN, 2, 30, fold=1), AUTUMN),  # the second 02:30 (CET)
    (local(AUTUMN, 23, 30), AUTUMN),  # 22:30 UTC
    (local(AUTUMN + timedelta(days=1), 0, 5), AUTUMN + timedelta(days=1)),  # 23:05 UTC of the 25th
]


@pytest.fixture
def events(db):
    assert settings.TIME_ZONE == "Europe/Berlin"
    works_council(False)
    shares = []
    for instant, _day in EVENTS:
        share = AnalyticsShareFactory(shared_at=instant)
        AnalyticsClickFactory(link__share=share, occurred_at=instant + timedelta(minutes=1))
        shares.append(share)
    days = sorted(
        {day for _instant, day in EVENTS} | {SPRING - timedelta(days=2), AUTUMN - timedelta(days=1)}
    )
    services.rollup_range(start=days[0], end=days[-1])
    return shares


def _expected(day: date) -> int:
    return sum(1 for _instant, event_day in EVENTS if event_day == day)


@pytest.mark.parametrize(
    "day",
    [
        SPRING - timedelta(days=2),
        SPRING - timedelta(days=1),
        SPRING,
        SPRING + timedelta(days=1),
        AUTUMN - timedelta(days=1),
        AUTUMN,
        AUTUMN + timedelta(days=1),
    ],
)
def test_a_day_in_the_rollup_is_the_day_of_its_details_list(events, manager, day):
    """The rollup (tiles, trends) and the drill-down count the same facts for the day: its local
    calendar day, whatever the UTC date and however long the day is."""
    rolled = DailyFact.objects.filter(day=day).aggregate(shares=Sum("shares"), clicks=Sum("clicks"))
    details = selectors.drilldown(filters=selectors.AnalyticsFilters(start=day, end=day), viewer=manager)

    assert (rolled["shares"] or 0, rolled["clicks"] or 0) == (_expected(day), _expected(day))
    assert details["total"] == _expected(day)
    assert sum(item["clicks"] for item in details["items"]) == _expected(day)
    people = UserDayFact.objects.filter(day=day).aggregate(shares=Sum("shares"))
    assert (people["shares"] or 0) == _expected(day)


def test_the_dst_days_have_23_and_25_hours(events):
    from sichtbar.analytics.rollup import day_bounds

    spring, autumn = day_bounds(SPRING), day_bounds(AUTUMN)

    # same-zone subtraction compares wall clocks: compare instants
    assert spring[1].timestamp() - spring[0].timestamp() == 23 * 3600
    assert autumn[1].timestamp() - autumn[0].timestamp() == 25 * 3600


def test_the_trend_of_the_period_matches_the_details_day_by_day(events, client_for, manager):
    start, end = SPRING - timedelta(days=2), SPRING + timedelta(days=1)

    points = client_for(manager).get(f"/api/v1/analytics/trends/?start={start}&end={end}").json()["points"]

    assert [(p["date"], p["shares"], p["clicks"]) for p in points] == [
        ("2026-03-27", 0, 0),
        ("2026-03-28", 1, 1),
        ("2026-03-29", 4, 4),
        ("2026-03-30", 1, 1),
    ]


def test_the_month_bitmaps_cut_days_in_local_time_too(events, client_for, manager):
    """Active advocates (month bitmaps over shares) of the DST day alone: its four sharers, not the
    one whose share was at 00:15 local (23:15 UTC the day before) missing, nor the next day's added."""
    overview = client_for(manager).get(f"/api/v1/analytics/overview/?start={SPRING}&end={SPRING}").json()

    values = {k["key"]: k["value"] for k in overview["kpis"]}
    assert values["active_advocates"] == 4
    assert values["shares"] == 4
