"""Demo content: enough realistic, varied items for the feed and the recommendation benchmark; loaded once."""

import pytest

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.content import demo, selectors
from sichtbar.content.limits import NETWORK_TEXT_LIMITS
from sichtbar.content.models import ContentItem, ContentStatus, ShareText
from sichtbar.governance import selectors as governance_selectors
from sichtbar.governance import services as governance_services
from sichtbar.governance.models import GuidelineVersion
from sichtbar.profiles import demo as profiles_demo

pytestmark = pytest.mark.django_db


def test_demo_content_is_varied_live_where_it_should_be_and_loaded_once():
    profiles_demo._taxonomy()
    stats = demo.seed()

    items = list(ContentItem.objects.prefetch_related("topics"))
    assert stats["content_items"] == len(items) >= 60
    assert {item.kind for item in items} == {"article", "job", "event", "press"}
    assert {item.language for item in items} == {"de", "en"}
    assert {item.status for item in items} == set(ContentStatus.values)
    assert all(item.topics.all() for item in items)
    pairs = [
        g for g in {i.translation_group for i in items} if sum(i.translation_group == g for i in items) == 2
    ]
    assert len(pairs) >= 20
    user = UserFactory(department=None, location=None)
    live = selectors.content_visible_to(user=user).count()
    assert 40 <= live < len(items)  # drafts, reviews, archived, expired and department-only items are not
    for text in ShareText.objects.all():
        assert len(text.text) <= NETWORK_TEXT_LIMITS[text.network], text.network
    assert GuidelineVersion.objects.filter(published_at__isnull=False).count() == 1
    assert governance_selectors.rule_list(active_only=True).count() == len(demo.RULES)
    for text in ShareText.objects.all():  # the suggested texts pass the demo company's own rules
        assert not governance_services.confidentiality_check(text=text.text).blocked

    assert demo.seed() == {"content_items": 0}
    assert ContentItem.objects.count() == len(items)
