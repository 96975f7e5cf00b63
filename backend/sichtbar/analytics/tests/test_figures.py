"""Figures that must add up: people figures under a network filter, stock figures at the period's end
without a rebuild (a leaver, a re-published profile)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from sichtbar.analytics import selectors, services
from sichtbar.directory.tests.factories import ContactRequestFactory
from sichtbar.profiles.services import profile_publish
from sichtbar.profiles.tests.factories import ProfileFactory

from .conftest import at
from .factories import TargetFactory

pytestmark = pytest.mark.django_db


def _values(client, query=""):
    body = client.get(f"/api/v1/analytics/overview/{query}").json()
    return {k["key"]: k["value"] for k in body["kpis"]}


@pytest.fixture
def rolled(company, today):
    services.headcount_snapshot(day=company.day)
    expert = ProfileFactory(user=company.sellers[0], published_at=at(company.day - timedelta(days=10)))
    request = ContactRequestFactory(profile=expert)
    type(request).objects.filter(pk=request.pk).update(
        created_at=at(company.day, 9), answered_at=at(company.day, 11), response_seconds=7200
    )
    services.rollup_range(start=company.day - timedelta(days=40), end=today)
    return company


def test_department_and_network_narrow_people_figures_or_leave_them_null(client_for, rolled):
    client = client_for(rolled.manager)

    whole = _values(client, f"?department={rolled.sales.pk}")
    narrowed = _values(client, f"?department={rolled.sales.pk}&network=xing")
    company_xing = _values(client, "?network=xing")

    assert (whole["active_advocates"], whole["contact_requests"], whole["median_response_hours"]) == (
        2,
        1,
        2.0,
    )
    assert whole["enrolled"] == 6 and whole["onboarded"] == 1
    # one seller shared on XING: narrowed, not the department's 2
    assert narrowed["active_advocates"] == 1
    assert narrowed["adoption_rate"] == round(1 / 6, 4)
    assert company_xing["active_advocates"] == 1
    for key in (
        "invited",
        "enrolled",
        "onboarded",
        "profile_views",
        "search_appearances",
        "contact_requests",
        "median_response_hours",
    ):
        assert narrowed[key] is None, key  # never the department's figure, never 0
        assert company_xing[key] is None, key
    assert (narrowed["shares"], narrowed["clicks"]) == (1, 1)


def test_a_leaver_leaves_enrolled_and_onboarded_without_a_rebuild(client_for, rolled):
    client = client_for(rolled.manager)
    before = _values(client, f"?department={rolled.sales.pk}")

    seller = rolled.sellers[0]
    seller.is_active = False
    seller.save(update_fields=["is_active"])

    after = _values(client, f"?department={rolled.sales.pk}")
    assert (before["enrolled"], before["onboarded"]) == (6, 1)
    assert (after["enrolled"], after["onboarded"]) == (5, 0)
    assert after["shares"] == before["shares"] == 2  # their shares stay facts of the period


def test_a_re_published_profile_counts_once(client_for, rolled, today):
    profile = rolled.sellers[0].profile
    type(profile).objects.filter(pk=profile.pk).update(published_at=at(rolled.day - timedelta(days=5)))
    services.rollup_range(start=rolled.day - timedelta(days=5), end=today)

    profile.refresh_from_db()
    profile_publish(profile=profile, published=False)
    profile_publish(profile=profile, published=True)
    services.rollup_recent()

    values = _values(client_for(rolled.manager), f"?department={rolled.sales.pk}")
    assert values["onboarded"] == 1
    earlier = _values(
        client_for(rolled.manager),
        f"?department={rolled.sales.pk}&start={rolled.day - timedelta(days=9)}&end={rolled.day}",
    )
    assert earlier["onboarded"] == 0  # published again today: not onboarded back then


# --- forecasts by the kind of figure ------------------------------------------------------------


def _progress(target, viewer, today):
    return selectors.target_progress(target=target, viewer=viewer, today=today)


def test_flows_extrapolate_and_distinct_counts_stay_within_their_population(rolled, today):
    start = rolled.day  # 4 days measured of 100
    shares = TargetFactory(kpi="shares", period_start=start, period_end=start + timedelta(days=99), value=10)
    active = TargetFactory(
        kpi="active_advocates", period_start=start, period_end=start + timedelta(days=99), value=10
    )

    flow = _progress(shares, rolled.manager, today)
    distinct = _progress(active, rolled.manager, today)

    assert (flow["current"], flow["forecast"]) == (Decimal(3), Decimal(75))  # 3 in 4 of 100 days
    # 3 people in 4 days would be 75 in 100: but only the 9 enrolled can share
    assert (distinct["current"], distinct["forecast"]) == (Decimal(3), Decimal(9))


def test_a_stock_extrapolates_its_growth_and_never_exceeds_the_headcount(rolled, today):
    for seller in rolled.sellers[:3]:
        type(seller).objects.filter(pk=seller.pk).update(date_joined=at(rolled.day, 8))
    target = TargetFactory(
        kpi="enrolled", period_start=rolled.day, period_end=rolled.day + timedelta(days=99), value=50
    )
    # 6 enrolled before the start, 3 joined on its first day: +3 a day → 6 + 3 / 4 × 100; headcount 9
    result = _progress(target, rolled.manager, today)

    assert result["current"] == Decimal(9)
    assert result["forecast"] == Decimal(9)
    assert result["status"] == "at_risk"


def test_lower_is_better_shows_progress_as_the_share_of_the_goal_reached(rolled, today):
    slow = TargetFactory(
        kpi="median_response_hours", period_start=rolled.day, period_end=today + timedelta(days=5), value=1
    )
    fast = TargetFactory(
        kpi="median_response_hours", period_start=rolled.day, period_end=today + timedelta(days=5), value=4
    )

    behind, ahead = _progress(slow, rolled.manager, today), _progress(fast, rolled.manager, today)

    assert (behind["current"], behind["progress"], behind["status"]) == (Decimal("2.00"), 0.5, "at_risk")
    assert (ahead["current"], ahead["progress"], ahead["status"]) == (Decimal("2.00"), 1.0, "on_track")


# --- units and freshness --------------------------------------------------------------------------


def test_clicks_per_share_is_a_number_of_clicks(client_for, rolled):
    kpis = {k["key"]: k for k in client_for(rolled.manager).get("/api/v1/analytics/overview/").json()["kpis"]}

    assert (kpis["clicks_per_share"]["unit"], kpis["clicks_per_share"]["value"]) == ("number", 2.0)
    assert kpis["adoption_rate"]["unit"] == "ratio"


def test_every_figure_says_when_it_was_computed(client_for, rolled, today):
    from django.utils import timezone

    from sichtbar.analytics.models import RollupRun

    client = client_for(rolled.manager)
    RollupRun.objects.all().delete()
    assert client.get("/api/v1/analytics/overview/").json()["computed_at"] is None  # never rolled up

    run_at = timezone.now().replace(microsecond=0) - timedelta(minutes=7)
    services.rollup_recent(now=run_at)

    expected = timezone.localtime(run_at).isoformat()
    for path in [
        "/api/v1/analytics/overview/",
        "/api/v1/analytics/trends/",
        "/api/v1/analytics/breakdown/?by=network",
        "/api/v1/analytics/top-content/",
        "/api/v1/analytics/me/",
    ]:
        assert client.get(path).json()["computed_at"] == expected, path
    TargetFactory()
    assert client.get("/api/v1/analytics/targets/").json()[0]["computed_at"] == expected
    drilled = client.get("/api/v1/analytics/drilldown/").json()["computed_at"]
    assert drilled > expected  # read from the shares themselves: now
