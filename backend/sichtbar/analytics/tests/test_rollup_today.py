"""The 30-second rollup of today: figures within a minute, re-rolled only when today's facts changed."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.analytics import services
from sichtbar.analytics.models import RollupRun, UserDayFact
from sichtbar.analytics.tasks import analytics_rollup_today
from sichtbar.directory.models import ProfileView
from sichtbar.links.models import TrackedLink
from sichtbar.profiles.models import Audience
from sichtbar.profiles.tests.factories import ProfileFactory
from sichtbar.sharing.models import Share

from .factories import AnalyticsClickFactory, AnalyticsLinkFactory, AnalyticsShareFactory

pytestmark = pytest.mark.django_db


def _figures(user):
    row = UserDayFact.objects.filter(user=user, day=T0.date()).first()
    return (row.shares, row.clicks, row.profile_views) if row else None


# Facts at noon today and a CLOCK ten minutes later: the same on every run, whatever the time of day.
T0 = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
CLOCK = T0 + timedelta(minutes=10)


@pytest.fixture
def sharer():
    user = UserFactory(role=Role.EMPLOYEE)
    share = AnalyticsShareFactory(user=user, shared_at=T0)
    Share.objects.filter(pk=share.pk).update(created_at=T0, updated_at=T0)
    AnalyticsClickFactory(link=AnalyticsLinkFactory(share=share), occurred_at=T0)
    return user


def _view(user, count):
    ProfileView.objects.create(
        profile=ProfileFactory(user=user), audience=Audience.INTERNAL, day=T0.date(), count=count
    )


def test_the_first_run_rolls_up_today_and_sets_the_watermark(sharer):
    now = timezone.now()

    assert analytics_rollup_today.delay().get() is True

    assert _figures(sharer) == (1, 1, 0)
    watermark = RollupRun.objects.get(key="today").finished_at
    assert now <= watermark <= timezone.now()
    assert RollupRun.objects.get(key="today-rolled").finished_at == watermark


def test_a_run_without_changes_only_moves_the_watermark_then_a_new_click_is_rolled_up(sharer):
    assert services.rollup_today(now=CLOCK) is True
    # a profile view has no change probe: the next run 30 s later does not re-roll for it
    _view(sharer, 4)

    assert services.rollup_today(now=CLOCK + timedelta(seconds=30)) is False

    assert _figures(sharer) == (1, 1, 0)
    assert RollupRun.objects.get(key="today").finished_at == CLOCK + timedelta(seconds=30)
    assert RollupRun.objects.get(key="today-rolled").finished_at == CLOCK

    # a click of the last two minutes is a change: the next run re-rolls today (and the view with it)
    AnalyticsClickFactory(
        link=TrackedLink.objects.get(user=sharer), occurred_at=CLOCK + timedelta(seconds=40)
    )

    assert services.rollup_today(now=CLOCK + timedelta(seconds=60)) is True

    assert _figures(sharer) == (1, 2, 4)


def test_today_is_re_rolled_every_five_minutes_even_without_a_probed_change(sharer):
    services.rollup_today(now=CLOCK)
    _view(sharer, 2)

    assert services.rollup_today(now=CLOCK + timedelta(minutes=4, seconds=59)) is False
    assert services.rollup_today(now=CLOCK + timedelta(minutes=5)) is True

    assert _figures(sharer) == (1, 1, 2)


def test_every_figure_says_when_it_was_computed(sharer, client_for):
    manager = UserFactory(role=Role.MANAGER)
    assert client_for(sharer).get("/api/v1/analytics/me/").json()["computed_at"] is None

    services.rollup_today(now=CLOCK)

    mine = client_for(sharer).get("/api/v1/analytics/me/").json()
    assert datetime.fromisoformat(mine["computed_at"]) == CLOCK
    assert mine["totals"]["clicks"] == 1
    for path in ("overview/", "trends/", "breakdown/?by=department", "top-content/"):
        response = client_for(manager).get(f"/api/v1/analytics/{path}")
        assert response.status_code == 200, path
        assert datetime.fromisoformat(response.json()["computed_at"]) == CLOCK, path
