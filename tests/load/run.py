"""Bounded load test on loopback: starts gunicorn on a fresh demo database and mixes the paths visitors,
colleagues and managers hit most: directory search, profile views, tracked-link redirects, the personal feed
and the analytics dashboard. Prints throughput and p50/p95 per endpoint; stops by itself.

    make load                      # defaults: 8 client threads, 1,500 requests, 60 s at most
    LOAD_REQUESTS=5000 make load

Only 127.0.0.1 is ever contacted.
"""

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2] / "backend"
THREADS = int(os.environ.get("LOAD_THREADS", "8"))
REQUESTS = int(os.environ.get("LOAD_REQUESTS", "1500"))
MAX_SECONDS = float(os.environ.get("LOAD_MAX_SECONDS", "60"))
QUERIES = [
    "Kubernetes",
    "Cloud-Migration",
    "cloudmigration",
    "Steuerrecht",
    "Datenschutz",
    "K8s",
    "Python",
    "Maschinelles Lernen",
    "SAP",
    "Presse",
    "kubernets",
    "Vertrieb",
    "",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A tracked-link redirect is measured as what it is: the 302, not the company page behind it."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with _OPENER.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="sichtbar-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DJANGO_DEBUG": "false",
        "SICHTBAR_VAR_DIR": str(workdir),
        "LOG_LEVEL": "WARNING",
        "THROTTLE_PUBLIC_SEARCH": "1000000/min",
        "THROTTLE_LOGIN": "1000000/min",
        "THROTTLE_ANON": "1000000/min",
        "THROTTLE_PAGES": "1000000/min",
        # The load client stands in for a proxy so each simulated visitor gets its own address.
        "DJANGO_NUM_PROXIES": "1",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'load.sqlite3'}")
    python = sys.executable
    run = {"cwd": BACKEND, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([python, "manage.py", "migrate", "--noinput"], **run)
    subprocess.run([python, "manage.py", "seed_demo"], **run)
    setup = subprocess.run(
        [
            python,
            "manage.py",
            "shell",
            "-c",
            "import json; from sichtbar.accounts.models import ApiToken, User; "
            "from sichtbar.links.models import TrackedLink; "
            "tok = lambda e: ApiToken.objects.create("
            "user=User.objects.get(email=e), expiry=None, name='load')[1]; "
            "print(json.dumps({'employee': tok('lena.hoffmann@sichtbar.example'), "
            "'manager': tok(User.objects.filter(role='manager').order_by('id').first().email), "
            "'codes': list(TrackedLink.objects.values_list('code', flat=True)[:200])}))",
        ],
        cwd=BACKEND,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    fixtures = json.loads(setup.stdout.strip().splitlines()[-1])
    token, manager_token, codes = fixtures["employee"], fixtures["manager"], fixtures["codes"]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
        ],
        cwd=BACKEND,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if _get(f"{base}/api/v1/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        status, body = _get(f"{base}/api/v1/public/experts/?page_size=50")
        slugs = [hit["slug"] for hit in json.loads(body)["results"]] if status == 200 else []
        auth = {"Authorization": f"Token {token}"}
        manager_auth = {"Authorization": f"Token {manager_token}"}
        browser = {
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
        }
        rng = random.Random(7)

        def pick() -> tuple[str, str, dict[str, str]]:
            roll = rng.random()
            query = urllib.request.quote(rng.choice(QUERIES))
            if roll < 0.25:
                return "public search", f"/api/v1/public/experts/?q={query}", {}
            if roll < 0.35 and slugs:
                return "public profile API", f"/api/v1/public/experts/{rng.choice(slugs)}/", {}
            if roll < 0.45 and slugs:
                return "profile page (SSR)", f"/experts/{rng.choice(slugs)}", {}
            if roll < 0.65 and codes:
                # Tracked links are what the outside world clicks most; each visitor a different address.
                return "redirect /r/", f"/r/{rng.choice(codes)}", {**browser, "X-Forwarded-For": _visitor()}
            if roll < 0.75:
                return "internal search", f"/api/v1/directory/experts/?q={query}", auth
            if roll < 0.85:
                return "personal feed", "/api/v1/feed/", auth
            if roll < 0.92:
                return "dashboard overview", "/api/v1/analytics/overview/", manager_auth
            if roll < 0.96:
                return "own profile", "/api/v1/profile/", auth
            return "autocomplete", f"/api/v1/public/experts/autocomplete/?q={rng.choice(QUERIES)[:3]}", {}

        def _visitor() -> str:
            return f"203.0.113.{rng.randrange(1, 255)}"

        plan = [pick() for _ in range(REQUESTS)]
        timings: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        statuses: dict[int, int] = defaultdict(int)
        lock = threading.Lock()
        deadline = time.monotonic() + MAX_SECONDS
        cursor = iter(plan)

        def worker() -> None:
            while time.monotonic() < deadline:
                with lock:
                    item = next(cursor, None)
                if item is None:
                    return
                name, path, headers = item
                start = time.perf_counter()
                status, _body = _get(base + path, headers)
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    timings[name].append(elapsed)
                    if status >= 400 or (name == "redirect /r/" and status != 302):
                        errors[name] += 1
                        statuses[status] += 1

        started = time.monotonic()
        threads = [threading.Thread(target=worker) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
        total = sum(len(values) for values in timings.values())
        print(
            f"load: {total} requests in {wall:.1f} s = {total / wall:.0f} req/s, {THREADS} client threads, "
            f"gunicorn 2 workers x 4 threads, {env['DATABASE_URL'].split(':')[0]}"
        )
        print(f"{'endpoint':<22} {'count':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
        for name, values in sorted(timings.items()):
            values.sort()
            p95 = values[max(0, int(len(values) * 0.95) - 1)]
            print(
                f"{name:<22} {len(values):>6} {len(values) / wall:>7.1f} {statistics.median(values):>8.1f} "
                f"{p95:>8.1f} {errors[name]:>7}"
            )
        if statuses:
            print("error statuses:", dict(sorted(statuses.items())))
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
