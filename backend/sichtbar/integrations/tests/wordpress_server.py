"""A stand-in WordPress on loopback speaking its protocols for a blog's history: the REST API's posts
collection (`per_page` up to the site's page size, `page`, `X-WP-Total`, `X-WP-TotalPages`, 400 past the
last page), its index `/wp-json/` (the site's `name`) and the RSS feed paged with `?paged=N` (404 past
the last page), as WordPress 6 serves them."""

import json
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape


class WordPressServer:
    """`posts` published posts, newest first, one a day back from 2026-11-30; `page_size` per page at most
    (WordPress's default and its feeds' `posts_per_rss` are 10)."""

    def __init__(
        self, *, posts: int, page_size: int = 10, name: str = "Janas Fachblog", newest: datetime | None = None
    ) -> None:
        self.page_size = page_size
        self.name = name
        newest = newest or datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
        self.posts = [
            {"id": number, "title": f"Beitrag {number}", "date": newest - timedelta(days=posts - number)}
            for number in range(posts, 0, -1)
        ]
        self.hits: list[str] = []
        wordpress = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                wordpress.hits.append(self.path)
                status, content_type, body, headers = wordpress.respond(self.path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def respond(self, path: str) -> tuple[int, str, bytes, dict[str, str]]:
        parts = urlsplit(path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        if parts.path == "/wp-json/":
            index = {"name": self.name, "description": "", "url": self.url, "namespaces": ["wp/v2"]}
            return 200, "application/json; charset=UTF-8", json.dumps(index).encode(), {}
        if parts.path == "/wp-json/wp/v2/posts":
            return self._rest(query)
        if parts.path == "/feed/":
            return self._rss(query)
        if parts.path == "/":
            head = (
                f'<link rel="alternate" type="application/rss+xml" href="{self.url}/feed/">'
                f'<link rel="https://api.w.org/" href="{self.url}/wp-json/">'
            )
            page = f"<!doctype html><html><head><title>{self.name}</title>{head}</head><body></body></html>"
            return 200, "text/html; charset=UTF-8", page.encode(), {}
        return 404, "text/html", b"<html>not found</html>", {}

    def _slice(self, page: int, per_page: int) -> list[dict[str, Any]]:
        return self.posts[(page - 1) * per_page : page * per_page]

    def _rest(self, query: dict[str, str]) -> tuple[int, str, bytes, dict[str, str]]:
        try:
            per_page = int(query.get("per_page", "10"))
            page = int(query.get("page", "1"))
        except ValueError:
            return 400, "application/json", b'{"code":"rest_invalid_param"}', {}
        if not 1 <= per_page <= 100 or page < 1:
            return 400, "application/json", b'{"code":"rest_invalid_param"}', {}
        per_page = min(per_page, self.page_size)
        total = len(self.posts)
        pages = max(1, -(-total // per_page))
        if page > pages:
            return 400, "application/json", b'{"code":"rest_post_invalid_page_number"}', {}
        data = [
            {
                "id": post["id"],
                "date": post["date"].strftime("%Y-%m-%dT%H:%M:%S"),
                "date_gmt": post["date"].strftime("%Y-%m-%dT%H:%M:%S"),
                "guid": {"rendered": f"{self.url}/?p={post['id']}"},
                "link": f"{self.url}/{post['date']:%Y/%m/%d}/beitrag-{post['id']}/",
                "title": {"rendered": post["title"]},
                "content": {"rendered": f"<p>Inhalt {post['id']}</p>", "protected": False},
                "excerpt": {"rendered": f"<p>Auszug {post['id']}</p>", "protected": False},
            }
            for post in self._slice(page, per_page)
        ]
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        return 200, "application/json; charset=UTF-8", json.dumps(data).encode(), headers

    def _rss(self, query: dict[str, str]) -> tuple[int, str, bytes, dict[str, str]]:
        page = int(query.get("paged", "1") or "1")
        posts = self._slice(page, self.page_size)
        if not posts:
            return 404, "text/html; charset=UTF-8", b"<html>Seite nicht gefunden</html>", {}
        items = "".join(
            f"<item><title>{escape(post['title'])}</title>"
            f"<link>{self.url}/{post['date']:%Y/%m/%d}/beitrag-{post['id']}/</link>"
            f"<pubDate>{format_datetime(post['date'])}</pubDate>"
            f'<guid isPermaLink="false">{self.url}/?p={post["id"]}</guid>'
            f"<description><![CDATA[<p>Auszug {post['id']}</p>]]></description></item>"
            for post in posts
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:atom="http://www.w3.org/2005/Atom" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
            f"<channel><title>{escape(self.name)}</title><link>{self.url}</link>"
            f'<atom:link href="{self.url}/feed/" rel="self" type="application/rss+xml" />'
            "<description>Ein weiterer WordPress-Blog</description><language>de-DE</language>"
            "<sy:updatePeriod>hourly</sy:updatePeriod><generator>https://wordpress.org/?v=6.4.2</generator>"
            f"{items}</channel></rss>"
        )
        return 200, "application/rss+xml; charset=UTF-8", xml.encode(), {}
