"""The bell: `notify` for every app that tells a person something, stored once per key, counted unread."""

import pytest

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.notifications import selectors, services
from sichtbar.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_notify_stores_once_per_dedup_key_and_counts_unread():
    user = UserFactory()
    first = services.notify(user=user, kind="x", title="Hallo", url="/a", dedup_key="k1")
    assert first is not None
    assert services.notify(user=user, kind="x", title="Hallo", url="/a", dedup_key="k1") is None
    services.notify(user=user, kind="x", title="Ohne Schlüssel")
    services.notify(user=user, kind="x", title="Ohne Schlüssel")
    assert selectors.notification_unread_count(user=user) == 3
    assert services.notifications_mark_read(user=user, ids=[first.pk]) == 1
    assert selectors.notification_unread_count(user=user) == 2
    assert services.notify(user=UserFactory(is_active=False), kind="x", title="t") is None
    assert Notification.objects.count() == 3
