"""Demo mentions: found by the real matcher, naming demo colleagues, loaded once."""

import pytest

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.monitoring import demo
from sichtbar.monitoring.models import Mention, MonitoredTerm, MonitoringFeed


@pytest.mark.django_db
def test_demo_data_has_terms_inactive_feeds_and_mentions_of_people():
    anna = UserFactory(first_name="Anna", last_name="Berg")

    stats = demo.seed()
    again = demo.seed()

    assert stats["mentions"] == len(demo.ARTICLES) == Mention.objects.count()
    assert again["mentions"] == 0 and Mention.objects.count() == len(demo.ARTICLES)
    assert MonitoredTerm.objects.count() == len(demo.TERMS)
    assert not MonitoringFeed.objects.filter(active=True).exists()  # example addresses are never fetched
    assert Mention.objects.filter(experts=anna).count() >= 3
    assert Mention.objects.filter(excerpt__contains="<mark>Sichtbar</mark>").exists()
