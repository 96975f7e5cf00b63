"""CPU per tracked-link redirect inside one process: Django's whole request cycle against the fast path in
front of it (backend/sichtbar/links/fastpath.py, ADR 0041), without an HTTP server or a network between.

Both answer the same GET /r/<code> for links the process already holds, with the same headers, and hand
the same click to the same recording (the process's buffer, appended to the Redis stream by its thread,
whose CPU is counted too: process time covers every thread). Alternating rounds of BENCH_REQUESTS
requests over BENCH_LINKS links from changing visitors; prints the median CPU per redirect of each, and
their ratio. Uses PostgreSQL database sb_links_bench (created when missing) and Redis database 8.

    python bench/redirect_request_cycle.py      (or `make bench`)
Knobs: BENCH_ROUNDS (5), BENCH_REQUESTS (5000), BENCH_LINKS (200).
"""

import io
import os
import statistics
import sys
import time
from typing import Any

from redirect_common import REDIS_URL, ensure_database, make_links, setup_django

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "5000"))
LINKS = int(os.environ.get("BENCH_LINKS", "200"))
HUMAN = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36"
)


def environ(code: str, visitor: int) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": f"/r/{code}",
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "HTTP_USER_AGENT": HUMAN,
        "HTTP_ACCEPT": "text/html",
        "HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9",
        "REMOTE_ADDR": f"10.{visitor >> 16 & 255}.{visitor >> 8 & 255}.{visitor & 255}",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def cpu_per_request(app: Any, codes: list[str], first_visitor: int) -> tuple[float, int]:
    """Milliseconds of process CPU per request, and how many were not a 302."""
    statuses: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        statuses.append(status)

    started = time.process_time()
    for n in range(REQUESTS):
        body = app(environ(codes[n % len(codes)], first_visitor + n), start_response)
        b"".join(body)
        body.close()
    return (time.process_time() - started) / REQUESTS * 1000, sum(not s.startswith("302") for s in statuses)


def main() -> None:
    ensure_database()
    setup_django(DJANGO_ALLOWED_HOSTS="127.0.0.1", LINKS_CLICK_STREAM="bench:request-cycle:clicks")
    import redis
    from config.wsgi import application, django_application
    from django.conf import settings

    codes = make_links(LINKS)[:LINKS]
    for n, code in enumerate(codes):  # every link known to the process, as on a server that runs a while
        cpu_per_request(application, [code], first_visitor=10**6 + n)
    results: dict[str, list[float]] = {"django": [], "fast path": []}
    failures = 0
    visitor = 0
    for _ in range(ROUNDS):
        for name, app in (("django", django_application), ("fast path", application)):
            ms, bad = cpu_per_request(app, codes, first_visitor=visitor)
            visitor += REQUESTS
            results[name].append(ms)
            failures += bad
    redis.Redis.from_url(REDIS_URL).delete(settings.LINKS_CLICK_STREAM)

    rounds = f"{ROUNDS} alternating rounds × {REQUESTS} requests, {LINKS} links"
    print(f"CPU per redirect in one process: {rounds}")
    for name, values in results.items():
        print(
            f"  {name:<10} median {statistics.median(values):.3f} ms"
            f"  (rounds {', '.join(f'{v:.3f}' for v in values)})"
        )
    ratio = statistics.median(results["fast path"]) / statistics.median(results["django"])
    print(f"  fast path / Django: {ratio:.2f}; answers other than 302: {failures}")
    print(f"  load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
