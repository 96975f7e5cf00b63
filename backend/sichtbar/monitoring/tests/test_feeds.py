"""Feeds against stand-in sites on loopback: detection, dedup, conditional GET, errors, fan-out, rescans,
and imported posts scanned when the integrations app stores them."""

from datetime import UTC, datetime

import pytest

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.integrations import services as integrations_services
from sichtbar.integrations.tests.blog_server import Page, atom, html_page, rss
from sichtbar.integrations.tests.factories import ImportedPostFactory
from sichtbar.monitoring import services, tasks
from sichtbar.monitoring.models import FetchStatus, Mention, MentionSource, MonitoringFeed

from .factories import MonitoredTermFactory, MonitoringFeedFactory

pytestmark = pytest.mark.django_db

ABOUT_US = {
    "title": "Sichtbar GmbH eröffnet Büro in Wien",
    "link": "https://news.example.com/wien",
    "guid": "n-1",
    "description": "<p>Die Sichtbar GmbH wächst.</p><p>Geschäftsführerin Jördis Weißmüller sagt: gut.</p>",
}
ABOUT_OTHERS = {
    "title": "Unsichtbare Risiken im Mittelstand",
    "link": "https://news.example.com/risiken",
    "guid": "n-2",
    "description": "<p>Nichts über uns.</p>",
}


@pytest.fixture
def sichtbar():
    return MonitoredTermFactory(text="Sichtbar", kind="company")


def feed_on(server, path="/feed", **kwargs) -> MonitoringFeed:
    return MonitoringFeedFactory(url=f"{server.url}{path}", **kwargs)


def test_a_fetch_stores_the_items_naming_a_term_or_an_expert_with_highlighted_excerpts(news, allow, sichtbar):
    allow(news)
    expert = UserFactory(first_name="Jördis", last_name="Weißmüller")
    news.pages["/feed"] = rss(ABOUT_US, ABOUT_OTHERS)
    feed = feed_on(news)

    outcome = services.feed_fetch(feed_id=feed.pk)

    assert (outcome.created, outcome.error_code) == (1, "")
    mention = Mention.objects.get()
    assert (mention.source, mention.feed, mention.external_id, mention.url, mention.title) == (
        MentionSource.FEED,
        feed,
        "n-1",
        "https://news.example.com/wien",
        "Sichtbar GmbH eröffnet Büro in Wien",
    )
    assert mention.published_at == datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
    assert list(mention.terms.all()) == [sichtbar]
    assert list(mention.experts.all()) == [expert]
    assert mention.excerpt.startswith(
        "<mark>Sichtbar</mark> GmbH eröffnet Büro in Wien Die <mark>Sichtbar</mark>"
    )
    assert "<mark>Jördis Weißmüller</mark>" in mention.excerpt
    feed.refresh_from_db()
    assert (feed.last_fetch_status, feed.last_error, feed.etag) == (FetchStatus.OK, "", '"rss-1"')
    assert feed.last_success_at is not None


def test_a_second_fetch_is_a_conditional_get_and_stores_nothing_twice(news, allow, sichtbar):
    allow(news)
    news.pages["/feed"] = rss(ABOUT_US)
    feed = feed_on(news)
    services.feed_fetch(feed_id=feed.pk)

    outcome = services.feed_fetch(feed_id=feed.pk)

    assert outcome.not_modified is True
    assert news.hits[-1][1].get("If-None-Match") == '"rss-1"'
    assert Mention.objects.count() == 1


def test_a_changed_feed_updates_the_item_found_by_its_id_or_its_url(news, allow, sichtbar):
    allow(news)
    news.pages["/feed"] = rss(ABOUT_US)
    feed = feed_on(news)
    services.feed_fetch(feed_id=feed.pk)
    first = Mention.objects.get()

    news.pages["/feed"] = rss(
        {**ABOUT_US, "guid": "n-1-neu", "title": "Sichtbar GmbH in Wien"}, etag='"rss-2"'
    )
    outcome = services.feed_fetch(feed_id=feed.pk)

    assert (outcome.created, outcome.updated) == (0, 1)
    assert list(Mention.objects.values_list("pk", "title", "external_id")) == [
        (first.pk, "Sichtbar GmbH in Wien", "n-1-neu")
    ]


