"""Demo contact requests: realistic, mixed, never mailed, loaded once."""

import pytest

from sichtbar.directory import demo
from sichtbar.directory.models import ContactRequest
from sichtbar.profiles.models import Visibility
from sichtbar.profiles.tests.factories import ProfileFactory


@pytest.mark.django_db
def test_demo_requests_go_to_contactable_profiles_in_every_status(
    mailoutbox, django_capture_on_commit_callbacks
):
    contactable = ProfileFactory.create_batch(3)
    hidden = ProfileFactory(visibility_basics=Visibility.INTERNAL)

    with django_capture_on_commit_callbacks(execute=True):
        stats = demo.seed()

    assert stats["contact_requests"] == demo.COUNT
    requests = list(ContactRequest.objects.all())
    assert {r.profile_id for r in requests} <= {p.pk for p in contactable}
    assert hidden.pk not in {r.profile_id for r in requests}
    assert {r.status for r in requests} == {"new", "answered", "closed"}
    assert {r.language for r in requests} == {"de", "en"}
    assert any(r.topic == "press" and r.status == "new" for r in requests)
    assert all(r.response_seconds and r.answered_at for r in requests if r.status == "answered")
    assert mailoutbox == []


@pytest.mark.django_db
def test_demo_runs_twice_without_duplicates_and_copes_without_profiles():
    assert demo.seed()["contact_requests"] == 0

    ProfileFactory()
    demo.seed()
    demo.seed()

    assert ContactRequest.objects.count() == demo.COUNT
