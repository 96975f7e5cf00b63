"""Export and erasure of what the directory holds about a person; retention of visitors' requests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.directory import privacy
from sichtbar.directory.models import ContactRequest, ProfileView
from sichtbar.profiles.tests.factories import ProfileFactory

from .factories import ContactRequestFactory


@pytest.mark.django_db
def test_export_holds_the_inbox_and_view_counts():
    mine = ContactRequestFactory(message="Für mich")
    ContactRequestFactory(message="Für jemand anderen")
    ProfileView.objects.create(profile=mine.profile, audience="public", day="2026-11-20", count=4)

    data = privacy.export_user_data(mine.profile.user)

    assert [item["message"] for item in data["contact_requests"]] == ["Für mich"]
    assert data["profile_views"] == [
        {"day": timezone.datetime(2026, 11, 20).date(), "audience": "public", "count": 4}
    ]


@pytest.mark.django_db
def test_erasure_removes_requests_to_the_person_and_returns_forwarded_ones():
    to_me = ContactRequestFactory()
    me = to_me.profile
    other = ProfileFactory()
    forwarded = ContactRequestFactory(profile=other, assigned_to=me)
    untouched = ContactRequestFactory()
    ProfileView.objects.create(profile=me, audience="public", day="2026-11-20", count=1)

    privacy.erase_user_data(me.user)

    assert set(ContactRequest.objects.values_list("pk", flat=True)) == {forwarded.pk, untouched.pk}
    forwarded.refresh_from_db()
    assert forwarded.assigned_to_id == other.pk
    assert not ProfileView.objects.exists()


@pytest.mark.django_db
def test_old_requests_are_purged_after_the_retention_period(settings):
    settings.CONTACT_REQUEST_RETENTION_DAYS = 30
    old = ContactRequestFactory()
    recent = ContactRequestFactory()
    ContactRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    assert _purge(timezone.now()) == 1
    assert list(ContactRequest.objects.values_list("pk", flat=True)) == [recent.pk]


def _purge(now):
    """The app's retention rules with their configured periods (as the privacy app's run applies them)."""
    from django.conf import settings

    return sum(rule.purge(now, getattr(settings, rule.setting)) for rule in privacy.RETENTION)
