"""Blogs: find a site's feed and fetch it, always through the guarded client in sichtbar.core.http."""

import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from sichtbar.core.http import FetchResult, OutboundBlocked, OutboundError, fetch

from .parsing import ParsedFeed, parse_feed

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, " + FEED_ACCEPT
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)
COMMON_PATHS = ("/feed", "/rss.xml", "/atom.xml", "/feed.json", "/index.xml")
WORDPRESS_PATHS = ("/wp-json/wp/v2/posts", "/?rest_route=/wp/v2/posts")
MAX_ALTERNATES = 5
DISCOVERY_BUDGET_SECONDS = 45.0  # a slow site must not hold the request that connects it for minutes


@dataclass(frozen=True)
class DiscoveredFeed:
    feed_url: str
    feed: ParsedFeed
    result: FetchResult


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base = ""
        self.feeds: list[tuple[str, str]] = []  # (href, type)
        self.wordpress_api = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "base" and values.get("href") and not self.base:
            self.base = values["href"]
        if tag != "link" or not values.get("href"):
            return
        rel = values.get("rel", "").lower().split()
        if "alternate" in rel and values.get("type", "").lower().split(";")[0] in FEED_TYPES:
            self.feeds.append((values["href"], values.get("type", "").lower()))
        if "https://api.w.org/" in rel:
            self.wordpress_api = values["href"]


def _candidates(page: FetchResult) -> list[str]:
    """Feed URLs to try, best first: advertised alternates, common paths, then WordPress's REST API."""
    collector = _LinkCollector()
    try:
        collector.feed(page.content.decode("utf-8", errors="replace"))
        collector.close()
    except Exception:  # noqa: S110 - broken markup only means fewer advertised candidates
        pass
    base = urljoin(page.final_url, collector.base) if collector.base else page.final_url
    # JSON alternates are often the page's own REST resource (WordPress), so feeds of other types go first.
    alternates = sorted(collector.feeds, key=lambda feed: feed[1] == "application/json")
    urls = [urljoin(base, href) for href, _type in alternates[:MAX_ALTERNATES]]
    parts = urlsplit(page.final_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    urls += [origin + path for path in COMMON_PATHS]
    if collector.wordpress_api:
        urls.append(urljoin(urljoin(base, collector.wordpress_api).rstrip("/") + "/", "wp/v2/posts"))
    urls += [origin + path for path in WORDPRESS_PATHS]
    unique: list[str] = []
    for url in urls:
        if url not in unique and url != page.final_url:
            unique.append(url)
    return unique


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "") -> FetchResult:
    return fetch(url, etag=etag or None, last_modified=last_modified or None, accept=FEED_ACCEPT)


def discover_feed(url: str) -> DiscoveredFeed | None:
    """The feed of the blog at `url` (a page or a feed address), or None if the site offers none.

    Errors fetching the page itself propagate (OutboundError); candidates that fail are skipped.
    """
    page = fetch(url, accept=PAGE_ACCEPT)
    feed = parse_feed(page.content, content_type=page.content_type, base_url=page.final_url)
    if feed is not None:
        return DiscoveredFeed(page.final_url, feed, page)
    deadline = time.monotonic() + DISCOVERY_BUDGET_SECONDS
    for candidate in _candidates(page):
        if time.monotonic() > deadline:
            break
        try:
            result = fetch_feed(candidate)
        except OutboundBlocked:
            continue  # an advertised feed on a private address is not ours to fetch
        except OutboundError:
            continue
        feed = parse_feed(result.content, content_type=result.content_type, base_url=result.final_url)
        if feed is not None:
            return DiscoveredFeed(result.final_url, feed, result)
    return None
