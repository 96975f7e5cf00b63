"""Find a site's feed, its name, and fetch feeds, always through the guarded client in sichtbar.core.http."""

import json
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from sichtbar.core.http import FetchResult, OutboundBlocked, OutboundError, fetch

from .parsing import FeedKind, ParsedFeed, parse_feed, text_of

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
MAX_INDEX_BYTES = 2 * 1024 * 1024  # WordPress's REST index lists every route; a big site's is ~1 MB
DISCOVERY_BUDGET_SECONDS = 45.0  # a slow site must not hold the request that connects it for minutes


@dataclass(frozen=True)
class DiscoveredFeed:
    feed_url: str
    feed: ParsedFeed
    result: FetchResult
    title: str = ""  # the site's name: the feed's title, WordPress's site name, the page's name, the host


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base = ""
        self.feeds: list[tuple[str, str]] = []  # (href, type)
        self.wordpress_api = ""
        self.site_name = ""  # og:site_name, else the <title>
        self._title: list[str] = []
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    @property
    def name(self) -> str:
        return text_of(self.site_name or "".join(self._title))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "title" and not self._title:
            self._in_title = True
        if tag == "meta" and values.get("property") == "og:site_name" and values.get("content"):
            self.site_name = values["content"]
        if tag == "base" and values.get("href") and not self.base:
            self.base = values["href"]
        if tag != "link" or not values.get("href"):
            return
        rel = values.get("rel", "").lower().split()
        if "alternate" in rel and values.get("type", "").lower().split(";")[0] in FEED_TYPES:
            self.feeds.append((values["href"], values.get("type", "").lower()))
        if "https://api.w.org/" in rel:
            self.wordpress_api = values["href"]


def _collect(page: FetchResult) -> _LinkCollector:
    collector = _LinkCollector()
    try:
        collector.feed(page.content.decode("utf-8", errors="replace"))
        collector.close()
    except Exception:  # noqa: S110 - broken markup only means fewer advertised candidates
        pass
    return collector


def wordpress_root(feed_url: str) -> str:
    """The REST API's index of the WordPress site whose posts endpoint is `feed_url`, or ""."""
    parts = urlsplit(feed_url)
    if "/wp-json/" in parts.path:
        return urlunsplit(
            (parts.scheme, parts.netloc, parts.path.split("/wp-json/")[0] + "/wp-json/", "", "")
        )
    if "rest_route=" in parts.query:
        return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "rest_route=/", ""))
    return ""


def wordpress_site_name(feed_url: str) -> str:
    """The site's `name` from the REST index (`/wp-json/`), "" when it cannot be had."""
    root = wordpress_root(feed_url)
    if not root:
        return ""
    try:
        result = fetch(root, accept="application/json", max_bytes=MAX_INDEX_BYTES)
        data = json.loads(result.content.decode("utf-8-sig"))
    except (OutboundError, UnicodeDecodeError, ValueError):
        return ""
    return (
        text_of(data.get("name", "")) if isinstance(data, dict) and isinstance(data.get("name"), str) else ""
    )


def site_title(*, feed: ParsedFeed, feed_url: str, page: FetchResult | None) -> str:
    """A blog's name from its own metadata, whatever the connection kind; the host name as the last resort."""
    if feed.title:
        return feed.title
    if feed.kind == FeedKind.WORDPRESS:
        name = wordpress_site_name(feed_url)
        if name:
            return name
    if page is not None and page.content:
        name = _collect(page).name
        if name:
            return name
    return urlsplit(feed_url).hostname or feed_url


def _candidates(page: FetchResult) -> list[str]:
    """Feed URLs to try, best first: advertised alternates, common paths, then WordPress's REST API."""
    collector = _collect(page)
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
        title = site_title(feed=feed, feed_url=page.final_url, page=None)
        return DiscoveredFeed(page.final_url, feed, page, title)
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
            title = site_title(feed=feed, feed_url=result.final_url, page=page)
            return DiscoveredFeed(result.final_url, feed, result, title)
    return None
