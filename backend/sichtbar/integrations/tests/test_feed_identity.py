"""Exact identity of feed entries, plain-text fields, site titles and refusals that name the setting."""

import json
from pathlib import Path

import pytest
from django.utils import translation

from sichtbar.accounts.tests.factories import UserFactory
from sichtbar.core.errors import ApplicationError
from sichtbar.integrations import services
from sichtbar.integrations.models import Connection, ImportedPost
from sichtbar.integrations.tests.blog_server import Page, html_page, rss, wordpress

pytestmark = pytest.mark.django_db

FEEDS = Path(__file__).parent / "feeds"


def fixture(name: str, content_type: str) -> Page:
    return Page((FEEDS / name).read_bytes(), content_type=content_type)


def test_a_podcast_whose_131_entries_share_one_link_gives_131_posts(allowed_blog):
    allowed_blog.pages["/feed.xml"] = fixture("podcast-131.xml", "application/rss+xml; charset=UTF-8")

    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed.xml")

    assert connection.posts.count() == 131
    assert set(connection.posts.values_list("url", flat=True)) == {"https://podcast.example.org/"}
    assert connection.posts.get(external_id="6c1f2a4e-podcast-episode-0007").title == (
        "Folge 7: Sichtbarkeit im Mittelstand, Teil 7"
    )
    assert connection.title == "Sichtbar im Mittelstand – der Podcast"


def test_an_edited_episode_is_updated_in_place_and_no_other_changes(allowed_blog):
    body = (FEEDS / "podcast-131.xml").read_text()
    allowed_blog.pages["/feed.xml"] = Page(body.encode(), content_type="application/rss+xml")
    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed.xml")
    before = connection.posts.get(external_id="6c1f2a4e-podcast-episode-0042")
    services.post_set_visibility(post=before, show_on_profile=True)
    edited = body.replace("Folge 42: Sichtbarkeit im Mittelstand, Teil 42", "Folge 42: Korrigierter Titel")
    allowed_blog.pages["/feed.xml"] = Page(edited.encode(), content_type="application/rss+xml")

    result = services.blog_sync(connection_id=connection.pk)

    assert (result.created, result.updated) == (0, 1)
    assert connection.posts.count() == 131
    after = ImportedPost.objects.get(pk=before.pk)
    assert (after.title, after.show_on_profile) == ("Folge 42: Korrigierter Titel", True)


def test_entries_sharing_a_link_with_different_ids_are_separate_posts_even_one_at_a_time(allowed_blog):
    first = {"title": "Eins", "link": "https://blog.example.com/", "guid": "a", "description": "1"}
    second = {"title": "Zwei", "link": "https://blog.example.com/", "guid": "b", "description": "2"}
    allowed_blog.pages["/feed"] = rss(first, second)
    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed")
    allowed_blog.pages["/feed"] = rss({**first, "title": "Drei", "guid": "c"}, first, second, etag='"rss-2"')

    result = services.blog_sync(connection_id=connection.pk)

    assert (result.created, result.updated) == (1, 0)
    assert sorted(connection.posts.values_list("external_id", "title")) == [
        ("a", "Eins"),
        ("b", "Zwei"),
        ("c", "Drei"),
    ]


def test_html_in_a_json_feed_summary_becomes_text(allowed_blog):
    allowed_blog.pages["/feed.json"] = fixture("jsonfeed-npm-feed.json", "application/feed+json")

    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/feed.json")

    summaries = dict(connection.posts.values_list("title", "summary"))
    assert summaries == {
        "Kubernetes ohne Ausfall aktualisieren": (
            "<p>Wie wir Kubernetes ohne Ausfall aktualisiert haben &amp; was wir lernten.</p>"
        ),
        "PostgreSQL 15 im Alltag": "<p>Merge, Logical Replication &lt;und&gt; mehr.</p>",
    }
    assert connection.title == "Technik-Notizen"


def test_a_wordpress_blog_connected_by_its_rest_address_is_named_after_the_site(allowed_blog):
    allowed_blog.pages["/wp-json/wp/v2/posts"] = wordpress({"id": 1, "title": "Hallo Welt"})
    allowed_blog.pages["/wp-json/"] = Page(
        json.dumps({"name": "Jana &amp; das Netz", "url": "https://wp.example.com"}).encode(),
        content_type="application/json",
    )

    connection = services.blog_connect(user=UserFactory(), url=f"{allowed_blog.url}/wp-json/wp/v2/posts")

    assert (connection.title, connection.feed_kind) == ("Jana & das Netz", "wordpress")


def test_a_wordpress_blog_found_from_its_page_is_named_after_the_site(allowed_blog):
    allowed_blog.pages["/"] = html_page(extra_head='<meta property="og:site_name" content="Janas Blog">')
    allowed_blog.pages["/?rest_route=/wp/v2/posts"] = wordpress({"id": 1, "title": "Hallo Welt"})

    connection = services.blog_connect(user=UserFactory(), url=allowed_blog.url)

    # no /wp-json/ index here (404): the page's own metadata names it
    assert (connection.title, connection.feed_kind) == ("Janas Blog", "wordpress")


def test_a_refused_port_names_the_setting_that_allows_it_in_both_languages(blog, settings):
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = True
    settings.OUTBOUND_HTTP_EXTRA_PORTS = []
    blog.pages["/feed"] = rss()

    with translation.override("en"), pytest.raises(ApplicationError) as english:
        services.blog_connect(user=UserFactory(), url=f"{blog.url}/feed")
    with translation.override("de"), pytest.raises(ApplicationError) as german:
        services.blog_connect(user=UserFactory(), url=f"{blog.url}/feed")

    assert english.value.code == "url_not_allowed"
    assert english.value.message == (
        f"Port {blog.port} is not allowed for outgoing connections. An administrator can allow it with the "
        "setting OUTBOUND_HTTP_EXTRA_PORTS."
    )
    assert german.value.message == (
        f"Port {blog.port} ist für ausgehende Verbindungen nicht freigegeben. Eine Administratorin oder ein "
        "Administrator kann ihn mit der Einstellung OUTBOUND_HTTP_EXTRA_PORTS freigeben."
    )
    assert (blog.hits, Connection.objects.count()) == ([], 0)


def test_a_refused_network_names_the_setting_that_allows_it(blog, settings):
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = False
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [blog.port]
    blog.pages["/feed"] = rss()

    with translation.override("en"), pytest.raises(ApplicationError) as error:
        services.blog_connect(user=UserFactory(), url=f"{blog.url}/feed")

    assert error.value.fields == {
        "url": [
            "This address is in a private or internal network. An administrator can allow the network with "
            "the setting OUTBOUND_HTTP_ALLOWED_NETWORKS."
        ]
    }
    assert (blog.hits, Connection.objects.count()) == ([], 0)


def test_an_intranet_network_the_operator_allowed_is_fetched(blog, settings):
    settings.OUTBOUND_HTTP_ALLOW_LOOPBACK = False
    settings.OUTBOUND_HTTP_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.OUTBOUND_HTTP_EXTRA_PORTS = [blog.port]
    blog.pages["/feed"] = rss({"title": "Intern", "link": "https://intra.example/1", "guid": "i1"})

    connection = services.blog_connect(user=UserFactory(), url=f"{blog.url}/feed")

    assert list(connection.posts.values_list("title", flat=True)) == ["Intern"]
