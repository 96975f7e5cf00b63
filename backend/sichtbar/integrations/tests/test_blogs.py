"""Blogs against a stand-in blog host on loopback: discovery, formats, conditional sync, errors, fan-out."""

import threading
from datetime import UTC, datetime

import pytest
from celery.exceptions import Retry
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.errors import ApplicationError
from sichtbar.integrations import services, tasks
from sichtbar.integrations.models import Connection, ConnectionStatus, FeedKind, ImportedPost
from sichtbar.integrations.tests.blog_server import (
    BlogServer,
    Page,
    atom,
    html_page,
    json_feed,
    rss,
    wordpress,
)

from .factories import ConnectionFactory

pytestmark = pytest.mark.django_db

FIRST = {
    "title": "Erster Beitrag",
    "link": "https://blog.example.com/erster",
    "guid": "p-1",
    "description": "<p>Eins</p>",
}
SECOND = {
    "title": "Zweiter Beitrag",
    "link": "https://blog.example.com/zweiter",
    "guid": "p-2",
    "description": "<p>Zwei</p>",
}


def titles(connection: Connection) -> list[str]:
    return sorted(connection.posts.values_list("title", flat=True))


# --- discovery ------------------------------------------------------------------------------------------


def test_connect_discovers_the_rss_feed_from_the_alternate_link_and_imports_its_posts(allowed_blog):
    allowed_blog.pages["/"] = html_page(("application/rss+xml", "/feed.xml"))
    allowed_blog.pages["/feed.xml"] = rss(FIRST, SECOND)
    user = UserFactory()

    connection = services.blog_connect(user=user, url=f"{allowed_blog.url}/")

    assert connection.feed_url == f"{allowed_blog.url}/feed.xml"
    assert (connection.feed_kind, connection.status, connection.title) == (
        FeedKind.RSS,
        "connected",
        "Mein Blog",
    )
    assert connection.etag == '"rss-1"'
    assert titles(connection) == ["Erster Beitrag", "Zweiter Beitrag"]
    post = connection.posts.get(external_id="p-1")
    assert (post.author, post.url, post.summary, post.show_on_profile) == (
        user,
        "https://blog.example.com/erster",
        "<p>Eins</p>",
        False,
    )
    assert post.published_at == datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    assert allowed_blog.paths() == ["/", "/feed.xml"]


def test_connect_discovers_an_atom_feed(allowed_blog):
    allowed_blog.pages["/blog/"] = html_page(("application/atom+xml", "atom"))
    allowed_blog.pages["/blog/atom"] = atom(
        {
            "id": "tag:a,2026:1",
            "title": "Atom &amp; mehr",
            "link": "https://a.example.com/1",
            "summary": "&lt;p&gt;A&lt;/p&gt;",
        }
    )

    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/blog/")

    assert (connection.feed_url, connection.feed_kind) == (f"{allowed_blog.url}/blog/atom", FeedKind.ATOM)
    post = connection.posts.get()
    assert (post.external_id, post.title, post.summary) == ("tag:a,2026:1", "Atom & mehr", "<p>A</p>")
    assert post.published_at == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert connection.last_modified == "Fri, 20 Nov 2026 09:30:00 GMT"


def test_connect_discovers_a_json_feed(allowed_blog):
    allowed_blog.pages["/"] = html_page(("application/feed+json", "/feed.json"))
    allowed_blog.pages["/feed.json"] = json_feed(
        {
            "id": 1,
            "url": "https://json.example.com/1",
            "title": "JSON eins",
            "content_html": "<p>J</p>",
            "date_published": "2026-11-21T12:00:00+01:00",
        },
        {"id": "2", "url": "https://json.example.com/2", "content_text": "Nur <Text>"},
    )

    connection = services.blog_connect(user=UserFactory(), url=allowed_blog.url)

    assert (connection.feed_kind, connection.title) == (FeedKind.JSONFEED, "JSON-Blog")
    first, second = connection.posts.order_by("external_id")
    assert (first.external_id, first.title, first.summary) == ("1", "JSON eins", "<p>J</p>")
    assert first.published_at == datetime(2026, 11, 21, 11, 0, tzinfo=UTC)
    assert (second.title, second.summary, second.published_at) == ("", "<p>Nur &lt;Text&gt;</p>", None)


