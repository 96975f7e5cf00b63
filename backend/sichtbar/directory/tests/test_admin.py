import pytest

from sichtbar.directory.models import ProfileView

from .factories import ContactRequestFactory


@pytest.mark.django_db
def test_admin_lists_and_opens_contact_requests_and_views(client, admin_user):
    contact = ContactRequestFactory()
    view = ProfileView.objects.create(profile=contact.profile, audience="public", day="2026-11-20", count=3)
    client.force_login(admin_user)
    admin_user.is_superuser = True
    admin_user.save()

    for url in (
        "/django-admin/directory/contactrequest/",
        f"/django-admin/directory/contactrequest/{contact.pk}/change/",
        "/django-admin/directory/profileview/",
        f"/django-admin/directory/profileview/{view.pk}/change/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert contact.name.encode() in client.get("/django-admin/directory/contactrequest/").content
