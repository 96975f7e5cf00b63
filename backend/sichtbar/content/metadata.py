"""Link metadata of suggested pages (title, description, og:image, language), fetched through the guarded
outbound client in sichtbar.core.http."""

import logging
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from sichtbar.core.http import OutboundError, fetch

logger = logging.getLogger(__name__)

PAGE_BYTES = 1024 * 1024
IMAGE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class PageMetadata:
    title: str
    description: str
    image_url: str
    language: str
    image: bytes | None = None


class _MetaCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title = ""
        self.language = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if tag == "html" and values.get("lang"):
            self.language = values["lang"][:2].lower()
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values and key not in self.meta:
                self.meta[key] = values["content"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title and len(self.title) < 500:
            self.title += data


def parse_metadata(html: str, base_url: str) -> PageMetadata:
    collector = _MetaCollector()
    try:
        collector.feed(html)
        collector.close()
    except Exception:  # noqa: S110 - broken markup only means less metadata
        pass
    meta = collector.meta
    title = meta.get("og:title") or meta.get("twitter:title") or " ".join(collector.title.split())
    description = meta.get("og:description") or meta.get("description") or meta.get("twitter:description", "")
    image = meta.get("og:image") or meta.get("twitter:image", "")
    image_url = urljoin(base_url, image) if image else ""
    if image_url and urlsplit(image_url).scheme not in ("http", "https"):
        image_url = ""
    language = (meta.get("og:locale", "")[:2] or collector.language).lower()
    return PageMetadata(
        " ".join(title.split())[:300], " ".join(description.split())[:1000], image_url, language
    )


def fetch_page_metadata(url: str) -> PageMetadata | None:
    """The page's metadata with its og:image bytes, or None when the page cannot be fetched."""
    try:
        page = fetch(url, accept="text/html, application/xhtml+xml;q=0.9", max_bytes=PAGE_BYTES)
    except OutboundError as exc:
        logger.info("metadata of %s not fetched: %s", urlsplit(url).hostname, type(exc).__name__)
        return None
    if "html" not in page.content_type.lower():
        return PageMetadata("", "", "", "")
    metadata = parse_metadata(page.content.decode("utf-8", errors="replace"), page.final_url)
    if not metadata.image_url:
        return metadata
    try:
        image = fetch(metadata.image_url, accept="image/*", max_bytes=IMAGE_BYTES)
    except OutboundError:
        return metadata
    return PageMetadata(
        metadata.title, metadata.description, metadata.image_url, metadata.language, image.content
    )
