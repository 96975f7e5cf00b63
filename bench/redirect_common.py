"""Shared set-up of the redirect and click benchmarks: the sb_links_bench PostgreSQL database (created
and migrated when missing), Redis database 8, settings with DEBUG off, tracked links to click, and a small
dependency-free HTTP/1.1 keep-alive client for asyncio."""

import asyncio
import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
BACKEND_DIR = BENCH_DIR.parent / "backend"
DB_NAME = "sb_links_bench"
REDIS_URL = "redis://127.0.0.1:6379/8"


def _database_url() -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{DB_NAME}", "", ""))


def bench_env(**extra: str) -> dict[str, str]:
    """The environment of every process of the bench (the bench itself, gunicorn, Celery workers)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": _database_url(),
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "LINKS_REDIS_URL": REDIS_URL,
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "console",
        "PYTHONPATH": os.pathsep.join([str(BACKEND_DIR), str(BENCH_DIR)]),
        **extra,
    }


def ensure_database() -> None:
    import psycopg

    parts = urlsplit(_database_url())
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=BACKEND_DIR,
        env=bench_env(),
        check=True,
    )


def setup_django(**extra: str) -> None:
    os.environ.update(bench_env(**extra))
    for path in (str(BACKEND_DIR), str(BENCH_DIR)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


def make_links(count: int) -> list[str]:
    """At least `count` tracked links (one per share) in the bench database; returns their codes."""
    from django.utils import timezone
    from sichtbar.accounts.models import User
    from sichtbar.content.models import ContentItem, ContentStatus
    from sichtbar.core.networks import Network
    from sichtbar.links.models import TrackedLink
    from sichtbar.links.services import link_for_share
    from sichtbar.sharing.models import Share, ShareMethod, ShareStatus

    have = TrackedLink.objects.count()
    if have < count:
        networks = [Network.LINKEDIN, Network.XING, Network.MASTODON, Network.X]
        users = [
            User.objects.get_or_create(
                email=f"bench{n}@links-bench.example.com",
                defaults={"first_name": "Bench", "last_name": str(n)},
            )[0]
            for n in range(50)
        ]
        items = [
            ContentItem.objects.get_or_create(
                slug=f"bench-item-{n}",
                defaults={
                    "title": f"Bench {n}",
                    "url": f"https://www.example.com/karriere/{n}?src=bench#top",
                    "status": ContentStatus.PUBLISHED,
                    "published_at": timezone.now(),
                },
            )[0]
            for n in range(count // 10 + 1)
        ]
        made = have
        for item in items:
            for user in users:
                for network in networks:
                    if made >= count:
                        break
                    if TrackedLink.objects.filter(user=user, content=item, network=network).exists():
                        continue
                    share = Share.objects.create(
                        user=user,
                        content=item,
                        network=network,
                        method=ShareMethod.INTENT,
                        status=ShareStatus.OPENED,
                        shared_at=timezone.now(),
                    )
                    link_for_share(share=share)
                    made += 1
    return list(TrackedLink.objects.order_by("id").values_list("code", flat=True)[:count])


# --- a minimal HTTP/1.1 client (keep-alive) ---------------------------------------------------------


class HttpConnection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def get(self, path: str, user_agent: str, method: str = "GET") -> int:
        """One request; returns the status code (0 for a connection error)."""
        for attempt in range(2):
            if self.writer is None:
                await self._open()
            assert self.reader is not None and self.writer is not None
            try:
                self.writer.write(
                    f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {user_agent}\r\n"
                    "Accept: text/html\r\nAccept-Language: de-DE\r\n\r\n".encode()
                )
                head = await self.reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                await self.close()
                if attempt:
                    return 0
                continue
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            headers = {
                k.strip().lower(): v.strip()
                for k, _, v in (line.partition(":") for line in lines[1:] if line)
            }
            length = int(headers.get("content-length", "0"))
            if length and method != "HEAD":
                await self.reader.readexactly(length)
            if headers.get("connection", "").lower() == "close":
                await self.close()
            return status
        return 0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1)]


def wait_for_port(host: str, port: int, timeout: float = 60) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {host}:{port}")