def test_connect_falls_back_to_common_paths(allowed_blog):
    allowed_blog.pages["/"] = html_page()
    allowed_blog.pages["/index.xml"] = rss(FIRST)

    connection = services.blog_connect(user=UserFactory(), url=allowed_blog.url)

    assert connection.feed_url == f"{allowed_blog.url}/index.xml"
    assert allowed_blog.paths() == ["/", "/feed", "/rss.xml", "/atom.xml", "/feed.json", "/index.xml"]


def test_connect_falls_back_to_the_wordpress_rest_api(allowed_blog):
    allowed_blog.pages["/"] = html_page()
    allowed_blog.pages["/wp-json/wp/v2/posts"] = wordpress(
        {"id": 7, "title": "WP &#8211; Beitrag", "excerpt": "<p>Auszug</p>"}
    )

    connection = services.blog_connect(user=UserFactory(), url=allowed_blog.url)

    assert (connection.feed_url, connection.feed_kind) == (
        f"{allowed_blog.url}/wp-json/wp/v2/posts",
        "wordpress",
    )
    post = connection.posts.get()
    assert (post.external_id, post.title, post.summary, post.url) == (
        "https://wp.example.com/?p=7",
        "WP – Beitrag",
        "<p>Auszug</p>",
        "https://wp.example.com/7/",
    )
    assert post.published_at == datetime(2026, 11, 19, 9, 0, tzinfo=UTC)


def test_connect_accepts_the_feed_address_itself(allowed_blog):
    allowed_blog.pages["/feed"] = rss(FIRST)

    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed")

    assert connection.feed_url == f"{allowed_blog.url}/feed"
    assert allowed_blog.paths() == ["/feed"]


def test_an_alternate_link_to_a_private_address_is_skipped(allowed_blog):
    allowed_blog.pages["/"] = html_page(("application/rss+xml", "http://169.254.169.254/latest/meta-data/"))
    allowed_blog.pages["/feed"] = rss(FIRST)

    connection = services.blog_connect(user=UserFactory(), url=allowed_blog.url)

    assert connection.feed_url == f"{allowed_blog.url}/feed"


def test_a_site_without_a_feed_is_refused_and_nothing_is_stored(allowed_blog):
    allowed_blog.pages["/"] = html_page()

    with pytest.raises(ApplicationError) as error:
        services.blog_connect(user=UserFactory(), url=allowed_blog.url)

    assert error.value.code == "feed_not_found"
    assert Connection.objects.count() == 0


def test_a_blog_on_a_private_address_is_refused_without_a_request(blog, settings):
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = False
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [blog.port]
    blog.pages["/"] = rss(FIRST)

    with pytest.raises(ApplicationError) as error:
        services.blog_connect(user=UserFactory(), url=f"http://localhost:{blog.port}/")

    assert (error.value.code, error.value.fields.keys()) == ("url_not_allowed", {"url"})
    assert blog.hits == []
    assert Connection.objects.count() == 0


def test_an_unreachable_blog_is_reported(allowed_blog):
    allowed_blog.pages["/"] = Page(b"oops", status=500)

    with pytest.raises(ApplicationError) as error:
        services.blog_connect(user=UserFactory(), url=allowed_blog.url)

    assert error.value.code == "blog_unreachable"


def test_the_same_blog_cannot_be_connected_twice(allowed_blog):
    allowed_blog.pages["/"] = rss(FIRST)
    user = UserFactory()
    services.blog_connect(user=user, url=allowed_blog.url)

    with pytest.raises(ApplicationError) as error:
        services.blog_connect(user=user, url=allowed_blog.url)

    assert (error.value.code, error.value.status_code) == ("connection_exists", 409)
    assert Connection.objects.count() == 1


