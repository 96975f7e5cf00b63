"""Month bitmaps: active advocates and content utilisation of any period without reading the facts."""

from datetime import date

import pytest

from sichtbar.accounts.models import Role
from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory
from sichtbar.analytics import privacy, services
from sichtbar.analytics.models import ContentShareMonth, ContributorMonth, ShareMonth
from sichtbar.analytics.selectors import AnalyticsFilters
from sichtbar.analytics.selectors.base import _contributors
from sichtbar.analytics.selectors.kpis import _scalars
from sichtbar.core.networks import Network

from .conftest import at
from .factories import AnalyticsContentFactory, AnalyticsShareFactory

pytestmark = pytest.mark.django_db

JAN_31, FEB_1, FEB_15 = date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 15)


@pytest.fixture
def months(db):
    """Anna (Vertrieb) shares item X on 31 January and items X and Y on 15 February; Ben (Recht) shares
    item Y on 1 February; a failed share of item Z on 1 February does not count."""
    sales, legal = DepartmentFactory(name="Vertrieb"), DepartmentFactory(name="Recht")
    anna = UserFactory(department=sales, role=Role.EMPLOYEE)
    ben = UserFactory(department=legal, role=Role.EMPLOYEE)
    x, y, z = AnalyticsContentFactory(), AnalyticsContentFactory(), AnalyticsContentFactory()
    AnalyticsShareFactory(user=anna, content=x, network=Network.LINKEDIN, shared_at=at(JAN_31))
    AnalyticsShareFactory(user=anna, content=x, network=Network.LINKEDIN, shared_at=at(FEB_15))
    AnalyticsShareFactory(user=anna, content=y, network=Network.LINKEDIN, shared_at=at(FEB_15, 18))
    AnalyticsShareFactory(user=ben, content=y, network=Network.XING, shared_at=at(FEB_1))
    AnalyticsShareFactory(user=ben, content=z, network=Network.X, status="failed", shared_at=at(FEB_1))
    services.rollup_range(start=date(2026, 1, 30), end=date(2026, 2, 16))
    return sales, legal, anna, ben


def _counts(start: date, end: date, **filters) -> tuple[int, int]:
    scalars = _scalars(AnalyticsFilters(start=start, end=end, **filters))
    return int(scalars["active"]), int(scalars["shared_items"])


def test_each_share_day_is_one_bit_of_its_month(months):
    _sales, _legal, anna, ben = months
    rows = {(row.month, row.user_id): row.days for row in ShareMonth.objects.all()}
    assert rows == {
        (date(2026, 1, 1), anna.pk): 1 << 30,
        (date(2026, 2, 1), anna.pk): 1 << 14,
        (date(2026, 2, 1), ben.pk): 1,
    }
    assert ContentShareMonth.objects.filter(month=date(2026, 2, 1)).count() == 3  # not the failed share
    contributors = {
        (row.month, row.user_id, row.network, row.content_kind): row.days
        for row in ContributorMonth.objects.all()
    }
    kind = AnalyticsContentFactory._meta.model.objects.get(
        pk=ContentShareMonth.objects.first().content_id
    ).kind
    assert contributors == {
        (date(2026, 1, 1), anna.pk, Network.LINKEDIN, kind): 1 << 30,
        (date(2026, 2, 1), anna.pk, Network.LINKEDIN, kind): 1 << 14,  # two shares that day: one bit
        (date(2026, 2, 1), ben.pk, Network.XING, kind): 1,
    }


def test_contributors_of_a_narrowed_view_come_from_the_month_bitmaps(months):
    sales, _legal, _anna, _ben = months

    def contributors(start, end, **filters):
        return _contributors(AnalyticsFilters(start=start, end=end, **filters))

    assert contributors(FEB_1, date(2026, 2, 28), network=Network.XING) == 1
    assert contributors(JAN_31, JAN_31, network=Network.XING) == 0
    assert contributors(date(2026, 1, 30), date(2026, 2, 28), network=Network.LINKEDIN) == 1
    assert contributors(date(2026, 2, 2), date(2026, 2, 14), network=Network.LINKEDIN) == 0
    assert contributors(FEB_1, FEB_15, network=Network.LINKEDIN, department=sales.pk) == 1
    assert contributors(FEB_1, FEB_15, network=Network.X) == 0  # the failed share


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (JAN_31, JAN_31, (1, 1)),  # the last day of a month
        (date(2026, 2, 2), date(2026, 2, 14), (0, 0)),  # between the share days
        (FEB_1, FEB_15, (2, 2)),
        (date(2026, 1, 30), FEB_1, (2, 2)),  # across the month boundary
        (date(2026, 1, 1), date(2026, 3, 31), (2, 2)),  # whole months count a person once
        (date(2026, 2, 16), date(2026, 2, 28), (0, 0)),
    ],
)
def test_any_period_counts_each_person_and_item_once(months, start, end, expected):
    assert _counts(start, end) == expected


def test_department_and_network_filters_narrow_the_counts(months):
    sales, legal, _anna, _ben = months
    assert _counts(FEB_1, date(2026, 2, 28), department=sales.pk) == (1, 2)
    assert _counts(FEB_1, date(2026, 2, 28), department=legal.pk) == (1, 1)
    assert _counts(FEB_1, date(2026, 2, 28), network=Network.XING)[1] == 1
    assert _counts(JAN_31, JAN_31, network=Network.XING)[1] == 0


def test_a_re_rolled_day_updates_its_month(months):
    _sales, _legal, anna, _ben = months
    from sichtbar.sharing.models import Share

    Share.objects.filter(user=anna, shared_at__in=[at(FEB_15), at(FEB_15, 18)]).delete()
    services.rollup_range(start=FEB_15, end=FEB_15)
    assert _counts(FEB_1, date(2026, 2, 28)) == (1, 1)
    assert not ShareMonth.objects.filter(user=anna, month=date(2026, 2, 1)).exists()


def test_erasing_a_person_removes_their_months(months):
    _sales, _legal, anna, _ben = months
    privacy.erase_user_data(anna)
    assert not ShareMonth.objects.filter(user=anna).exists()
    assert not ContributorMonth.objects.filter(user=anna).exists()
    assert _counts(JAN_31, JAN_31)[0] == 0
