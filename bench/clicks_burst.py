"""A burst of 100,000 clicks with the flushing Celery worker killed (SIGKILL) half-way, then restarted.

The clicks go through the real redirect view (bot filter, HEAD, visitor hash, XADD to the Redis stream);
a real Celery worker (analytics queue, Redis database 8 as broker) drains the stream with
`clicks_flush`, triggered by the redirect and by this script standing in for beat. When half of the
human clicks are in the database, the whole worker process group is killed with SIGKILL and a new
worker started; the entries the dead consumer had read but not acknowledged are claimed after
LINKS_CLICK_CLAIM_IDLE_SECONDS (5 s here). Prints lost and duplicated counts (target 0 / 0).

Uses PostgreSQL database sb_links_bench (created when missing) and Redis database 8.
    python bench/clicks_burst.py      (or `make bench`)
Knobs: BENCH_CLICKS (100000), BENCH_TIMEOUT (600 s).
"""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

from redirect_common import BACKEND_DIR, REDIS_URL, bench_env, ensure_database, make_links, setup_django

TOTAL = int(os.environ.get("BENCH_CLICKS", "100000"))
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "600"))
CLAIM_IDLE = "5"
HUMAN_UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile",
    "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
]
BOT_UAS = [
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Twitterbot/1.0",
    "WhatsApp/2.23.20.0 A",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
]


def ip(prefix: int, n: int) -> str:
    return f"{prefix}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def plan(codes: list[str], rng: random.Random) -> tuple[list[tuple[str, str, str, str]], list[tuple]]:
    """(method, code, ip, user agent) in sending order, and the human first clicks expected to count."""
    humans = int(TOTAL * 0.70)
    repeats = int(TOTAL * 0.15)
    bots = int(TOTAL * 0.10)
    heads = TOTAL - humans - repeats - bots
    first = [("GET", rng.choice(codes), ip(10, n), rng.choice(HUMAN_UAS)) for n in range(humans)]
    others = [("GET", rng.choice(codes), ip(172, n), rng.choice(BOT_UAS)) for n in range(bots)]
    others += [("HEAD", rng.choice(codes), ip(192, n), rng.choice(HUMAN_UAS)) for n in range(heads)]
    base = first + others
    rng.shuffle(base)
    keyed = [(float(position), item) for position, item in enumerate(base)]
    human_positions = [position for position, item in enumerate(base) if item[2].startswith("10.")]
    for _ in range(repeats):  # the same visitor again on the same link, a little later
        position = rng.choice(human_positions)
        keyed.append((rng.uniform(position + 0.5, len(base)), base[position]))
    keyed.sort(key=lambda pair: pair[0])
    return [item for _, item in keyed], first


def start_worker() -> subprocess.Popen:
    env = bench_env(CELERY_BROKER_URL=REDIS_URL, LINKS_CLICK_CLAIM_IDLE_SECONDS=CLAIM_IDLE)
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "prefork", "-c", "1"]
    command += [
        "-Q",
        "analytics",
        "-l",
        "WARNING",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
    ]
    return subprocess.Popen(command, cwd=BACKEND_DIR, env=env, start_new_session=True)  # noqa: S603


