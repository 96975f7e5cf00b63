"""Mentions are third-party data: purged by age, a person's links erased, and part of their export."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.monitoring import privacy
from sichtbar.monitoring.models import Mention

from .factories import MentionFactory, MonitoredTermFactory

pytestmark = pytest.mark.django_db


def test_mentions_older_than_the_retention_period_are_purged(settings):
    settings.MONITORING_MENTION_RETENTION_DAYS = 30
    now = timezone.now()
    old = MentionFactory(published_at=now - timedelta(days=31))
    recent = MentionFactory(published_at=now - timedelta(days=29))
    undated_recent = MentionFactory(published_at=None)

    purged = _purge(now)

    assert purged == 1
    assert set(Mention.objects.values_list("pk", flat=True)) == {recent.pk, undated_recent.pk}
    assert not Mention.objects.filter(pk=old.pk).exists()


def test_erasure_removes_the_person_from_mentions_and_drops_mentions_only_about_them():
    person, other = UserFactory(), UserFactory()
    term = MonitoredTermFactory()
    only_them = MentionFactory(experts=[person])
    with_term = MentionFactory(experts=[person], terms=[term])
    with_other = MentionFactory(experts=[person, other])

    privacy.erase_user_data(person)

    assert not Mention.objects.filter(pk=only_them.pk).exists()
    assert list(Mention.objects.get(pk=with_term.pk).experts.all()) == []
    assert list(Mention.objects.get(pk=with_other.pk).experts.all()) == [other]
    assert not Mention.objects.filter(experts=person).exists()


def test_the_export_lists_the_mentions_that_name_the_person():
    person = UserFactory()
    MentionFactory(title="Über sie", experts=[person], published_at=datetime(2026, 11, 1, tzinfo=UTC))
    MentionFactory(title="Über andere")

    exported = privacy.export_user_data(person)

    assert [row["title"] for row in exported["mentions"]] == ["Über sie"]


def _purge(now):
    """The app's retention rules with their configured periods (as the privacy app's run applies them)."""
    from django.conf import settings

    return sum(rule.purge(now, getattr(settings, rule.setting)) for rule in privacy.RETENTION)
