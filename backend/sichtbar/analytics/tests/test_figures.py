"""Figures that must add up: people figures under a network filter, stock figures at the period's end
without a rebuild (a leaver, a re-published profile)."""

from datetime import timedelta

import pytest

from sichtbar.analytics import services
from sichtbar.directory.tests.factories import ContactRequestFactory
from sichtbar.profiles.services import profile_publish
from sichtbar.profiles.tests.factories import ProfileFactory

from .conftest import at

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
