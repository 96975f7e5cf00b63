"""Account changes made by administrators reach the profile: what the index shows is re-indexed."""

import pytest

from sichtbar.accounts.tests.factories import DepartmentFactory
from sichtbar.profiles.models import Profile

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db


def test_moving_someone_to_another_department_reindexes_their_profile(client_for, admin_user):
    moved, promoted = ProfileFactory(), ProfileFactory()
    Profile.objects.update(search_dirty=False)
    client = client_for(admin_user)

    client.patch(f"/api/v1/users/{moved.user_id}/", {"department": DepartmentFactory().id})
    client.patch(f"/api/v1/users/{promoted.user_id}/", {"role": "manager"})

    assert Profile.objects.get(pk=moved.pk).search_dirty is True
    assert Profile.objects.get(pk=promoted.pk).search_dirty is False  # the role is not in the index