def test_the_same_article_in_two_feeds_is_one_mention(news, forum, allow, sichtbar):
    allow(news, forum)
    news.pages["/feed"] = rss(ABOUT_US, ABOUT_US)  # listed twice in one feed, too
    forum.pages["/atom"] = atom(
        {"id": "tag:forum,2026:9", "title": "Sichtbar?", "link": ABOUT_US["link"], "summary": "Sichtbar!"}
    )
    first, second = feed_on(news), feed_on(forum, "/atom")

    services.feed_fetch(feed_id=first.pk)
    services.feed_fetch(feed_id=second.pk)

    assert list(Mention.objects.values_list("feed", flat=True)) == [first.pk]


def test_exclusion_words_and_word_boundaries_keep_false_hits_out(news, allow):
    allow(news)
    MonitoredTermFactory(text="Jaguar", exclude_words=["Zoo"])
    news.pages["/feed"] = rss(
        {"title": "Jaguar im Zoo", "link": "https://n.example.com/zoo", "guid": "z"},
        {"title": "Jaguare und Jaguarundis", "link": "https://n.example.com/plural", "guid": "p"},
        {"title": "Der neue Jaguar", "link": "https://n.example.com/auto", "guid": "a"},
    )

    services.feed_fetch(feed_id=feed_on(news).pk)

    assert list(Mention.objects.values_list("external_id", flat=True)) == ["a"]


def test_a_failing_feed_does_not_stop_the_others_and_its_error_is_visible(
    news, forum, allow, sichtbar, django_capture_on_commit_callbacks
):
    allow(news, forum)
    news.pages["/feed"] = Page(b"kaputt", status=500)
    forum.pages["/broken"] = html_page()  # a web page, not a feed
    forum.pages["/feed"] = rss(ABOUT_US)
    failing, malformed, working = feed_on(news), feed_on(forum, "/broken"), feed_on(forum)
    inactive = feed_on(forum, "/feed?inactive", active=False)

    with django_capture_on_commit_callbacks(execute=True):
        fanned_out = tasks.feeds_fetch_all.delay().get()

    assert fanned_out == 3
    failing.refresh_from_db()
    malformed.refresh_from_db()
    working.refresh_from_db()
    inactive.refresh_from_db()
    assert (failing.last_fetch_status, failing.last_error_code) == (FetchStatus.ERROR, "http_error")
    assert failing.last_error == "Der Feed antwortete mit HTTP-Status 500."  # in the site's language
    assert (malformed.last_fetch_status, malformed.last_error_code) == (FetchStatus.ERROR, "invalid_feed")
    assert working.last_fetch_status == FetchStatus.OK
    assert inactive.last_fetch_status == FetchStatus.PENDING
    assert list(Mention.objects.values_list("feed", flat=True)) == [working.pk]


def test_a_feed_on_a_private_address_is_never_fetched(news, sichtbar):
    news.pages["/feed"] = rss(ABOUT_US)  # loopback is not allowed here
    feed = feed_on(news)

    outcome = services.feed_fetch(feed_id=feed.pk)

    feed.refresh_from_db()
    assert (outcome.error_code, feed.last_error_code, feed.last_fetch_status) == (
        "blocked_port",  # the stand-in's port is refused before its loopback address would be
        "blocked_port",
        "error",
    )
    assert "OUTBOUND_HTTP_EXTRA_PORTS" in feed.last_error
    assert news.hits == []
    assert not Mention.objects.exists()


