import pytest

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.content import privacy
from sichtbar.content.models import ContentItem, ContentStatus
from sichtbar.governance import privacy as governance_privacy
from sichtbar.governance import services as governance_services
from sichtbar.governance.models import GuidelineAcceptance
from sichtbar.governance.tests.factories import GuidelineFactory
from sichtbar.notifications import privacy as notification_privacy
from sichtbar.notifications import services as notification_services
from sichtbar.notifications.models import Notification
from sichtbar.notifications.tests.factories import NotificationFactory

from .factories import ContentItemFactory

pytestmark = pytest.mark.django_db


def test_export_and_erase_cover_suggestions_acceptances_notifications_and_preferences():
    user, other = UserFactory(), UserFactory()
    draft = ContentItemFactory(suggested_by=user, suggestion_note="Mein Tipp", url="https://a.example/1")
    published = ContentItemFactory(
        suggested_by=user, suggestion_note="Noch ein Tipp", status=ContentStatus.PUBLISHED, created_by=user
    )
    version = GuidelineFactory(version=4)
    governance_services.guideline_accept(user=user, version_id=version.pk)
    NotificationFactory(user=user, title="Für dich")
    NotificationFactory(user=other)
    notification_services.notification_preference_set(user=user, digest="daily")

    exported = privacy.export_user_data(user)
    notified = notification_privacy.export_user_data(user)  # notifications and digests: their own app
    assert [s["suggestion_note"] for s in exported["suggestions"]] == ["Mein Tipp", "Noch ein Tipp"]
    assert governance_privacy.export_user_data(user)["guideline_acceptances"][0]["version"] == 4
    assert [n["title"] for n in notified["notifications"]] == ["Für dich"]
    assert notified["email_summary_frequency"] == "daily"

    privacy.erase_user_data(user)
    notification_privacy.erase_user_data(user)
    governance_privacy.erase_user_data(user)

    assert not ContentItem.objects.filter(pk=draft.pk).exists()
    published.refresh_from_db()
    assert published.suggested_by is None and published.suggestion_note == "" and published.created_by is None
    assert not GuidelineAcceptance.objects.filter(user=user).exists()
    assert list(Notification.objects.values_list("user_id", flat=True)) == [other.pk]
    assert notification_privacy.export_user_data(user)["email_summary_frequency"] is None


def test_old_notifications_and_digest_bookkeeping_are_purged():
    from datetime import timedelta

    from django.utils import timezone

    from sichtbar.notifications.models import DigestDelivery

    now = timezone.now()
    old, recent = NotificationFactory(), NotificationFactory()
    Notification.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=181))
    stale = DigestDelivery.objects.create(user=old.user, period="daily:2026-01-01", sent_at=now)
    DigestDelivery.objects.filter(pk=stale.pk).update(created_at=now - timedelta(days=61))
    DigestDelivery.objects.create(user=old.user, period="daily:2026-11-22", sent_at=now)

    assert _purge(now) == 2

    assert list(Notification.objects.values_list("pk", flat=True)) == [recent.pk]
    assert list(DigestDelivery.objects.values_list("period", flat=True)) == ["daily:2026-11-22"]


def _purge(now):
    """The app's retention rules with their configured periods (as the privacy app's run applies them)."""
    from django.conf import settings

    return sum(rule.purge(now, getattr(settings, rule.setting)) for rule in notification_privacy.RETENTION)
