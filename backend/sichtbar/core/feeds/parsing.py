"""Feed bytes to entries: RSS and Atom through feedparser, JSON Feed and WordPress REST as JSON.

Never hands feedparser a URL or a path (it would fetch or open it): always a stream of bytes we fetched.
Entry texts come out raw here; the service sanitises before storing.
"""

import calendar
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import nh3


class FeedKind(StrEnum):
    """The formats understood here (the same values as integrations.models.FeedKind, its model choices)."""

    RSS = "rss"
    ATOM = "atom"
    JSONFEED = "jsonfeed"
    WORDPRESS = "wordpress"


MAX_ENTRIES = 1000  # per document; histories are paged (history.py), every fetch is size-limited
MAX_ID_LENGTH = 500
JSONFEED_VERSION_PREFIX = "https://jsonfeed.org/version/"


@dataclass(frozen=True)
class ParsedEntry:
    external_id: str
    url: str
    title: str
    summary_html: str
    published_at: datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    kind: str
    title: str
    link: str
    entries: list[ParsedEntry] = field(default_factory=list)


def text_of(markup: str) -> str:
    """Plain text of a title that may carry markup or entities."""
    return " ".join(html.unescape(nh3.clean(markup or "", tags=set())).split())


_HTML_MARKERS = re.compile(
    r"</?(?:p|a|b|i|em|strong|br|div|span|ul|ol|li|h[1-6]|img|blockquote|code|pre|figure|small)\b[^>]*>"
    r"|&(?:[a-z]+|#\d+|#x[0-9a-f]+);",
    re.IGNORECASE,
)


def plain_text(value: str) -> str:
    """A field that should be plain text: markup and entities that generators put there anyway become text;
    text that merely contains angle brackets ("Nur <Text>") stays as it is."""
    if _HTML_MARKERS.search(value):
        return text_of(value)
    return " ".join(value.split())


def web_url(value: Any, base: str = "") -> str:
    """An absolute http(s) URL, or "" (javascript:, data: and friends never become links)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    absolute = urljoin(base, value.strip()) if base else value.strip()
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    return absolute[:1000]


def _external_id(value: Any, url: str) -> str:
    key = str(value).strip() if value not in (None, "") else url
    if len(key) > MAX_ID_LENGTH:
        return "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def _iso_datetime(value: Any, *, assume_utc: bool = False) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        if not assume_utc:
            return None
        moment = moment.replace(tzinfo=UTC)
    return moment


def _struct_datetime(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def parse_feed(content: bytes, *, content_type: str = "", base_url: str = "") -> ParsedFeed | None:
    """The feed in `content`, or None when it is not a feed this importer understands (an HTML page)."""
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"["):
        try:
            data = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            return None
        if isinstance(data, dict) and str(data.get("version", "")).startswith(JSONFEED_VERSION_PREFIX):
            return _json_feed(data, base_url)
        if isinstance(data, list) and all(_looks_like_wordpress_post(item) for item in data):
            return _wordpress(data, base_url)
        return None
    return _xml_feed(content, content_type, base_url)


def _xml_feed(content: bytes, content_type: str, base_url: str) -> ParsedFeed | None:
    headers = {"content-type": content_type or "application/xml"}
    if base_url:
        headers["content-location"] = base_url
    parsed = feedparser.parse(io.BytesIO(content), response_headers=headers, sanitize_html=False)
    version = parsed.get("version") or ""
    if not version:
        return None
    entries = []
    for item in parsed.entries[:MAX_ENTRIES]:
        url = web_url(item.get("link"), base_url)
        summary = item.get("summary") or ""
        if not summary and item.get("content"):
            summary = item["content"][0].get("value", "")
        published = _struct_datetime(item.get("published_parsed") or item.get("updated_parsed"))
        external_id = _external_id(item.get("id"), url)
        if not external_id:
            continue
        entries.append(ParsedEntry(external_id, url, text_of(item.get("title", "")), summary, published))
    feed = parsed.get("feed", {})
    kind = FeedKind.ATOM if version.startswith("atom") else FeedKind.RSS
    return ParsedFeed(kind, text_of(feed.get("title", "")), web_url(feed.get("link"), base_url), entries)


def _json_feed(data: dict[str, Any], base_url: str) -> ParsedFeed:
    entries = []
    items = data.get("items")
    for item in (items if isinstance(items, list) else [])[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        url = web_url(item.get("url") or item.get("external_url"), base_url)
        external_id = _external_id(item.get("id"), url)
        if not external_id:
            continue
        # JSON Feed's `summary` and `content_text` are plain text, `content_html` is HTML. Generators put HTML
        # in `summary` all the same (the npm `feed` library does): reduce it to its text, never show tags.
        text = plain_text(_str(item.get("summary"))) or plain_text(_str(item.get("content_text")))
        summary = f"<p>{html.escape(text)}</p>" if text else _str(item.get("content_html"))
        published = _iso_datetime(item.get("date_published")) or _iso_datetime(item.get("date_modified"))
        entries.append(ParsedEntry(external_id, url, text_of(_str(item.get("title"))), summary, published))
    return ParsedFeed(
        FeedKind.JSONFEED,
        text_of(_str(data.get("title"))),
        web_url(data.get("home_page_url"), base_url),
        entries,
    )


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def _looks_like_wordpress_post(item: Any) -> bool:
    return isinstance(item, dict) and "id" in item and "link" in item and isinstance(item.get("title"), dict)


def _wordpress(data: list[dict[str, Any]], base_url: str) -> ParsedFeed:
    entries = []
    for item in data[:MAX_ENTRIES]:
        url = web_url(item.get("link"), base_url)
        guid = item.get("guid")
        external_id = _external_id(
            (guid.get("rendered") if isinstance(guid, dict) else None) or item.get("id"), url
        )
        published = _iso_datetime(item.get("date_gmt"), assume_utc=True)
        summary = _rendered(item.get("excerpt")) or _rendered(item.get("content"))
        entries.append(
            ParsedEntry(external_id, url, text_of(_rendered(item.get("title"))), summary, published)
        )
    return ParsedFeed(FeedKind.WORDPRESS, "", "", entries)
