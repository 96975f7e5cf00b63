"""A feed's published history, page by page: WordPress REST (`per_page`, `page`, `X-WP-TotalPages`),
WordPress feeds (`?paged=N`), RFC 5005 links (`next`, `prev-archive`) and JSON Feed's `next_url`.

Every page is fetched through the guarded client; paging stops at the configured limits (posts, age,
pages), at a page that repeats one seen before, at a page without entries and past the last page (404,
400, 410). Other errors propagate; the caller keeps what the earlier pages gave."""

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser

from sichtbar.core.http import FetchResult, OutboundHttpError

from .discovery import fetch_feed
from .parsing import FeedKind, ParsedEntry, parse_feed

WORDPRESS_PER_PAGE = 100  # the REST API's maximum


@dataclass(frozen=True)
class HistoryLimits:
    max_posts: int
    max_pages: int
    not_before: datetime | None  # entries published earlier are not imported


@dataclass(frozen=True)
class HistoryPage:
    entries: list[ParsedEntry]
    total: int | None  # the number of posts the site says it has (X-WP-Total), when it says


def with_query(url: str, **params: str | int) -> str:
    """`url` with the given query parameters set (others, e.g. WordPress's `rest_route`, kept)."""
    parts = urlsplit(url)
    query = [
        (key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key not in params
    ]
    query += [(key, str(value)) for key, value in params.items()]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, safe="/"), ""))


def _int_header(result: FetchResult, name: str) -> int | None:
    try:
        return int(result.headers.get(name, ""))
    except (TypeError, ValueError):
        return None


def _next_link(result: FetchResult) -> str:
    """RFC 5005's next page (paged feeds) or previous archive (archived feeds), or JSON Feed's next_url."""
    content = result.content.lstrip(b"\xef\xbb\xbf \t\r\n")
    if content[:1] == b"{":
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return ""
        value = data.get("next_url") if isinstance(data, dict) else None
        return urljoin(result.final_url, value) if isinstance(value, str) and value else ""
    parsed = feedparser.parse(
        io.BytesIO(result.content),
        response_headers={"content-type": result.content_type or "application/xml"},
    )
    links = parsed.get("feed", {}).get("links", [])
    for rel in ("next", "prev-archive"):
        for link in links:
            if link.get("rel") == rel and link.get("href"):
                return urljoin(result.final_url, link["href"])
    return ""


def _is_wordpress_feed(result: FetchResult) -> bool:
    head = result.content[:4000].lower()
    return b"<generator>https://wordpress.org/" in head or b'generator="wordpress' in head


def _page_urls(feed_url: str, kind: str, first: FetchResult) -> Iterator[str]:
    """Addresses of the pages after the first, as far as the site's protocol tells them in advance."""
    if kind == FeedKind.WORDPRESS:
        pages = _int_header(first, "X-WP-TotalPages") or 1
        for page in range(2, pages + 1):
            yield with_query(feed_url, per_page=WORDPRESS_PER_PAGE, page=page)
        return
    if _is_wordpress_feed(first):
        page = 2
        while True:
            yield with_query(feed_url, paged=page)
            page += 1


def history_pages(*, feed_url: str, kind: str, limits: HistoryLimits) -> Iterator[HistoryPage]:
    """The feed's history, newest first, one page at a time (the caller stores each as it comes and may
    show progress). Entries older than `limits.not_before` are left out; at most `limits.max_posts`."""
    first_url = (
        with_query(feed_url, per_page=WORDPRESS_PER_PAGE, page=1) if kind == FeedKind.WORDPRESS else feed_url
    )
    result = fetch_feed(first_url)
    total = _int_header(result, "X-WP-Total") if kind == FeedKind.WORDPRESS else None
    if total is not None:
        total = min(total, limits.max_posts)
    planned = _page_urls(feed_url, kind, result)
    seen_ids: set[str] = set()
    seen_urls = {first_url}
    taken = 0
    for number in range(limits.max_pages):
        feed = parse_feed(result.content, content_type=result.content_type, base_url=result.final_url)
        if feed is None:
            return
        fresh = [entry for entry in feed.entries if entry.external_id not in seen_ids]
        if not fresh:
            return  # an empty page, or one that repeats the last (a site ignoring the page parameter)
        seen_ids.update(entry.external_id for entry in fresh)
        recent = [entry for entry in fresh if _recent(entry, limits.not_before)]
        recent = recent[: limits.max_posts - taken]
        taken += len(recent)
        yield HistoryPage(entries=recent, total=total)
        if taken >= limits.max_posts or (len(recent) < len(fresh) and _all_dated(fresh)):
            return  # the limit is reached, or the page reached back past the oldest date wanted
        next_url = next(planned, "") or _next_link(result)
        if not next_url or next_url in seen_urls or number + 1 >= limits.max_pages:
            return
        seen_urls.add(next_url)
        try:
            result = fetch_feed(next_url)
        except OutboundHttpError as exc:
            if exc.status in (
                400,
                404,
                410,
            ):  # WordPress answers past the last page with 404 (feeds), 400 (REST)
                return
            raise


def _recent(entry: ParsedEntry, not_before: datetime | None) -> bool:
    return not_before is None or entry.published_at is None or entry.published_at >= not_before


def _all_dated(entries: list[ParsedEntry]) -> bool:
    return all(entry.published_at is not None for entry in entries)
