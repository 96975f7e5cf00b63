"""The integrations API: own connections and activity only, capability flags, the error shape."""

import pytest
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext

from sichtbar.integrations.models import Connection, ImportedPost
from sichtbar.integrations.tests.blog_server import html_page, rss

from .factories import ConnectionFactory, ImportedPostFactory

pytestmark = pytest.mark.django_db

ITEM = {"title": "Beitrag", "link": "https://blog.example.com/1", "guid": "p-1", "description": "<p>Text</p>"}


def test_the_list_shows_every_provider_with_its_capabilities_and_only_my_connections(
    client_for, employee, settings
):
    settings.LINKEDIN_CLIENT_ID, settings.LINKEDIN_CLIENT_SECRET = "id", "secret"
    mine = ConnectionFactory(user=employee, title="Mein Blog")
    ConnectionFactory()

    response = client_for(employee).get("/api/v1/connections/")

    assert response.status_code == 200
    body = response.json()
    providers = {p["key"]: p for p in body["providers"]}
    assert list(providers) == ["blog", "linkedin", "xing", "mastodon"]
    assert {k: v for k, v in providers["blog"].items() if k not in ("name", "description")} == {
        "key": "blog",
        "can_connect": True,
        "sign_in": False,
        "post_via_api": False,
        "import_posts": True,
        "import_metrics": False,
        "share_intent": False,
        "share_intent_template": "",
        "configured": True,
        "missing_settings": [],
    }
    assert providers["xing"]["post_via_api"] is False and providers["xing"]["share_intent"] is True
    assert [c["id"] for c in body["connections"]] == [mine.id]
    assert body["connections"][0]["title"] == "Mein Blog"
    assert "etag" not in body["connections"][0]


def test_connecting_a_blog_imports_its_posts(client_for, employee, allowed_blog):
    allowed_blog.pages["/"] = html_page(("application/rss+xml", "/rss"))
    allowed_blog.pages["/rss"] = rss(ITEM)

    response = client_for(employee).post(
        "/api/v1/connections/", {"provider": "blog", "url": allowed_blog.url}
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["provider"], body["feed_kind"], body["status"], body["feed_url"]) == (
        "blog",
        "rss",
        "connected",
        f"{allowed_blog.url}/rss",
    )
    assert ImportedPost.objects.get().author == employee