@pytest.mark.parametrize("url", ["ftp://blog.example.com/", "javascript:alert(1)", "https://", "not a url"])
def test_invalid_addresses_are_refused(url):
    with pytest.raises(ApplicationError) as error:
        services.blog_connect(user=UserFactory(), url=url)

    assert error.value.code in {"url_invalid", "url_not_allowed"}
    assert Connection.objects.count() == 0


# --- sanitising and deduplicating -----------------------------------------------------------------------


def test_scripts_event_handlers_and_script_links_are_removed(allowed_blog):
    evil = {
        "title": "<b>Fett</b><script>alert(1)</script>",
        "link": "javascript:alert(1)",
        "guid": "evil",
        "description": '<p onclick="x()">Hallo<script>alert(1)</script><img src=x onerror="alert(1)"></p>'
        '<a href="javascript:alert(1)">a</a><a href="https://ok.example.com">b</a>',
    }
    allowed_blog.pages["/feed"] = rss(evil)

    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed")

    post = connection.posts.get()
    assert post.summary == (
        '<p>Hallo</p><a rel="noopener noreferrer nofollow">a</a>'
        '<a href="https://ok.example.com" rel="noopener noreferrer nofollow">b</a>'
    )
    assert "script" not in post.title and "onerror" not in post.summary
    assert post.title == "Fett"
    assert post.url == ""


def test_syncing_twice_creates_no_duplicates_and_uses_a_conditional_get(allowed_blog):
    allowed_blog.pages["/feed"] = rss(FIRST, SECOND)
    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed")

    first = services.blog_sync(connection_id=connection.pk)
    second = services.blog_sync(connection_id=connection.pk)

    assert (first.not_modified, second.not_modified, second.created) == (True, True, 0)
    assert ImportedPost.objects.count() == 2
    assert allowed_blog.hits[-1][1]["If-None-Match"] == '"rss-1"'


def test_a_changed_feed_adds_new_posts_and_updates_changed_ones_once(allowed_blog):
    allowed_blog.pages["/feed"] = rss(FIRST)
    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed")
    renamed = {**FIRST, "title": "Erster Beitrag (korrigiert)"}
    allowed_blog.pages["/feed"] = rss(renamed, SECOND, SECOND, etag='"rss-2"')

    result = services.blog_sync(connection_id=connection.pk)
    again = services.blog_sync(connection_id=connection.pk)

    assert (result.created, result.updated) == (1, 1)
    assert (again.created, again.updated, again.not_modified) == (0, 0, True)
    assert titles(connection) == ["Erster Beitrag (korrigiert)", "Zweiter Beitrag"]


def test_an_entry_whose_id_changed_but_url_did_not_is_the_same_post(allowed_blog):
    allowed_blog.pages["/feed"] = rss(FIRST)
    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed")
    post = connection.posts.get()
    services.post_set_visibility(post=post, show_on_profile=True)
    allowed_blog.pages["/feed"] = rss({**FIRST, "guid": "new-id-scheme"}, etag='"rss-2"')

    services.blog_sync(connection_id=connection.pk)

    assert connection.posts.count() == 1
    post.refresh_from_db()
    assert post.show_on_profile is True


def test_entries_without_an_id_are_deduplicated_by_url(allowed_blog):
    no_guid = {key: value for key, value in FIRST.items() if key != "guid"}
    allowed_blog.pages["/feed"] = Page(rss(no_guid).body, content_type="application/rss+xml")  # no validators
    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed")

    result = services.blog_sync(connection_id=connection.pk)

    assert connection.posts.get().external_id == "https://blog.example.com/erster"
    assert result.not_modified is True  # same bytes, not parsed again


