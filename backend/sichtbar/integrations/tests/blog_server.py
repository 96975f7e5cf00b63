"""A stand-in blog host on loopback speaking the real formats: an HTML page with alternate links, RSS 2.0,
Atom, JSON Feed 1.1 and WordPress's REST API, with ETag / Last-Modified (304), errors, limits and delays."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class BlogServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.pages: dict[str, Page] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        blog = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                blog.hits.append((self.path, dict(self.headers.items())))
                page = blog.pages.get(self.path)
                if page is None:
                    page = Page(b"<html><body>Not found</body></html>", status=404)
                if page.delay:
                    time.sleep(page.delay)
                headers = dict(page.headers)
                if page.etag:
                    headers["ETag"] = page.etag
                if page.last_modified:
                    headers["Last-Modified"] = page.last_modified
                unchanged = (page.etag and self.headers.get("If-None-Match") == page.etag) or (
                    page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified
                )
                if unchanged and page.status == 200:
                    self.send_response(304)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                self.send_header("Content-Length", str(len(page.body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(page.body)

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://{host}:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [path for path, _headers in self.hits]


def html_page(*links: tuple[str, str], extra_head: str = "") -> Page:
    tags = "".join(f'<link rel="alternate" type="{kind}" href="{href}" title="Feed">' for kind, href in links)
    return Page(
        f"<!doctype html><html><head><title>Mein Blog</title>{tags}{extra_head}</head>"
        "<body><h1>Mein Blog</h1></body></html>".encode()
    )


def rss(*items: dict[str, str], title: str = "Mein Blog", etag: str = '"rss-1"') -> Page:
    body = "".join(
        "<item>"
        f"<title>{item.get('title', '')}</title>"
        f"<link>{item.get('link', '')}</link>"
        + (f'<guid isPermaLink="false">{item["guid"]}</guid>' if "guid" in item else "")
        + f"<description><![CDATA[{item.get('description', '')}]]></description>"
        f"<pubDate>{item.get('date', 'Sun, 22 Nov 2026 08:00:00 GMT')}</pubDate>"
        "</item>"
        for item in items
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://blog.example.com/</link><description>d</description>"
        f"{body}</channel></rss>"
    )
    return Page(xml.encode(), content_type="application/rss+xml; charset=utf-8", etag=etag)


def atom(*entries: dict[str, str], title: str = "Atom-Blog") -> Page:
    body = "".join(
        "<entry>"
        f"<id>{entry['id']}</id><title>{entry.get('title', '')}</title>"
        f'<link rel="alternate" href="{entry.get("link", "")}"/>'
        f"<updated>{entry.get('updated', '2026-11-20T09:30:00Z')}</updated>"
        f'<summary type="html">{entry.get("summary", "")}</summary>'
        "</entry>"
        for entry in entries
    )
    xml = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:blog</id><updated>2026-11-20T09:30:00Z</updated>{body}</feed>"
    )
    return Page(
        xml.encode(),
        content_type="application/atom+xml",
        last_modified="Fri, 20 Nov 2026 09:30:00 GMT",
    )


def json_feed(*items: dict[str, Any], title: str = "JSON-Blog") -> Page:
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": "https://json.example.com/",
        "items": list(items),
    }
    return Page(json.dumps(data).encode(), content_type="application/feed+json", etag='"json-1"')


def wordpress(*posts: dict[str, Any]) -> Page:
    data = [
        {
            "id": post["id"],
            "date": post.get("date", "2026-11-19T10:00:00"),
            "date_gmt": post.get("date_gmt", "2026-11-19T09:00:00"),
            "guid": {"rendered": f"https://wp.example.com/?p={post['id']}"},
            "link": post.get("link", f"https://wp.example.com/{post['id']}/"),
            "title": {"rendered": post.get("title", "")},
            "content": {"rendered": post.get("content", "<p>Inhalt</p>"), "protected": False},
            "excerpt": {"rendered": post.get("excerpt", ""), "protected": False},
        }
        for post in posts
    ]
    return Page(json.dumps(data).encode(), content_type="application/json; charset=UTF-8")
