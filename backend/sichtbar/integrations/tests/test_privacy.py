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


def test_export_never_contains_token_secrets_and_erasure_deletes_tokens(employee):
    from sichtbar.integrations import services
    from sichtbar.integrations.models import OAuthState, OAuthToken

    connection = ConnectionFactory(user=employee, provider="mastodon", feed_url="", followers=12)
    services.token_store(connection=connection, access_token="secret-access", refresh_token="secret-refresh")
    OAuthState.objects.create(
        user=employee, provider="mastodon", state_hash="h" * 64, redirect_uri="https://s.example/cb"
    )
    other = ConnectionFactory(provider="mastodon", feed_url="")
    services.token_store(connection=other, access_token="other-access")

    data = privacy.export_user_data(employee)

    assert data["connections"][0]["followers"] == 12
    dumped = str(data)
    assert "secret-access" not in dumped and "secret-refresh" not in dumped
    assert OAuthToken.objects.get(connection=connection).access_token_encrypted not in dumped
    privacy.erase_user_data(employee)
    assert list(OAuthToken.objects.values_list("connection_id", flat=True)) == [other.id]
    assert not OAuthState.objects.filter(user=employee).exists()
