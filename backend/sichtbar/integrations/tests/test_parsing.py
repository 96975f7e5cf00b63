"""Feed bytes to entries, without a server: the edge cases of the formats."""

import gzip

import pytest

from sichtbar.core.feeds.parsing import parse_feed, web_url
from sichtbar.integrations import services
from sichtbar.integrations.tests.blog_server import Page, rss

from .factories import ConnectionFactory


def test_a_path_as_body_is_never_opened_as_a_file(tmp_path):
    secret = tmp_path / "feed.xml"
    secret.write_bytes(rss({"title": "Lokal", "link": "https://x.example.com/", "guid": "l"}).body)

    assert parse_feed(str(secret).encode()) is None


def test_malformed_xml_is_read_as_far_as_possible():
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Kaputt & roh</title>'
        b"<item><title>Noch lesbar</title><link>https://k.example.com/1</link></item>"
    )

    feed = parse_feed(body, content_type="application/rss+xml")

    assert feed is not None
    assert [(e.title, e.external_id) for e in feed.entries] == [("Noch lesbar", "https://k.example.com/1")]


@pytest.mark.parametrize("body", [b"", b"{}", b"[1, 2]", b'{"version": "1"}', b"<html><body>x</body></html>"])
def test_things_that_are_not_feeds(body):
    assert parse_feed(body) is None


def test_relative_links_resolve_against_the_feed_address():
    body = rss({"title": "R", "link": "/posts/1", "guid": "r"}).body.replace(
        b"<link>https://blog.example.com/</link>", b""
    )

    feed = parse_feed(body, base_url="https://blog.example.com/feed")

    assert feed is not None
    assert feed.entries[0].url == "https://blog.example.com/posts/1"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://ok.example.com/a", "https://ok.example.com/a"),
        ("javascript:alert(1)", ""),
        ("data:text/html,x", ""),
        ("//evil.example.com", ""),
        (None, ""),
    ],
)
def test_only_web_links_are_kept(value, expected):
    assert web_url(value) == expected


@pytest.mark.django_db
def test_a_gzip_encoded_feed_is_imported(allowed_blog):
    plain = rss({"title": "Gepackt", "link": "https://g.example.com/1", "guid": "g1"})
    allowed_blog.pages["/feed"] = Page(
        gzip.compress(plain.body), content_type=plain.content_type, headers={"Content-Encoding": "gzip"}
    )
    connection = ConnectionFactory(feed_url=f"{allowed_blog.url}/feed")

    result = services.blog_sync(connection_id=connection.pk)

    assert result.created == 1
    assert connection.posts.get().title == "Gepackt"