def test_a_server_with_only_last_modified_gets_if_modified_since(allowed_blog):
    allowed_blog.pages["/atom"] = atom({"id": "a1", "title": "A", "link": "https://a.example.com/1"})
    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/atom")

    result = services.blog_sync(connection_id=connection.pk)

    assert result.not_modified is True
    assert allowed_blog.hits[-1][1]["If-Modified-Since"] == "Fri, 20 Nov 2026 09:30:00 GMT"


# --- failures -------------------------------------------------------------------------------------------


def _connected(blog: BlogServer) -> Connection:
    blog.pages["/feed"] = rss(FIRST)
    return services.blog_connect(user=UserFactory(), url=f"{blog.url}/feed")


@pytest.mark.parametrize(
    ("page", "code", "temporary"),
    [
        (Page(b"oops", status=500), "http_error", True),
        (Page(b"gone", status=404), "http_error", False),
        (Page(b"<html><body>Wartung</body></html>"), "invalid_feed", False),
        (Page(b"x" * 4096, content_type="application/rss+xml"), "too_large", False),
    ],
)
def test_a_failed_sync_is_recorded_and_keeps_the_posts(allowed_blog, settings, page, code, temporary):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = page
    settings.OUTBOUND_HTTP_MAX_BYTES = 2048

    result = services.blog_sync(connection_id=connection.pk)

    connection.refresh_from_db()
    assert (result.error_code, result.temporary) == (code, temporary)
    assert (connection.status, connection.last_error_code) == (ConnectionStatus.ERROR, code)
    assert connection.last_error
    assert connection.posts.count() == 1


def test_a_slow_feed_times_out(allowed_blog, settings):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = Page(b"<rss/>", delay=1.0)
    settings.OUTBOUND_HTTP_READ_TIMEOUT = 0.2

    result = services.blog_sync(connection_id=connection.pk)

    assert (result.error_code, result.temporary) == ("timeout", True)


def test_too_many_requests_passes_retry_after_on(allowed_blog):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = Page(b"", status=429, headers={"Retry-After": "90"})

    result = services.blog_sync(connection_id=connection.pk)

    assert (result.error_code, result.temporary, result.retry_after) == ("http_error", True, 90)


def test_a_redirect_to_the_metadata_address_is_blocked(allowed_blog):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = Page(
        b"", status=302, headers={"Location": "http://169.254.169.254/latest/"}
    )

    result = services.blog_sync(connection_id=connection.pk)

    connection.refresh_from_db()
    assert (result.error_code, connection.last_error_code) == ("blocked_network", "blocked_network")


def test_a_working_sync_clears_the_last_error(allowed_blog):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = Page(b"oops", status=500)
    services.blog_sync(connection_id=connection.pk)
    allowed_blog.pages["/feed"] = rss(FIRST, SECOND, etag='"rss-3"')

    result = services.blog_sync(connection_id=connection.pk)

    connection.refresh_from_db()
    assert result.created == 1
    assert (connection.status, connection.last_error, connection.last_error_code) == ("connected", "", "")


