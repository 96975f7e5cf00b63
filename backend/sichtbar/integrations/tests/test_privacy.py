import pytest

from sichtbar.integrations import privacy
from sichtbar.integrations.models import Connection, ImportedPost

from .factories import ConnectionFactory, ImportedPostFactory

pytestmark = pytest.mark.django_db


def test_export_contains_connections_and_posts_but_no_http_validators(employee):
    post = ImportedPostFactory(
        connection=ConnectionFactory(user=employee, etag='"secret"'), show_on_profile=True
    )
    ImportedPostFactory()

    data = privacy.export_user_data(employee)

    assert [c["url"] for c in data["connections"]] == [post.connection.url]
    assert "etag" not in data["connections"][0]
    assert [(p["title"], p["show_on_profile"]) for p in data["imported_posts"]] == [(post.title, True)]


def test_erasure_deletes_only_the_persons_connections_and_posts(employee):
    ImportedPostFactory(connection=ConnectionFactory(user=employee))
    other = ImportedPostFactory()

    privacy.erase_user_data(employee)

    assert list(Connection.objects.all()) == [other.connection]
    assert list(ImportedPost.objects.all()) == [other]