def test_connecting_a_private_address_is_a_validation_error(client_for, employee):
    response = client_for(employee).post(
        "/api/v1/connections/", {"provider": "blog", "url": "http://169.254.169.254/latest/"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "url_not_allowed"
    assert list(response.json()["extra"]["fields"]) == ["url"]
    assert Connection.objects.count() == 0


def test_oauth_networks_cannot_be_connected_with_an_address(client_for, employee):
    response = client_for(employee).post(
        "/api/v1/connections/", {"provider": "linkedin", "url": "https://linkedin.com/in/x"}
    )

    assert (response.status_code, response.json()["code"]) == (400, "provider_not_supported")
    assert Connection.objects.count() == 0


def test_connecting_is_throttled(client_for, employee, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "integrations_connect": "2/hour",
        },
    }
    client = client_for(employee)
    body = {"provider": "blog", "url": "http://10.0.0.1/"}

    codes = [client.post("/api/v1/connections/", body).status_code for _ in range(3)]

    assert codes == [400, 400, 429]


def test_disconnecting_deletes_the_connection_and_its_posts(client_for, employee):
    post = ImportedPostFactory(connection=ConnectionFactory(user=employee))

    response = client_for(employee).delete(f"/api/v1/connections/{post.connection_id}/")

    assert response.status_code == 204
    assert not Connection.objects.exists() and not ImportedPost.objects.exists()


def test_other_peoples_connections_are_not_found(client_for, employee):
    other = ConnectionFactory()

    client = client_for(employee)
    deleted = client.delete(f"/api/v1/connections/{other.id}/")
    synced = client.post(f"/api/v1/connections/{other.id}/sync/")

    assert (deleted.status_code, synced.status_code) == (404, 404)
    assert Connection.objects.filter(pk=other.pk).exists()


def test_sync_now_queues_a_sync_that_runs_after_commit(
    client_for, employee, allowed_blog, django_capture_on_commit_callbacks
):
    allowed_blog.pages["/feed"] = rss(ITEM)
    connection = ConnectionFactory(
        user=employee, url=f"{allowed_blog.url}/", feed_url=f"{allowed_blog.url}/feed"
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(employee).post(f"/api/v1/connections/{connection.id}/sync/")

    assert response.status_code == 202
    assert callbacks  # the sync ran after the commit (the import queues further work of other apps)
    assert connection.posts.get().title == "Beitrag"


def test_my_activity_lists_only_my_posts_newest_first(client_for, employee):
    connection = ConnectionFactory(user=employee)
    old = ImportedPostFactory(connection=connection, published_at="2026-01-01T00:00:00Z")
    new = ImportedPostFactory(connection=connection, published_at="2026-11-01T00:00:00Z")
    ImportedPostFactory()

    response = client_for(employee).get("/api/v1/activity/")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [p["id"] for p in body["results"]] == [new.id, old.id]
    assert body["results"][0] == {
        "id": new.id,
        "connection_id": connection.id,
        "provider": "blog",
        "url": new.url,
        "title": new.title,
        "summary": "<p>Zusammenfassung</p>",
        "published_at": "2026-11-01T01:00:00+01:00",
        "show_on_profile": False,
        "created_at": body["results"][0]["created_at"],
        "likes": None,
        "reposts": None,
        "replies": None,
    }


def test_activity_filters_by_visibility(client_for, employee):
    connection = ConnectionFactory(user=employee)
    shown = ImportedPostFactory(connection=connection, show_on_profile=True)
    ImportedPostFactory(connection=connection)

    response = client_for(employee).get("/api/v1/activity/?show_on_profile=true")

    assert [p["id"] for p in response.json()["results"]] == [shown.id]


def test_the_activity_list_needs_a_constant_number_of_queries(client_for, employee):
    client = client_for(employee)
    connection = ConnectionFactory(user=employee)
    ImportedPostFactory(connection=connection)
    client.get("/api/v1/activity/")
    with CaptureQueriesContext(db_connection) as few:
        client.get("/api/v1/activity/")
    ImportedPostFactory.create_batch(10, connection=ConnectionFactory(user=employee))

    with CaptureQueriesContext(db_connection) as many:
        response = client.get("/api/v1/activity/")

    assert response.json()["count"] == 11
    assert len(many.captured_queries) == len(few.captured_queries)


def test_choosing_a_post_for_the_profile(client_for, employee):
    post = ImportedPostFactory(connection=ConnectionFactory(user=employee))

    response = client_for(employee).patch(f"/api/v1/activity/{post.id}/", {"show_on_profile": True})

    assert response.status_code == 200
    assert response.json()["show_on_profile"] is True
    post.refresh_from_db()
    assert post.show_on_profile is True


def test_other_peoples_posts_cannot_be_changed(client_for, employee):
    post = ImportedPostFactory()

    response = client_for(employee).patch(f"/api/v1/activity/{post.id}/", {"show_on_profile": True})

    assert response.status_code == 404
    post.refresh_from_db()
    assert post.show_on_profile is False


def test_the_visibility_flag_is_required(client_for, employee):
    post = ImportedPostFactory(connection=ConnectionFactory(user=employee))

    response = client_for(employee).patch(f"/api/v1/activity/{post.id}/", {})

    assert response.status_code == 400
    assert list(response.json()["extra"]["fields"]) == ["show_on_profile"]


def test_sync_now_is_throttled(client_for, employee, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "integrations_sync": "1/hour",
        },
    }
    connection = ConnectionFactory(user=employee)
    client = client_for(employee)

    codes = [client.post(f"/api/v1/connections/{connection.id}/sync/").status_code for _ in range(2)]

    assert codes == [202, 429]


@pytest.mark.django_db
def test_posts_chosen_for_the_profile_appear_on_the_public_profile(client_for):
    from sichtbar.integrations.models import ImportedPost
    from sichtbar.profiles.tests.factories import ProfileFactory

    profile = ProfileFactory(slug="lena")
    connection = ConnectionFactory(user=profile.user)
    shown = ImportedPost.objects.create(
        connection=connection,
        author=profile.user,
        external_id="1",
        url="https://lena.example/k8s",
        title="Kubernetes im Mittelstand",
        show_on_profile=True,
    )
    ImportedPost.objects.create(
        connection=connection,
        author=profile.user,
        external_id="2",
        url="https://lena.example/privat",
        title="Nur für mich",
        show_on_profile=False,
    )

    detail = client_for(None).get("/api/v1/public/experts/lena/").json()

    assert [post["title"] for post in detail["posts"]] == [shown.title]


@pytest.mark.django_db
def test_public_profiles_show_imported_posts_as_cards_with_network_excerpt_and_date(client_for):
    from datetime import timedelta

    from django.utils import timezone

    from sichtbar.integrations.models import Provider
    from sichtbar.profiles.tests.factories import ProfileFactory

    profile = ProfileFactory(slug="lena")
    published = timezone.now() - timedelta(days=3)
    long_text = "Wort " * 80
    mastodon = ConnectionFactory(user=profile.user, provider=Provider.MASTODON, feed_url="")
    linkedin = ConnectionFactory(user=profile.user, provider=Provider.LINKEDIN_ARCHIVE, feed_url="")
    ImportedPostFactory(
        connection=mastodon,
        title="",
        url="https://social.example/@lena/1",
        summary='<p>Heute über <a href="https://k8s.io">#Kubernetes</a> &amp; Betrieb gesprochen.</p>',
        published_at=published,
        show_on_profile=True,
    )
    ImportedPostFactory(
        connection=linkedin,
        title="",
        url="https://www.linkedin.com/feed/update/urn:li:share:1",
        summary=f"<p>{long_text}</p>",
        published_at=published - timedelta(days=1),
        show_on_profile=True,
    )

    posts = client_for(None).get("/api/v1/public/experts/lena/").json()["posts"]

    assert [(p["network"], p["title"]) for p in posts] == [("mastodon", ""), ("linkedin_archive", "")]
    assert posts[0]["excerpt"] == "Heute über #Kubernetes & Betrieb gesprochen."
    assert posts[0]["published_at"] is not None
    assert len(posts[1]["excerpt"]) <= 280 and posts[1]["excerpt"].endswith("Wort…")