def test_a_temporary_failure_asks_the_task_to_retry(news, allow):
    allow(news)
    news.pages["/feed"] = Page(b"busy", status=503, headers={"Retry-After": "120"})

    outcome = services.feed_fetch(feed_id=feed_on(news).pk)

    assert (outcome.temporary, outcome.retry_after) == (True, 120)


def test_a_new_term_rescans_recent_posts_and_refetches_feeds_in_full(
    news, allow, manager, django_capture_on_commit_callbacks
):
    allow(news)
    news.pages["/feed"] = rss(ABOUT_US)
    feed = feed_on(news)
    services.feed_fetch(feed_id=feed.pk)  # nothing to look for yet
    assert not Mention.objects.exists()
    post = ImportedPostFactory(title="Warum ich bei Sichtbar arbeite", published_at=datetime.now(tz=UTC))

    with django_capture_on_commit_callbacks(execute=True):
        services.term_create(actor=manager, text="Sichtbar", kind="company")

    assert sorted(Mention.objects.values_list("source", flat=True)) == ["feed", "network"]
    assert Mention.objects.get(source="network").post == post
    assert "If-None-Match" not in news.hits[-1][1]  # the refetch ignored the validators


def test_a_deleted_term_removes_the_mentions_that_only_it_found(manager, django_capture_on_commit_callbacks):
    term = MonitoredTermFactory(text="Sichtbar")
    expert = UserFactory(first_name="Lena", last_name="Vogt")
    only_term = ImportedPostFactory(title="Sichtbar", published_at=datetime.now(tz=UTC))
    both = ImportedPostFactory(title="Sichtbar und Lena Vogt", published_at=datetime.now(tz=UTC))
    services.mentions_scan_posts(post_ids=[only_term.pk, both.pk])
    assert Mention.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.term_delete(actor=manager, term=term)

    remaining = Mention.objects.get()
    assert remaining.post == both
    assert list(remaining.experts.all()) == [expert]
    assert list(remaining.terms.all()) == []


def test_posts_imported_from_a_blog_are_scanned_and_the_author_is_not_their_own_mention(
    news, allow, sichtbar, django_capture_on_commit_callbacks
):
    allow(news)
    author = UserFactory(first_name="Jördis", last_name="Weißmüller")
    colleague = UserFactory(first_name="Tim", last_name="Brenner")
    news.pages["/"] = html_page(("application/rss+xml", "/rss"))
    news.pages["/rss"] = rss(
        {
            "title": "Mein Jahr bei Sichtbar",
            "link": "https://blog.example.com/jahr",
            "guid": "b-1",
            "description": "<p>Von Jördis Weißmüller, mit Dank an Tim Brenner.</p>",
        },
        {"title": "Urlaubsfotos", "link": "https://blog.example.com/urlaub", "guid": "b-2"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        connection = integrations_services.blog_connect(user=author, url=f"{news.url}/")

    mention = Mention.objects.get()
    assert (mention.source, mention.post.connection, mention.title) == (
        MentionSource.NETWORK,
        connection,
        "Mein Jahr bei Sichtbar",
    )
    assert list(mention.terms.all()) == [sichtbar]
    assert list(mention.experts.all()) == [colleague]


def test_scanning_a_post_twice_keeps_one_mention(sichtbar):
    post = ImportedPostFactory(title="Sichtbar-Update")

    services.mentions_scan_posts(post_ids=[post.pk])
    services.mentions_scan_posts(post_ids=[post.pk])

    assert Mention.objects.filter(post=post).count() == 1


def test_the_hourly_sweep_scans_posts_changed_lately_and_leaves_older_ones(sichtbar):
    recent = ImportedPostFactory(title="Sichtbar heute")
    older = ImportedPostFactory(title="Sichtbar damals")
    type(older).objects.filter(pk=older.pk).update(updated_at=datetime(2026, 1, 1, tzinfo=UTC))

    found = tasks.mentions_scan_recent_posts.delay().get()

    assert found == 1
    assert list(Mention.objects.values_list("post", flat=True)) == [recent.pk]