def test_a_crash_while_importing_is_recorded_not_raised(allowed_blog, monkeypatch):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = rss(SECOND, etag='"rss-9"')

    def explode(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(services, "_store_entries", explode)

    result = services.blog_sync(connection_id=connection.pk)

    connection.refresh_from_db()
    assert (result.error_code, connection.last_error_code) == ("sync_failed", "sync_failed")
    assert connection.etag == '"rss-1"'  # nothing of the failed import was kept


# --- tasks ----------------------------------------------------------------------------------------------


def test_the_fan_out_syncs_every_blog_even_when_some_fail(
    allowed_blog, monkeypatch, django_capture_on_commit_callbacks
):
    good = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = rss(FIRST, SECOND, etag='"rss-2"')
    allowed_blog.pages["/broken"] = Page(b"oops", status=500)
    broken = ConnectionFactory(feed_url=f"{allowed_blog.url}/broken")
    private = ConnectionFactory(feed_url="http://10.0.0.1/feed")
    crashing = ConnectionFactory(feed_url=f"{allowed_blog.url}/crash")
    real_fetch = services.fetch_feed

    def fetch_or_crash(url, **kwargs):
        if url.endswith("/crash"):
            raise RuntimeError("unexpected")
        return real_fetch(url, **kwargs)

    monkeypatch.setattr(services, "fetch_feed", fetch_or_crash)

    with django_capture_on_commit_callbacks(execute=True) as enqueued:
        queued = tasks.blogs_sync_all.apply().get()

    # one batch task for the four blogs, then the good blog's new posts: evidence refresh and mention scan
    assert len(enqueued) >= 3
    assert queued == 4
    assert titles(good) == ["Erster Beitrag", "Zweiter Beitrag"]
    states = {c.pk: (c.status, c.last_error_code) for c in Connection.objects.all()}
    assert states[good.pk] == ("connected", "")
    assert states[broken.pk] == ("error", "http_error")
    assert states[private.pk] == ("error", "blocked_network")
    assert states[crashing.pk] == ("error", "sync_failed")


def test_the_fan_out_hands_the_blogs_out_in_batches(monkeypatch):
    ids = sorted(ConnectionFactory().pk for _ in range(3))
    queued: list[tuple[object, dict]] = []
    monkeypatch.setattr(tasks, "BLOG_SYNC_BATCH", 2)
    monkeypatch.setattr(tasks, "enqueue_on_commit", lambda task, **kwargs: queued.append((task, kwargs)))

    assert tasks.blogs_sync_all() == 3

    assert queued == [
        (tasks.blogs_sync_batch, {"connection_ids": ids[:2]}),
        (tasks.blogs_sync_batch, {"connection_ids": ids[2:]}),
    ]


def test_a_batch_fetches_its_feeds_concurrently(allowed_blog, monkeypatch):
    allowed_blog.pages["/a"] = rss(FIRST, etag='"a-1"')
    allowed_blog.pages["/b"] = rss(SECOND, etag='"b-1"')
    allowed_blog.pages["/c"] = rss(FIRST, SECOND, etag='"c-1"')
    connections = [ConnectionFactory(feed_url=f"{allowed_blog.url}/{name}") for name in "abc"]
    # Every fetch waits until all three are in flight: one after another, the barrier would break.
    barrier = threading.Barrier(3, timeout=10)
    real_fetch = services.fetch_feed

    def fetch_together(url, **kwargs):
        barrier.wait()
        return real_fetch(url, **kwargs)

    monkeypatch.setattr(services, "fetch_feed", fetch_together)

    results = services.blogs_sync(connection_ids=[c.pk for c in connections])

    assert [results[c.pk].created for c in connections] == [1, 1, 2]
    assert [titles(c) for c in connections] == [
        ["Erster Beitrag"],
        ["Zweiter Beitrag"],
        ["Erster Beitrag", "Zweiter Beitrag"],
    ]
    assert sorted(allowed_blog.paths()) == ["/a", "/b", "/c"]


def test_a_batch_skips_blogs_another_sync_holds(allowed_blog):
    from django.core.cache import cache

    allowed_blog.pages["/feed"] = rss(FIRST, etag='"rss-1"')
    busy, free = (ConnectionFactory(feed_url=f"{allowed_blog.url}/feed") for _ in range(2))
    cache.add(f"integrations:sync:{busy.pk}", 1, 60)
    try:
        results = services.blogs_sync(connection_ids=[busy.pk, free.pk])
    finally:
        cache.delete(f"integrations:sync:{busy.pk}")

    assert (results[busy.pk].skipped, results[free.pk].created) == (True, 1)
    assert (titles(busy), titles(free)) == ([], ["Erster Beitrag"])
    assert allowed_blog.paths() == ["/feed"]


def test_the_batch_task_retries_only_the_blog_that_failed_temporarily(allowed_blog, monkeypatch):
    allowed_blog.pages["/busy"] = Page(b"", status=503, headers={"Retry-After": "600"})
    allowed_blog.pages["/feed"] = rss(FIRST, etag='"rss-1"')
    busy = ConnectionFactory(feed_url=f"{allowed_blog.url}/busy")
    good = ConnectionFactory(feed_url=f"{allowed_blog.url}/feed")
    scheduled: list[tuple[dict, int]] = []
    monkeypatch.setattr(
        tasks.blog_sync, "apply_async", lambda kwargs, countdown: scheduled.append((kwargs, countdown))
    )

    outcome = tasks.blogs_sync_batch(connection_ids=[busy.pk, good.pk])

    assert outcome == {"synced": 2, "created": 1, "retrying": 1}
    assert scheduled == [({"connection_id": busy.pk}, 600)]
    assert titles(good) == ["Erster Beitrag"]
    busy.refresh_from_db()
    assert (busy.status, busy.last_error_code) == ("error", "http_error")


def test_importing_a_feed_takes_the_same_queries_however_many_posts_it_has(allowed_blog):
    entries = [
        {
            "title": f"Beitrag {n}",
            "link": f"https://blog.example.com/{n}",
            "guid": f"p-{n}",
            "description": "x",
        }
        for n in range(30)
    ]
    allowed_blog.pages["/small"] = rss(*entries[:2], etag='"s-1"')
    allowed_blog.pages["/large"] = rss(*entries, etag='"l-1"')
    small = ConnectionFactory(feed_url=f"{allowed_blog.url}/small")
    large = ConnectionFactory(feed_url=f"{allowed_blog.url}/large")

    with CaptureQueriesContext(db_connection) as few:
        services.blog_sync(connection_id=small.pk)
    with CaptureQueriesContext(db_connection) as many:
        services.blog_sync(connection_id=large.pk)

    assert large.posts.count() == 30
    assert len(many.captured_queries) == len(few.captured_queries)
    # and changing posts later: one UPDATE for all of them
    allowed_blog.pages["/large"] = rss(*({**entry, "title": entry["title"] + "!"} for entry in entries))
    with CaptureQueriesContext(db_connection) as changed:
        result = services.blog_sync(connection_id=large.pk)
    assert result.updated == 30
    assert len(changed.captured_queries) == len(few.captured_queries)
    assert large.posts.filter(title__endswith="!").count() == 30


def test_the_sync_task_retries_temporary_errors_with_backoff(allowed_blog, monkeypatch):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = Page(b"", status=503, headers={"Retry-After": "600"})
    countdowns: list[int] = []

    def retry(countdown: int, **kwargs):
        countdowns.append(countdown)
        return Retry()

    monkeypatch.setattr(tasks.blog_sync, "retry", retry)

    with pytest.raises(Retry):
        tasks.blog_sync(connection_id=connection.pk)

    assert countdowns == [600]


def test_the_sync_task_does_not_retry_permanent_errors(allowed_blog, monkeypatch):
    connection = _connected(allowed_blog)
    allowed_blog.pages["/feed"] = Page(b"", status=404)
    monkeypatch.setattr(tasks.blog_sync, "retry", lambda **kwargs: pytest.fail("retried"))

    outcome = tasks.blog_sync(connection_id=connection.pk)

    assert outcome == {"created": 0, "updated": 0, "error": "http_error"}


def test_backoff_grows_and_respects_retry_after():
    assert 48 <= tasks.backoff_seconds(0) <= 72
    assert 192 <= tasks.backoff_seconds(2) <= 288
    assert tasks.backoff_seconds(10) <= 3600 * 1.2
    assert tasks.backoff_seconds(0, retry_after=1800) == 1800


def test_a_sync_of_a_deleted_or_inactive_connection_is_skipped(allowed_blog):
    connection = _connected(allowed_blog)
    connection.user.is_active = False
    connection.user.save()

    assert services.blog_sync(connection_id=connection.pk).skipped is True
    assert services.blog_sync(connection_id=999_999).skipped is True
