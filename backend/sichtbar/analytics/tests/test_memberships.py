"""The membership history the rollups attribute facts by: synced incrementally before every rollup."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sichtbar.accounts.tests.factories import DepartmentFactory, UserFactory
from sichtbar.analytics.models import MembershipPeriod
from sichtbar.analytics.rollup import EPOCH, day_bounds, memberships_sync

pytestmark = pytest.mark.django_db


def _history(user):
    return list(
        MembershipPeriod.objects.filter(user=user)
        .order_by("valid_from")
        .values_list("department_id", "valid_from")
    )


def test_people_start_with_their_department_since_always_and_moves_count_from_midnight():
    sales, legal = DepartmentFactory(), DepartmentFactory()
    person = UserFactory(department=sales)
    now = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    midnight = day_bounds(timezone.localtime(now).date())[1]

    assert memberships_sync(now=now) >= 1
    person.department = legal
    person.save(update_fields=["department"])
    assert memberships_sync(now=now) == 1
    person.department = None  # a second change the same day replaces the pending one
    person.save(update_fields=["department"])
    assert memberships_sync(now=now) == 1
    assert memberships_sync(now=now) == 0  # nothing changed since: nothing written

    assert _history(person) == [(sales.pk, EPOCH), (None, midnight)]


def test_a_deactivated_account_keeps_its_history_and_gets_no_new_periods():
    sales, legal = DepartmentFactory(), DepartmentFactory()
    leaver = UserFactory(department=sales)
    memberships_sync()
    leaver.is_active = False
    leaver.department = legal
    leaver.save(update_fields=["is_active", "department"])

    assert memberships_sync() == 0
    assert [department for department, _ in _history(leaver)] == [sales.pk]


def test_a_sync_without_changes_reads_no_history_whatever_the_number_of_people():
    departments = [DepartmentFactory() for _ in range(3)]
    people = [UserFactory(department=departments[i % 3]) for i in range(30)]
    memberships_sync()

    with CaptureQueriesContext(connection) as unchanged:
        assert memberships_sync() == 0
    people[0].department = departments[1] if people[0].department == departments[0] else departments[0]
    people[0].save(update_fields=["department"])
    with CaptureQueriesContext(connection) as one_moved:
        assert memberships_sync(now=timezone.now() + timedelta(days=1)) == 1

    assert len(unchanged) == 1  # the one query that finds who moved; no period is loaded
    assert len(one_moved) <= 5  # that query, the mover's periods, the insert (and its transaction)
