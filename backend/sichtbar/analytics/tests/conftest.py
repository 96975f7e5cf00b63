"""A small company with facts on known days: department "Vertrieb" (6 people) and "Recht" (2 people)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory
from sichtbar.analytics.models import NetworkRate
from sichtbar.core.networks import Network
from sichtbar.organisation.tests.helpers import works_council

from .factories import (
    AnalyticsClickFactory,
    AnalyticsContentFactory,
    AnalyticsConversionFactory,
    AnalyticsLinkFactory,
    AnalyticsShareFactory,
)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)), timezone.get_current_timezone())


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def company(db, today):
    """Facts of three days ago: Vertrieb shares one job (LinkedIn, reach 1000) and one article (XING,
    reach 200); the job got 3 clicks and 1 application, the article 1 click. Recht shares the article
    once (LinkedIn, reach 50) with 2 clicks."""
    sales = DepartmentFactory(name="Vertrieb")
    legal = DepartmentFactory(name="Recht")
    sellers = [UserFactory(department=sales, role=Role.EMPLOYEE) for _ in range(6)]
    lawyers = [UserFactory(department=legal, role=Role.EMPLOYEE) for _ in range(2)]
    manager = UserFactory(role=Role.MANAGER, department=None)
    day = today - timedelta(days=3)
    job = AnalyticsContentFactory(kind="job", title="Backend-Entwickler:in (m/w/d)")
    article = AnalyticsContentFactory(title="Cloud im Mittelstand")
    job_share = AnalyticsShareFactory(
        user=sellers[0], content=job, network=Network.LINKEDIN, followers_at_share=1000, shared_at=at(day)
    )
    article_share = AnalyticsShareFactory(
        user=sellers[1], content=article, network=Network.XING, followers_at_share=200, shared_at=at(day)
    )
    legal_share = AnalyticsShareFactory(
        user=lawyers[0], content=article, network=Network.LINKEDIN, followers_at_share=50, shared_at=at(day)
    )
    job_link = AnalyticsLinkFactory(share=job_share)
    article_link = AnalyticsLinkFactory(share=article_share)
    legal_link = AnalyticsLinkFactory(share=legal_share)
    for hour in (13, 14, 15):
        AnalyticsClickFactory(link=job_link, occurred_at=at(day, hour))
    AnalyticsClickFactory(link=article_link, occurred_at=at(day, 16))
    AnalyticsClickFactory(link=legal_link, occurred_at=at(day, 17))
    AnalyticsClickFactory(link=legal_link, occurred_at=at(day, 18))
    AnalyticsConversionFactory(link=job_link, occurred_at=at(day, 20))
    # not counted: a failed share and a click outside the day window are on other days
    AnalyticsShareFactory(
        user=sellers[2], content=article, network=Network.X, status="failed", shared_at=at(day)
    )
    NetworkRate.objects.create(
        network="linkedin",
        currency="EUR",
        cpc=Decimal("2.00"),
        cpm=Decimal("10.00"),
        view_rate=Decimal("0.1"),
    )
    NetworkRate.objects.create(
        network="xing", currency="EUR", cpc=Decimal("1.00"), cpm=Decimal("5.00"), view_rate=Decimal("0.5")
    )
    works_council(False)
    return SimpleNamespace(
        sales=sales,
        legal=legal,
        sellers=sellers,
        lawyers=lawyers,
        manager=manager,
        day=day,
        job=job,
        article=article,
        job_link=job_link,
        legal_link=legal_link,
    )