def main() -> None:
    started = time.monotonic()
    ensure_database()
    setup_django(CELERY_BROKER_URL=REDIS_URL, LINKS_CLICK_CLAIM_IDLE_SECONDS=CLAIM_IDLE)
    import redis
    from django.conf import settings
    from django.db import connection
    from django.test import RequestFactory
    from sichtbar.links import views
    from sichtbar.links.models import Click, TrackedLink
    from sichtbar.links.stream import GROUP
    from sichtbar.links.tasks import clicks_flush
    from sichtbar.links.visitors import daily_salt, visitor_hash

    codes = make_links(2000)
    link_ids = dict(TrackedLink.objects.filter(code__in=codes).values_list("code", "id"))
    Click.objects.all().delete()
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    stream = settings.LINKS_CLICK_STREAM
    client.delete(stream, "analytics", "unacked", "unacked_index")
    requests, humans = plan(codes, random.Random(7))  # noqa: S311  (a reproducible mix, not security)
    salt = daily_salt()
    expected = {
        (link_ids[code], visitor_hash(ip=addr, user_agent=ua, salt=salt)) for _, code, addr, ua in humans
    }
    print(
        f"{len(requests)} requests: {len(humans)} human first clicks, "
        f"{int(TOTAL * 0.15)} repeats within "
        f"30 min, {int(TOTAL * 0.10)} bot GETs, "
        f"{TOTAL - len(humans) - int(TOTAL * 0.15) - int(TOTAL * 0.10)} "
        f"HEADs over {len(codes)} links; expected counted clicks {len(expected)}"
    )

    workers = [start_worker()]
    killed = threading.Event()
    kill_info: dict[str, object] = {}

    def killer() -> None:
        """Kill the worker once half of the human clicks are stored, then start a new one."""
        while not killed.is_set() and time.monotonic() - started < TIMEOUT:
            stored = Click.objects.count()
            if stored >= len(expected) // 2:
                os.killpg(workers[0].pid, signal.SIGKILL)
                workers[0].wait()
                try:
                    info = client.xpending(stream, GROUP)
                except redis.ResponseError:
                    info = {"pending": 0}
                kill_info.update(stored=stored, pending=info["pending"], at=time.monotonic() - started)
                workers.append(start_worker())
                killed.set()
                break
            time.sleep(0.1)
        connection.close()

    watcher = threading.Thread(target=killer, daemon=True)
    watcher.start()
    factory = RequestFactory()
    send_start = time.monotonic()
    for method, code, addr, ua in requests:
        request = factory.generic(method, f"/r/{code}", HTTP_USER_AGENT=ua, REMOTE_ADDR=addr)
        response = views.redirect(request, code)
        assert response.status_code == 302, response.status_code
        response.close()  # what the WSGI server does after sending: records the click
    send_seconds = time.monotonic() - send_start
    print(f"sent in {send_seconds:.1f} s ({len(requests) / send_seconds:.0f} redirects/s in one process)")

    # Stand in for beat: a flush every 2 s until the stream is drained and nothing is pending.
    stable = 0
    last = -1
    while time.monotonic() - started < TIMEOUT:
        clicks_flush.apply_async()
        time.sleep(2)
        length = client.xlen(stream)
        try:
            pending = client.xpending(stream, GROUP)["pending"]
        except redis.ResponseError:
            pending = -1
        stored = Click.objects.count()
        stable = stable + 1 if (killed.is_set() and length == 0 and pending == 0 and stored == last) else 0
        last = stored
        if stable >= 2:
            break
    drained_at = time.monotonic() - started
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
    watcher.join(timeout=5)

    recorded = Counter(Click.objects.values_list("link_id", "visitor_hash").iterator())
    lost = len(expected - recorded.keys())
    duplicated = sum(count - 1 for count in recorded.values())
    unexpected = sum(count for key, count in recorded.items() if key not in expected)
    if kill_info:
        print(
            f"worker killed (SIGKILL) at {kill_info['at']:.1f} s "
            f"with {kill_info['stored']} clicks stored and "
            f"{kill_info['pending']} stream entries read but not acknowledged; a new worker took over"
        )
    else:
        print("the worker was NOT killed (half-way point not reached before the time-out)")
    print(f"drained at {drained_at:.1f} s; stream length {client.xlen(stream)}")
    print(f"recorded clicks {sum(recorded.values())}  expected {len(expected)}")
    print(f"lost {lost}  duplicated {duplicated}  bots/HEADs/repeats counted {unexpected}")
    verdict = "MET" if kill_info and lost == 0 and duplicated == 0 and unexpected == 0 else "MISSED"
    print(f"target 0 lost / 0 duplicated with a worker killed half-way: {verdict}")
    client.delete(stream)


if __name__ == "__main__":
    main()
