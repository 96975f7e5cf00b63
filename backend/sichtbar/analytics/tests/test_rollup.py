"""Rollups from the facts: exact totals, idempotent rebuilds, late events, headcount history."""

from datetime import timedelta

import pytest
from django.db.models import Sum

from sichtbar.analytics import services
from sichtbar.analytics.models import DailyFact, DailyTopicFact, DirtyDay, HeadcountDay, UserDayFact
from sichtbar.analytics.tasks import analytics_rollup_range, analytics_rollup_recent
from sichtbar.directory.tests.factories import ContactRequestFactory
from sichtbar.integrations.tests.factories import ImportedPostFactory
from sichtbar.profiles.tests.factories import ProfileFactory, SkillFactory

from .conftest import at
from .factories import AnalyticsClickFactory

pytestmark = pytest.mark.django_db


def _totals(**filters):
    names = ["shares", "job_shares", "reach", "clicks", "job_clicks", "conversions", "applications"]
    row = DailyFact.objects.filter(**filters).aggregate(**{n: Sum(n) for n in names})
    return {n: row[n] or 0 for n in names}


def test_a_day_rolls_up_every_fact_by_department_network_and_content(company):
    services.rollup_range(start=company.day, end=company.day)

    assert _totals(day=company.day) == {
        "shares": 3,
        "job_shares": 1,
        "reach": 1250,
        "clicks": 6,
        "job_clicks": 3,
        "conversions": 1,
        "applications": 1,
    }
    assert _totals(department_id=company.sales.pk)["clicks"] == 4
    assert _totals(department_id=company.legal.pk) == {
        "shares": 1,
        "job_shares": 0,
        "reach": 50,
        "clicks": 2,
        "job_clicks": 0,
        "conversions": 0,
        "applications": 0,
    }
    assert _totals(content_id=company.job.pk, network="linkedin")["clicks"] == 3
    seller = UserDayFact.objects.get(user=company.sellers[0], day=company.day)
    assert (seller.shares, seller.reach, seller.clicks, seller.conversions) == (1, 1000, 3, 1)


def test_rebuilding_a_day_twice_gives_the_same_rows(company):
    services.rollup_range(start=company.day, end=company.day)
    first = sorted(
        DailyFact.objects.values_list("department_id", "network", "content_id", "shares", "clicks")
    )

    services.rollup_range(start=company.day, end=company.day)

    assert (
        sorted(DailyFact.objects.values_list("department_id", "network", "content_id", "shares", "clicks"))
        == first
    )
    assert UserDayFact.objects.filter(day=company.day).count() == 3


def test_topics_count_an_item_for_each_of_its_topics(company):
    cloud, security = SkillFactory(), SkillFactory()
    company.article.topics.add(cloud, security)

    services.rollup_range(start=company.day, end=company.day)

    for topic in (cloud, security):
        row = DailyTopicFact.objects.filter(topic_id=topic.pk).aggregate(s=Sum("shares"), c=Sum("clicks"))
        assert (row["s"], row["c"]) == (2, 3)


def test_profile_views_contact_requests_and_posts_are_facts_too(company, today):
    profile = ProfileFactory(user=company.lawyers[1])
    profile.views.create(audience="public", day=company.day, count=7)
    request = ContactRequestFactory(profile=profile)
    type(request).objects.filter(pk=request.pk).update(created_at=at(company.day))
    ImportedPostFactory(
        connection__user=company.lawyers[1],
        published_at=at(company.day),
        impressions=400,
        likes=10,
        reposts=2,
        replies=0,
    )

    services.rollup_range(start=company.day, end=company.day)

    row = DailyFact.objects.filter(department_id=company.legal.pk).aggregate(
        v=Sum("profile_views"),
        r=Sum("contact_requests"),
        i=Sum("reported_impressions"),
        e=Sum("reported_engagements"),
    )
    assert row == {"v": 7, "r": 1, "i": 400, "e": 12}
    person = UserDayFact.objects.get(user=company.lawyers[1], day=company.day)
    assert (person.profile_views, person.contact_requests) == (7, 1)


def test_a_late_click_is_picked_up_by_the_next_periodic_run(company, today, settings):
    settings.ANALYTICS_REROLL_DAYS = 7
    services.rollup_range(start=company.day, end=today)
    AnalyticsClickFactory(link=company.job_link, occurred_at=at(company.day, 22))  # arrives late

    with_late = analytics_rollup_recent.apply().get()

    assert with_late >= 3
    assert _totals(day=company.day)["clicks"] == 7


def test_a_day_marked_dirty_is_re_rolled_even_when_old(company, today, settings):
    settings.ANALYTICS_REROLL_DAYS = 1
    services.rollup_range(start=company.day, end=today)
    AnalyticsClickFactory(link=company.job_link, occurred_at=at(company.day, 23))
    analytics_rollup_recent.apply()
    assert _totals(day=company.day)["clicks"] == 6  # out of the window, nobody said so

    services.analytics_days_mark_dirty(days=[company.day])
    analytics_rollup_recent.apply()

    assert _totals(day=company.day)["clicks"] == 7
    assert not DirtyDay.objects.exists()


def test_a_share_changed_after_the_last_run_re_rolls_its_day(company, today, settings):
    settings.ANALYTICS_REROLL_DAYS = 1
    old_day = today - timedelta(days=20)
    analytics_rollup_recent.apply()  # sets the watermark
    share = company.job_link.share
    share.shared_at = at(old_day)
    share.save()

    analytics_rollup_recent.apply()

    assert _totals(day=old_day)["shares"] == 1


def test_range_task_rebuilds_every_day_of_the_range(company, today):
    days = analytics_rollup_range.apply(
        kwargs={"start": (today - timedelta(days=5)).isoformat(), "end": today.isoformat()}
    ).get()

    assert days == 6
    assert _totals()["clicks"] == 6


def test_headcount_snapshot_keeps_history_and_prefers_hr_figures(company, manager, today):
    services.headcount_snapshot(day=today - timedelta(days=1))
    services.department_headcount_set(actor=manager, department=company.sales, headcount=40)

    yesterday = {
        r.department_id: r.headcount for r in HeadcountDay.objects.filter(day=today - timedelta(days=1))
    }
    now = {r.department_id: (r.headcount, r.people) for r in HeadcountDay.objects.filter(day=today)}
    assert yesterday[company.sales.pk] == 6
    assert now[company.sales.pk] == (40, 6)
    assert now[company.legal.pk] == (2, 2)


def test_a_too_long_range_is_refused(company, today):
    from sichtbar.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as error:
        services.rollup_range(start=today - timedelta(days=4000), end=today)
    assert error.value.code == "analytics_range_too_long"
    assert not DailyFact.objects.exists()


def test_the_rebuild_command_rolls_up_every_day_with_facts(company, today):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("analytics_rebuild", stdout=out)

    assert "rolled up" in out.getvalue()
    assert _totals()["clicks"] == 6
    assert HeadcountDay.objects.filter(day=today).exists()
