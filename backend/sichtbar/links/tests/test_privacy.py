"""Export, erasure and retention of the links app."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.links import privacy, services
from sichtbar.links.models import Click, DailySalt, TrackedLink

from .factories import ClickFactory, ConversionFactory, LinksShareFactory, TrackedLinkFactory

pytestmark = pytest.mark.django_db


def test_export_lists_the_persons_links_with_counts():
    link = TrackedLinkFactory()
    ClickFactory.create_batch(2, link=link)
    ConversionFactory(link=link)
    TrackedLinkFactory()  # someone else's

    data = privacy.export_user_data(link.user)

    assert len(data["tracked_links"]) == 1
    row = data["tracked_links"][0]
    assert (row["code"], row["click_count"], row["conversion_count"]) == (link.code, 2, 1)
    assert "visitor_hash" not in row


def test_erasure_unlinks_the_person_but_keeps_the_redirect_and_the_counts():
    link = TrackedLinkFactory()
    other = TrackedLinkFactory()
    ClickFactory.create_batch(2, link=link)
    ClickFactory(link=other)
    user = link.user

    privacy.erase_user_data(user)

    link.refresh_from_db()
    assert link.user_id is None
    assert TrackedLink.objects.filter(pk=link.pk).exists()
    assert Click.objects.filter(user_id_at_click=user.pk).count() == 0
    assert Click.objects.filter(link=link).count() == 2
    assert Click.objects.get(link=other).user_id_at_click == other.user_id


def test_retention_blanks_hashes_deletes_old_salts_and_old_clicks(settings):
    settings.LINKS_CLICK_RETENTION_DAYS = 30
    now = timezone.now()
    link = TrackedLinkFactory(share=LinksShareFactory())
    fresh = ClickFactory(link=link, occurred_at=now - timedelta(hours=2))
    day_old = ClickFactory(link=link, occurred_at=now - timedelta(days=1, minutes=31))
    ancient = ClickFactory(link=link, occurred_at=now - timedelta(days=31))
    DailySalt.objects.create(day=now.date(), salt="a")
    DailySalt.objects.create(day=now.date() - timedelta(days=1), salt="b")
    DailySalt.objects.create(day=now.date() - timedelta(days=2), salt="c")

    _purge(now)
    services.clicks_retention_apply(now=now)

    assert Click.objects.get(pk=fresh.pk).visitor_hash == fresh.visitor_hash
    assert Click.objects.get(pk=day_old.pk).visitor_hash == ""
    assert not Click.objects.filter(pk=ancient.pk).exists()
    assert sorted(DailySalt.objects.values_list("salt", flat=True)) == ["a", "b"]


def _purge(now):
    """The app's retention rules with their configured periods (as the privacy app's run applies them)."""
    from django.conf import settings

    return sum(rule.purge(now, getattr(settings, rule.setting)) for rule in privacy.RETENTION)
