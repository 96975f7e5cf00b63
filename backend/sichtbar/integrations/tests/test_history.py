"""A blog's whole published history on connecting: WordPress REST and feed paging, RFC 5005 archives,
limits, progress, incremental syncs afterwards; against a stand-in WordPress on loopback."""

from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.integrations import services
from sichtbar.integrations.models import Connection
from sichtbar.integrations.tests.blog_server import Page

from .wordpress_server import WordPressServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def wordpress_site(settings) -> Iterator[Callable[..., WordPressServer]]:
    servers: list[WordPressServer] = []

    def start(**kwargs) -> WordPressServer:
        server = WordPressServer(**kwargs)
        servers.append(server)
        settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
        settings.OUTBOUND_HTTP_EXTRA_PORTS = [server.port for server in servers]
        return server

    yield start
    for server in servers:
        server.close()


def connect(url: str, capture) -> Connection:
    with capture(execute=True):  # the history import runs once the connection is committed
        connection = services.blog_connect(user=UserFactory(), url=url)
    connection.refresh_from_db()
    return connection


def progress(connection: Connection) -> tuple[str, int, int | None, int]:
    return (
        connection.history_status,
        connection.history_imported,
        connection.history_total,
        connection.posts.count(),
    )


def test_a_wordpress_blog_with_17_posts_is_imported_whole_through_rest_paging(
    wordpress_site, django_capture_on_commit_callbacks
):
    wordpress = wordpress_site(posts=17)

    connection = connect(f"{wordpress.url}/wp-json/wp/v2/posts", django_capture_on_commit_callbacks)

    assert progress(connection) == ("done", 17, 17, 17)
    assert connection.title == "Janas Fachblog"
    assert sorted(connection.posts.values_list("external_id", flat=True)) == sorted(
        f"{wordpress.url}/?p={number}" for number in range(1, 18)
    )
    assert wordpress.hits[-2:] == [
        "/wp-json/wp/v2/posts?per_page=100&page=1",
        "/wp-json/wp/v2/posts?per_page=100&page=2",
    ]


def test_a_wordpress_blog_with_300_posts_is_imported_whole(
    wordpress_site, django_capture_on_commit_callbacks
):
    wordpress = wordpress_site(posts=300)

    connection = connect(f"{wordpress.url}/wp-json/wp/v2/posts", django_capture_on_commit_callbacks)

    assert progress(connection) == ("done", 300, 300, 300)
    oldest = connection.posts.order_by("published_at").first()
    assert (oldest.title, oldest.summary) == ("Beitrag 1", "<p>Auszug 1</p>")
    assert sum(1 for hit in wordpress.hits if "page=" in hit) == 30  # 10 per page, as the site serves them


def test_a_wordpress_feed_is_paged_with_paged(wordpress_site, django_capture_on_commit_callbacks):
    wordpress = wordpress_site(posts=17)

    connection = connect(wordpress.url, django_capture_on_commit_callbacks)  # the page advertises /feed/

    assert (connection.feed_url, connection.feed_kind) == (f"{wordpress.url}/feed/", "rss")
    assert progress(connection) == ("done", 17, 17, 17)
    assert [hit for hit in wordpress.hits if hit.startswith("/feed/")][-3:] == [
        "/feed/",
        "/feed/?paged=2",
        "/feed/?paged=3",  # 404: past the last page
    ]


def test_the_post_limit_bounds_the_import(wordpress_site, settings, django_capture_on_commit_callbacks):
    settings.BLOG_HISTORY_MAX_POSTS = 25
    wordpress = wordpress_site(posts=300)

    connection = connect(f"{wordpress.url}/wp-json/wp/v2/posts", django_capture_on_commit_callbacks)

    assert progress(connection) == ("done", 25, 25, 25)
    assert connection.posts.order_by("published_at").first().title == "Beitrag 276"  # the newest 25
    assert sum(1 for hit in wordpress.hits if "page=" in hit) == 3


def test_the_age_limit_bounds_the_import(wordpress_site, settings, django_capture_on_commit_callbacks):
    settings.BLOG_HISTORY_MAX_AGE_DAYS = 15
    # one post a day, the newest 12 hours old: 15 posts are younger than 15 days
    wordpress = wordpress_site(posts=40, newest=timezone.now() - timedelta(hours=12))

    connection = connect(f"{wordpress.url}/wp-json/wp/v2/posts", django_capture_on_commit_callbacks)

    assert progress(connection) == ("done", 15, 15, 15)
    assert sum(1 for hit in wordpress.hits if "page=" in hit) == 2  # the second page reached back far enough


def test_after_the_history_a_sync_reads_the_newest_page_only(
    wordpress_site, django_capture_on_commit_callbacks
):
    wordpress = wordpress_site(posts=17)
    connection = connect(f"{wordpress.url}/wp-json/wp/v2/posts", django_capture_on_commit_callbacks)
    wordpress.posts.insert(0, {"id": 18, "title": "Beitrag 18", "date": timezone.now()})
    wordpress.hits.clear()

    result = services.blog_sync(connection_id=connection.pk)

    assert (result.created, connection.posts.count()) == (1, 18)
    assert wordpress.hits == ["/wp-json/wp/v2/posts"]


def test_an_atom_archive_is_followed_through_its_rfc5005_links(
    allowed_blog, django_capture_on_commit_callbacks
):
    def archive(number: int, link: str) -> Page:
        entries = "".join(
            f"<entry><id>urn:post:{number}-{n}</id><title>Archiv {number}.{n}</title>"
            f'<link rel="alternate" href="https://blog.example.com/"/>'
            f"<updated>2026-0{number}-1{n}T08:00:00Z</updated></entry>"
            for n in range(3)
        )
        return Page(
            (
                '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Archiv-Blog</title><id>urn:blog</id><updated>2026-09-01T00:00:00Z</updated>{link}"
                f"{entries}</feed>"
            ).encode(),
            content_type="application/atom+xml",
        )

    allowed_blog.pages["/atom"] = archive(9, '<link rel="prev-archive" href="/archive/2"/>')
    allowed_blog.pages["/archive/2"] = archive(8, '<link rel="prev-archive" href="/archive/1"/>')
    allowed_blog.pages["/archive/1"] = archive(7, "")

    connection = connect(f"{allowed_blog.url}/atom", django_capture_on_commit_callbacks)

    assert progress(connection) == ("done", 9, 9, 9)  # nine entries sharing one link: nine posts


def test_an_error_part_way_keeps_what_was_imported(wordpress_site, django_capture_on_commit_callbacks):
    wordpress = wordpress_site(posts=30)
    original = wordpress.respond

    def failing(path: str):
        if "page=3" in path:
            return 500, "text/html", b"oops", {}
        return original(path)

    wordpress.respond = failing

    connection = connect(f"{wordpress.url}/wp-json/wp/v2/posts", django_capture_on_commit_callbacks)

    assert progress(connection) == ("failed", 20, 30, 20)


def test_the_owner_sees_the_progress_in_the_api(
    wordpress_site, client_for, django_capture_on_commit_callbacks
):
    wordpress = wordpress_site(posts=17)
    connection = connect(f"{wordpress.url}/wp-json/wp/v2/posts", django_capture_on_commit_callbacks)

    response = client_for(connection.user).get("/api/v1/connections/")

    assert response.status_code == 200
    (item,) = response.json()["connections"]
    assert item["history"] == {"status": "done", "imported": 17, "total": 17}
