"""Demo data: estimate inputs, headcount history, targets, a benchmark and rollups; safe to run twice."""

import pytest

from sichtbar.accounts import demo as accounts_demo
from sichtbar.analytics import demo
from sichtbar.analytics.models import Benchmark, HeadcountDay, NetworkRate, Target, UserDayFact

from .conftest import at
from .factories import AnalyticsShareFactory

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_populated_dashboard_and_is_idempotent(today):
    accounts_demo.seed()
    from sichtbar.accounts.models import User

    AnalyticsShareFactory(user=User.objects.filter(is_active=True).first(), shared_at=at(today))

    first = demo.seed()
    demo.seed()

    assert first["rolled_up_days"] > 100
    assert Target.objects.count() == 3
    assert NetworkRate.objects.filter(currency="EUR").count() == 6
    assert Benchmark.objects.exists()
    assert HeadcountDay.objects.values("day").distinct().count() == 121
    assert UserDayFact.objects.filter(day=today, shares=1).exists()
